using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeam;

/// <summary>
/// <c>POST /team/update</c>: changes only the fields sent; <c>metadata</c> and <c>model_aliases</c> are
/// merged. Team admins may update their team but never raise its budgets or limits, block it or move it
/// to another organization; those stay with proxy admins.
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
        if (!caller.IsProxyAdmin())
        {
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
                Metadata = command.MoveInto(command.Metadata),
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
