namespace ProxyAdmin.Application.Encryption;

/// <summary>Wakes this replica's rotation runner, which otherwise looks for a running rotation on its own schedule.</summary>
public interface IEncryptionRotationSignal
{
    void Wake();
}
