namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>
/// 503: the database stayed busy (locked by other writers, or chose this command as a deadlock victim) through
/// every retry. Nothing was written; the same request can simply be sent again.
/// </summary>
public sealed class ServiceBusyException(string message) : ProxyAdminException(message);
