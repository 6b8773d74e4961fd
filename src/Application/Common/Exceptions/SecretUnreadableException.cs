namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>A stored secret could not be decrypted; never turned into a silent null.</summary>
public sealed class SecretUnreadableException(string message) : Exception(message);
