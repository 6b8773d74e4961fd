namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>403: a known caller asked for something its role does not allow; <c>param</c> names the field refused, if one is.</summary>
public sealed class ForbiddenAccessException(string message, string? param = null) : ProxyAdminException(message, param);
