using ProxyAdmin.Domain.Encryption;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Encryption;

/// <summary>Rotation runs to responses.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class EncryptionRotationMapper
{
    [MapperIgnoreSource(nameof(EncryptionRotation.Version))]
    [MapperIgnoreSource(nameof(EncryptionRotation.ModelsAfter))]
    [MapperIgnoreSource(nameof(EncryptionRotation.CredentialsAfter))]
    [MapperIgnoreSource(nameof(EncryptionRotation.StartedByKey))]
    public static partial EncryptionRotationDto ToDto(this EncryptionRotation source);
}
