namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>404: the thing does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string message, string? param = null) : ProxyAdminException(message, param);
