namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>401: no caller could be established.</summary>
public sealed class UnauthenticatedException(string message) : ProxyAdminException(message);
