namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>428: the service requires every update and delete to name the version it changes (<c>If-Match</c>), and this one named none.</summary>
public sealed class PreconditionRequiredException(string message, string? param = null) : ProxyAdminException(message, param);
