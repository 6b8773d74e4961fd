using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeam;

/// <summary>
/// <c>POST /team/update</c>: changes only the fields sent; <c>metadata</c> and <c>model_aliases</c> are
/// merged. Team admins may update their team but never raise its budgets or limits (per-model limits in
/// <c>metadata</c> included), block it or move it to another organization; those stay with proxy admins.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateTeamCommand : ManagedMetadataFields, ICommand<UpdatedTeamDto>
{
    public required string TeamId { get; init; }
    public string? TeamAlias { get; init; }
    public string? OrganizationId { get; init; }
    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>Merged into the stored aliases; a null value removes that alias.</summary>
    public Dictionary<string, string?>? ModelAliases { get; init; }

    /// <summary>Merged into the stored metadata; a null value removes that key.</summary>
    public JsonObject? Metadata { get; init; }

    public bool? Blocked { get; init; }
    public ObjectPermissionRequest? ObjectPermission { get; init; }
}

/// <summary>LiteLLM's <c>/team/update</c> shape.</summary>
public sealed record UpdatedTeamDto
{
    public required string TeamId { get; init; }
    public required TeamDto Data { get; init; }
}

public sealed class UpdateTeamCommandValidator : AbstractValidator<UpdateTeamCommand>
{
    public UpdateTeamCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        Include(new ManagedMetadataFieldsValidator());
        TeamRules.ForIdentity(this, c => c.TeamAlias);
        TeamRules.ForLimits(this, c => c.MaxBudget, c => c.SoftBudget);
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.ModelAliases).ValidAliases();
        RuleFor(c => c.ObjectPermission).ValidPermission();
    }
}

public sealed class UpdateTeamCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    IKeyLookupCache keyLookups,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<UpdateTeamCommand, UpdatedTeamDto>
{
    public async ValueTask<UpdatedTeamDto> Handle(UpdateTeamCommand command, CancellationToken cancellationToken)
    {
        var team = caller.EnsureAdministrable(await teams.GetAsync(command.TeamId, cancellationToken), command.TeamId, "update it");
        var metadata = command.MoveInto(command.Metadata);
        if (!caller.IsProxyAdmin())
        {
            if (metadata is not null)
            {
                var merged = MetadataMap.Merge(team.Metadata, metadata);
                EnsureNoPerModelRaise("model_rpm_limit", team.Metadata, merged);
                EnsureNoPerModelRaise("model_tpm_limit", team.Metadata, merged);
            }

            EnsureNoRaise("max_budget", team.MaxBudget, command.MaxBudget);
            EnsureNoRaise("soft_budget", team.SoftBudget, command.SoftBudget);
            EnsureNoRaise("tpm_limit", team.TpmLimit, command.TpmLimit);
            EnsureNoRaise("rpm_limit", team.RpmLimit, command.RpmLimit);
            EnsureNoRaise("max_parallel_requests", team.MaxParallelRequests, command.MaxParallelRequests);
            if (command.Blocked is not null && command.Blocked != team.Blocked)
            {
                throw new ForbiddenAccessException("Only proxy admins can block or unblock a team.");
            }

            if (command.OrganizationId is not null && command.OrganizationId != team.OrganizationId)
            {
                throw new ForbiddenAccessException("Only proxy admins can move a team to another organization.");
            }
        }

        var before = team.ToDto();
        team.Update(
            new TeamSettings
            {
                TeamAlias = command.TeamAlias,
                OrganizationId = command.OrganizationId,
                Models = command.Models,
                MaxBudget = command.MaxBudget,
                SoftBudget = command.SoftBudget,
                TpmLimit = command.TpmLimit,
                RpmLimit = command.RpmLimit,
                MaxParallelRequests = command.MaxParallelRequests,
                BudgetDuration = command.BudgetDuration,
                ModelAliases = command.ModelAliases,
                Metadata = metadata,
                Blocked = command.Blocked,
            },
            caller.UserId,
            clock.GetUtcNow().UtcDateTime);

        if (command.ObjectPermission is { } permission)
        {
            if (team.ObjectPermission is { } existing)
            {
                existing.Update(permission.ToSettings());
            }
            else
            {
                team.AttachPermission(ObjectPermission.Create(permission.ToSettings()));
            }
        }

        var after = team.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        if (command.Blocked is not null)
        {
            unitOfWork.OnCommitted(keyLookups.InvalidateAll);
        }

        return new UpdatedTeamDto { TeamId = team.TeamId, Data = after };
    }

    /// <summary>
    /// Every per-model limit the team has must survive the merge at the same or a lower value: raising it,
    /// dropping it (a null, or a map sent without that model) or making it non-numeric lifts the limit.
    /// </summary>
    private static void EnsureNoPerModelRaise(string field, JsonObject current, JsonObject merged)
    {
        if (current[field] is not JsonObject limits)
        {
            return;
        }

        var requested = merged[field] as JsonObject;
        foreach (var (model, limit) in limits)
        {
            if (AsNumber(limit) is not { } stored)
            {
                continue;
            }

            if (AsNumber(requested?[model]) is not { } value || value > stored)
            {
                throw new ForbiddenAccessException(
                    $"Team admins cannot raise or remove their team's {field} for model {model} (current {stored.ToString(CultureInfo.InvariantCulture)}); ask a proxy admin.");
            }
        }
    }

    private static double? AsNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Raising means sending a value above the stored limit; setting a limit where there was none lowers it.</summary>
    private static void EnsureNoRaise<TValue>(string field, TValue? current, TValue? requested)
        where TValue : struct, IComparable<TValue>
    {
        if (requested is { } value && current is { } limit && value.CompareTo(limit) > 0)
        {
            throw new ForbiddenAccessException($"Team admins cannot raise their team's {field} (current {limit}, requested {value}); ask a proxy admin.");
        }
    }
}
