using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.CreateTeam;

/// <summary>
/// <c>POST /team/new</c>: creates a team with its members (unknown users are created), models, limits,
/// aliases and object permission. A creator that is a user (not the master key) becomes an admin of the team.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record CreateTeamCommand : ManagedMetadataFields, ICommand<TeamDto>
{
    /// <summary>Chosen by the caller, or a new uuid.</summary>
    public string? TeamId { get; init; }

    public string? TeamAlias { get; init; }

    /// <summary>Stored; organizations are not managed here yet.</summary>
    public string? OrganizationId { get; init; }

    public List<TeamMemberRequest>? MembersWithRoles { get; init; }

    /// <summary>Models the team's keys may use; empty or <c>all-proxy-models</c> means no restriction.</summary>
    public List<string>? Models { get; init; }

    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>Public model name → model name.</summary>
    public Dictionary<string, string?>? ModelAliases { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
    public ObjectPermissionRequest? ObjectPermission { get; init; }
}

public sealed class CreateTeamCommandValidator : AbstractValidator<CreateTeamCommand>
{
    public CreateTeamCommandValidator()
    {
        RuleFor(c => c.TeamId).Identifier(Team.IdMaxLength);
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
        RuleForEach(c => c.MembersWithRoles)
            .NotNull().WithMessage("'members_with_roles' must not contain null entries.")
            .SetValidator(new TeamMemberRequestValidator());
    }
}

public sealed class CreateTeamCommandHandler(
    ITeamRepository teams,
    TeamMemberResolver memberResolver,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<CreateTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(CreateTeamCommand command, CancellationToken cancellationToken)
    {
        var teamId = command.TeamId ?? Guid.NewGuid().ToString();
        if (await teams.ExistsAsync(teamId, cancellationToken))
        {
            throw new ConflictException($"Team id = {teamId} already exists. Please use a different team id.", "team_id");
        }

        var stamp = caller.Stamp(clock);
        var team = Team.Create(teamId, command.ToSettings(command.MoveInto(command.Metadata)), stamp);
        foreach (var request in command.MembersWithRoles ?? [])
        {
            var (member, _) = await memberResolver.ResolveAsync(request, stamp, cancellationToken);
            if (!team.AddMember(member, stamp))
            {
                throw new BadRequestException($"User={member.UserId} is listed more than once in members_with_roles.", "members_with_roles");
            }
        }

        // The master key is nobody, so it joins no team it creates; a user who creates one administers it.
        if (caller.Principal.UserId is { } creator && !team.IsMember(creator))
        {
            team.AddMember(new TeamMember(creator, null, TeamRole.Admin), stamp);
        }

        if (command.ObjectPermission is { } permission)
        {
            team.SetPermission(permission.ToSettings());
        }

        teams.Add(team);
        var created = team.ToDto();
        audit.Record(AuditAction.Created, AuditTables.Teams, team.TeamId, before: null, after: created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return created;
    }
}
