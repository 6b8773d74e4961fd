using ProxyAdmin.Application.Common.Idempotency;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users.Commands.CreateUser;

/// <summary>
/// <c>POST /user/new</c>: creates a user and, unless told not to, its first key. With <c>team_id</c> the user joins
/// that team as a <c>user</c> member and the first key belongs to the team (LiteLLM's <c>new_user</c>:
/// <c>_add_user_to_team(..., user_role="user")</c>, and the key takes the request's <c>team_id</c>); all in one
/// transaction, and an unknown team creates nothing.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin)]
[UnstoredFields(
    "spend", "team_id", "agent_id", "allowed_cache_controls", "config", "permissions", "model_max_budget", "model_rpm_limit",
    "model_tpm_limit", "guardrails", "policies", "prompts", "blocked", "aliases", "object_permission", "teams",
    "send_invite_email", "sso_user_id", "organizations", "password")]
public sealed record CreateUserCommand : ICommand<CreatedUserDto>, IIdempotentCommand
{
    /// <summary>Chosen by the caller, or a new uuid.</summary>
    public string? UserId { get; init; }

    public string? UserEmail { get; init; }
    public string? UserAlias { get; init; }

    /// <summary>Defaults to <c>internal_user</c>.</summary>
    public UserRole? UserRole { get; init; }

    public double? MaxBudget { get; init; }
    public List<string>? Models { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }
    public JsonObject? Metadata { get; init; }

    /// <summary>Whether to issue the user's first key (default true, as LiteLLM).</summary>
    public bool? AutoCreateKey { get; init; }

    /// <summary>Alias of the first key.</summary>
    public string? KeyAlias { get; init; }

    /// <summary>Lifetime of the first key, e.g. <c>30d</c>; no expiry when absent.</summary>
    public string? Duration { get; init; }

    /// <summary>A team the user joins as a <c>user</c> member, and the team of its first key.</summary>
    public string? TeamId { get; init; }
}

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.UserId).Identifier(User.IdMaxLength).NotReservedUserId("user_id");
        RuleFor(c => c.UserEmail).EmailAddress().MaximumLength(User.EmailMaxLength);
        RuleFor(c => c.UserAlias).MaximumLength(User.AliasMaxLength);
        RuleFor(c => c.UserRole).IsInEnum();
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.KeyAlias).MaximumLength(VirtualKey.AliasMaxLength);
        RuleFor(c => c.Duration).Duration();
        RuleFor(c => c.TeamId).Identifier(Team.IdMaxLength);
        RuleFor(c => c.Metadata).JsonSize();
    }
}

public sealed class CreateUserCommandHandler(
    IUserRepository users,
    ITeamRepository teams,
    IVirtualKeyRepository keys,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<CreateUserCommand, CreatedUserDto>
{
    public async ValueTask<CreatedUserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var userId = command.UserId ?? Guid.NewGuid().ToString();
        if (await users.ExistsAsync(userId, cancellationToken))
        {
            throw new ConflictException($"User id = {userId} already exists. Please use a different user id.", "user_id");
        }

        // The alias names the first key; without one (auto_create_key = false) it names nothing and cannot clash.
        var issuesKey = command.AutoCreateKey ?? true;
        if (issuesKey && command.KeyAlias is { } alias && await keys.AliasExistsAsync(alias, cancellationToken))
        {
            throw new ConflictException($"Key with alias '{alias}' already exists.", "key_alias");
        }

        var team = command.TeamId is { } teamId
            ? await teams.GetAsync(teamId, cancellationToken) ?? throw TeamAccess.NotFound(teamId)
            : null;

        var stamp = caller.Stamp(clock);
        var user = User.Create(userId, command.UserRole ?? UserRole.InternalUser, command.ToProfile(), stamp);
        users.Add(user);
        audit.Record(AuditAction.Created, AuditTables.Users, user.UserId, before: null, after: user.ToDto());

        if (team is not null)
        {
            var before = team.ToDto();
            team.AddMember(new TeamMember(user.UserId, user.UserEmail, TeamRole.User), stamp);
            audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, team.ToDto());
        }

        GeneratedKeyDto? firstKey = null;
        if (issuesKey)
        {
            var (plaintext, stored) = secrets.NewSecret();
            var key = VirtualKey.Issue(stored, user.UserId, new KeySettings { KeyAlias = command.KeyAlias, Duration = command.Duration, TeamId = team?.TeamId }, stamp);
            keys.Add(key);
            firstKey = key.ToGeneratedDto(plaintext);
            audit.Record(AuditAction.Created, AuditTables.Keys, key.Token, before: null, after: key.ToDto());
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);

        return user.ToCreatedDto(firstKey?.Key, firstKey?.KeyName, firstKey?.TokenId, firstKey?.Expires, team?.TeamId);
    }
}
