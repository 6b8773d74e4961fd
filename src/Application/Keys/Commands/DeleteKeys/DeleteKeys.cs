using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys.Commands.DeleteKeys;

/// <summary>
/// <c>POST /key/delete</c>: deletes keys named by secret, hash (<c>keys</c>) or alias (<c>key_aliases</c>).
/// Every name must resolve to a key the caller may manage, or nothing is deleted.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record DeleteKeysCommand : ICommand<DeletedKeysDto>
{
    public List<string>? Keys { get; init; }
    public List<string>? KeyAliases { get; init; }
}

public sealed class DeleteKeysCommandValidator : AbstractValidator<DeleteKeysCommand>
{
    public DeleteKeysCommandValidator()
    {
        RuleFor(c => c)
            .Must(c => (c.Keys?.Count ?? 0) + (c.KeyAliases?.Count ?? 0) > 0)
            .WithName("keys")
            .OverridePropertyName("keys")
            .WithMessage("At least one of 'keys' or 'key_aliases' must be provided.");
        RuleForEach(c => c.Keys).NotEmpty().WithMessage("'keys' must not contain empty values.");
        RuleForEach(c => c.KeyAliases).NotEmpty().WithMessage("'key_aliases' must not contain empty values.");
    }
}

public sealed class DeleteKeysCommandHandler(
    IVirtualKeyRepository keys,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags) : ICommandHandler<DeleteKeysCommand, DeletedKeysDto>
{
    public async ValueTask<DeletedKeysDto> Handle(DeleteKeysCommand command, CancellationToken cancellationToken)
    {
        var presented = (command.Keys ?? []).Distinct(StringComparer.Ordinal).ToList();
        var aliases = (command.KeyAliases ?? []).Distinct(StringComparer.Ordinal).ToList();

        var hashes = presented.ToDictionary(k => k, secrets.ToHash, StringComparer.Ordinal);
        var byToken = (await keys.GetByTokensAsync(hashes.Values.ToList(), cancellationToken)).ToDictionary(k => k.Token, StringComparer.Ordinal);
        var byAlias = (await keys.GetByAliasesAsync(aliases, cancellationToken)).ToDictionary(k => k.KeyAlias!, StringComparer.Ordinal);

        // Resolve every name before deleting anything: one unknown or foreign key refuses the whole request.
        var toDelete = new Dictionary<Guid, VirtualKey>();
        foreach (var name in presented)
        {
            var key = caller.EnsureManageable(byToken.GetValueOrDefault(hashes[name]), name);
            toDelete[key.Id] = key;
        }

        foreach (var alias in aliases)
        {
            var key = byAlias.GetValueOrDefault(alias);
            if (key is null || !key.IsManageableBy(caller.Principal))
            {
                throw new NotFoundException($"Key not found: alias '{alias}'.", "key_aliases");
            }

            toDelete[key.Id] = key;
        }

        // One tag per name as sent: the keys in their order, then the aliases in theirs.
        tags.EnsureCurrent(
            AuditTables.Keys,
            [
                .. (command.Keys ?? []).Select(name => byToken[hashes[name]]).Select(key => (key.Token, key.Version)),
                .. (command.KeyAliases ?? []).Select(alias => byAlias[alias]).Select(key => (key.Token, key.Version)),
            ]);

        foreach (var key in toDelete.Values)
        {
            audit.Record(AuditAction.Deleted, AuditTables.Keys, key.Token, key.ToDto(), after: null);
            keys.Remove(key);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new DeletedKeysDto { DeletedKeys = [.. presented.Select(KeyAccess.Describe), .. aliases] };
    }
}
