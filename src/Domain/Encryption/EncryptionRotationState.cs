namespace ProxyAdmin.Domain.Encryption;

/// <summary>Where an <see cref="EncryptionRotation"/> stands; on the wire in lower case.</summary>
public enum EncryptionRotationState
{
    Running,
    Completed,

    /// <summary>Replaced by a run under another key before it finished.</summary>
    Superseded,
}
