namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>409: a duplicate identifier or a concurrent change.</summary>
public class ConflictException(string message, string? param = null) : ProxyAdminException(message, param);
