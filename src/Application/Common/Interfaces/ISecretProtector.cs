namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>Encrypts provider secrets at rest. Implemented with AES-256-GCM in Infrastructure.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>The plaintext, or <see cref="SecretUnreadableException"/> when the value is tampered with or was sealed under another key.</summary>
    string Unprotect(string stored);
}
