using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Keys.Commands.UpdateKey;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Permissions;
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
    [MapPropertyFromSource(nameof(KeyDto.SoftBudget), Use = nameof(SoftBudgetOf))]
    [MapProperty(nameof(VirtualKey.Budget), nameof(KeyDto.LitellmBudgetTable))]
    public static partial KeyDto ToDto(this VirtualKey source);

    [MapPropertyFromSource(nameof(GeneratedKeyDto.SoftBudget), Use = nameof(SoftBudgetOf))]
    [MapProperty(nameof(VirtualKey.Budget), nameof(GeneratedKeyDto.LitellmBudgetTable))]
    [MapProperty(nameof(VirtualKey.Token), nameof(GeneratedKeyDto.TokenId))]
    [MapProperty(nameof(VirtualKey.Token), nameof(GeneratedKeyDto.Token))]
    public static partial GeneratedKeyDto ToGeneratedDto(this VirtualKey source, string key);

    /// <param name="key">The key as the request named it.</param>
    public static partial UpdatedKeyDto ToUpdatedDto(this KeyDto source, string key);

    /// <param name="teamId">The team the key gets, which its project may decide rather than the request.</param>
    /// <param name="metadata">The metadata to store or merge: the request's, with its managed fields moved in.</param>
    [MapperIgnoreSource(nameof(KeyRequestFields.TeamId))]
    [MapperIgnoreSource(nameof(KeyRequestFields.Metadata))]
    [MapPropertyFromSource(nameof(KeySettings.AllowedRoutes), Use = nameof(AllowedRoutesOf))]
    public static partial KeySettings ToSettings(this KeyRequestFields source, string? teamId, JsonObject? metadata);

    private static double? SoftBudgetOf(VirtualKey key) => key.Budget?.SoftBudget;

    private static List<string>? AllowedRoutesOf(KeyRequestFields request) => request.EffectiveAllowedRoutes();

    private static BudgetDto? MapBudget(Budget? source) => source?.ToDto();

    private static ObjectPermissionDto? MapPermission(ObjectPermission? source) => source?.ToDto();
}
