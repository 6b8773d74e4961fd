using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys.Commands.GenerateKey;

/// <summary>
/// <c>POST /key/generate</c>: issues a key and returns its secret, this once. A non-admin issues keys
/// only for itself, and only for teams it belongs to.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record GenerateKeyCommand : ICommand<GeneratedKeyDto>
{
    public string? KeyAlias { get; init; }

    /// <summary>Owner of the key; the caller when absent.</summary>
    public string? UserId { get; init; }

    public string? TeamId { get; init; }

    /// <summary>A project of the key's team; the team is taken from the project when omitted.</summary>
    public string? ProjectId { get; init; }

    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>Lifetime, e.g. <c>30d</c>; no expiry when absent.</summary>
    public string? Duration { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
}

public sealed class GenerateKeyCommandValidator : AbstractValidator<GenerateKeyCommand>
{
    public GenerateKeyCommandValidator()
    {
        RuleFor(c => c.KeyAlias).NotEmpty().When(c => c.KeyAlias is not null).MaximumLength(VirtualKey.AliasMaxLength);
        RuleFor(c => c.UserId).Identifier(Domain.Users.User.IdMaxLength).NotReservedUserId("user_id");
        RuleFor(c => c.TeamId).Identifier(Domain.Users.User.IdMaxLength);
        RuleFor(c => c.ProjectId).Identifier(Domain.Projects.Project.IdMaxLength);
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Duration).Duration();
    }
}

public sealed class GenerateKeyCommandHandler(
    IVirtualKeyRepository keys,
    IUserRepository users,
    KeyPlacementRules placement,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<GenerateKeyCommand, GeneratedKeyDto>
{
    public async ValueTask<GeneratedKeyDto> Handle(GenerateKeyCommand command, CancellationToken cancellationToken)
    {
        var ownerId = await ResolveOwnerAsync(command.UserId, cancellationToken);
        var teamId = command.ProjectId is { } projectId
            ? await placement.TeamForProjectAsync(projectId, command.TeamId, cancellationToken)
            : command.TeamId;
        await placement.EnsureTeamUsableAsync(teamId, cancellationToken);
        if (command.KeyAlias is { } alias && await keys.AliasExistsAsync(alias, cancellationToken))
        {
            throw new ConflictException($"Key with alias '{alias}' already exists.", "key_alias");
        }

        var (plaintext, stored) = secrets.NewSecret();
        var key = VirtualKey.Issue(stored, ownerId, command.ToSettings(teamId), caller.Stamp(clock));
        keys.Add(key);
        audit.Record(AuditAction.Created, AuditTables.Keys, key.Token, before: null, after: key.ToDto());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return key.ToGeneratedDto(plaintext);
    }

    /// <summary>
    /// Admins may issue keys for any existing user, or for nobody (without <c>user_id</c>, the master key issues a
    /// key without a user: a service account); others only for themselves.
    /// </summary>
    private async Task<string?> ResolveOwnerAsync(string? requestedUserId, CancellationToken cancellationToken)
    {
        var self = caller.Principal.UserId;
        if (!caller.IsProxyAdmin())
        {
            // Only a user's key reaches here: the authorization gate turns service accounts away.
            if (self is null || (requestedUserId is not null && requestedUserId != self))
            {
                throw new ForbiddenAccessException($"You may only generate keys for yourself. user_id={requestedUserId}, your user_id={self}");
            }

            return self;
        }

        var ownerId = requestedUserId ?? self;
        if (ownerId is not null && !await users.ExistsAsync(ownerId, cancellationToken))
        {
            throw new NotFoundException($"User {ownerId} not found. Create it with /user/new first.", "user_id");
        }

        return ownerId;
    }
}
