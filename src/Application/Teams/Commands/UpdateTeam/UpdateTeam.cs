using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
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

public sealed class UpdateTeamCommandValidator : AbstractValidator<UpdateTeamCommand>
{
    public UpdateTeamCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        Include(new ManagedMetadataFieldsValidator());
        RuleFor(c => c.TeamAlias).MaximumLength(Team.AliasMaxLength);
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.SoftBudget).FiniteNonNegative().SoftBelowMax(c => c.MaxBudget);
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
        var changes = command.ToSettings(command.MoveInto(command.Metadata));
        if (!caller.IsProxyAdmin() && team.RefusalForTeamAdmin(changes) is { } refusal)
        {
            throw new ForbiddenAccessException(refusal);
        }

        var before = team.ToDto();
        team.Update(changes, caller.Stamp(clock));
        if (command.ObjectPermission is { } permission)
        {
            team.SetPermission(permission.ToSettings());
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
}
