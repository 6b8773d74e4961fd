namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>
/// 409: the row changed between this command's read and its write. The transaction behaviour retries
/// the command against the fresh row a few times before letting this reach the caller.
/// </summary>
public sealed class ConcurrencyConflictException(string message) : ConflictException(message);
