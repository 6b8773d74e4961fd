using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys.Commands.GenerateKey;

/// <summary>
/// <c>POST /key/generate</c>: issues a key and returns its secret, this once. A non-admin issues keys only for itself,
/// and only for teams it belongs to. Takes every field of LiteLLM's <c>GenerateKeyRequest</c>.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record GenerateKeyCommand : KeyRequestFields, ICommand<GeneratedKeyDto>, IIdempotentCommand
{
    /// <summary>The secret to issue, <c>sk-</c>…, instead of a generated one; proxy admins only.</summary>
    public string? Key { get; init; }
}

public sealed class GenerateKeyCommandValidator : KeyRequestValidator<GenerateKeyCommand>
{
    public GenerateKeyCommandValidator() => RuleFor(c => c.Key).VirtualKeySecret();
}

public sealed class GenerateKeyCommandHandler(
    IVirtualKeyRepository keys,
    IUserRepository users,
    KeyPlacementRules placement,
    KeyUpdater updater,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<GenerateKeyCommand, GeneratedKeyDto>
{
    public async ValueTask<GeneratedKeyDto> Handle(GenerateKeyCommand command, CancellationToken cancellationToken)
    {
        var ownerId = await ResolveOwnerAsync(command.UserId, cancellationToken);
        updater.EnsureAllowedForNewKey(command);
        if (command.Key is { } chosen)
        {
            await updater.EnsureChosenSecretAllowedAsync(chosen, "key", cancellationToken);
        }

        var teamId = command.ProjectId is { } projectId
            ? await placement.TeamForProjectAsync(projectId, command.TeamId, cancellationToken)
            : command.TeamId;
        await placement.EnsureTeamUsableAsync(teamId, cancellationToken);
        await placement.EnsureOrganizationUsableAsync(command.OrganizationId, cancellationToken);
        if (command.KeyAlias is { } alias && await keys.AliasExistsAsync(alias, cancellationToken))
        {
            throw new ConflictException($"Key with alias '{alias}' already exists.", "key_alias");
        }

        var stamp = caller.Stamp(clock);
        var budget = await updater.BudgetForNewKeyAsync(command, stamp, cancellationToken);
        var (plaintext, stored) = command.Key is { } secret ? (secret, secrets.Stored(secret)) : secrets.NewSecret();
        var key = VirtualKey.Issue(stored, ownerId, command.ToSettings(teamId, command.MoveInto(command.Metadata)), stamp);
        KeyUpdater.Complete(key, budget, command, stamp);
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
