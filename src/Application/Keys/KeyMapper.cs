using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.Keys.Commands.UpdateKey;
using ProxyAdmin.Domain.Keys;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// Keys to responses, and requests to the settings a key takes. Every target member must be mapped
/// (<see cref="RequiredMappingStrategy.Target"/>), so a field added to <see cref="KeySettings"/> that no request
/// fills is a build error, not a silently dropped value.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class KeyMapper
{
    public static partial KeyDto ToDto(this VirtualKey source);

    [MapProperty(nameof(VirtualKey.Token), nameof(GeneratedKeyDto.TokenId))]
    [MapProperty(nameof(VirtualKey.Token), nameof(GeneratedKeyDto.Token))]
    public static partial GeneratedKeyDto ToGeneratedDto(this VirtualKey source, string key);

    /// <param name="teamId">The team the key gets, which its project may decide rather than the request.</param>
    [MapperIgnoreSource(nameof(GenerateKeyCommand.TeamId))]
    public static partial KeySettings ToSettings(this GenerateKeyCommand source, string? teamId);

    /// <param name="teamId">The team the key gets, which its project may decide rather than the request.</param>
    [MapperIgnoreSource(nameof(UpdateKeyCommand.TeamId))]
    public static partial KeySettings ToSettings(this UpdateKeyCommand source, string? teamId);
}
