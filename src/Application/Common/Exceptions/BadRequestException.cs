namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>400: the request is well-formed but asks for something the rules forbid.</summary>
public sealed class BadRequestException(string message, string? param = null) : ProxyAdminException(message, param);
