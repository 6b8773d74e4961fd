using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// The part of a key change that <c>/key/generate</c>, <c>/key/update</c> and <c>/key/regenerate</c> share and that
/// loads data: who may set what, where the key may be placed, its budget row and its object permission. Every check
/// runs before anything changes, so a refused request leaves the key as it was.
/// </summary>
public sealed class KeyUpdater(
    IVirtualKeyRepository keys,
    IUserRepository users,
    IBudgetRepository budgets,
    KeyPlacementRules placement,
    IVirtualKeySecrets secrets,
    ICurrentCaller caller)
{
    /// <summary>
    /// A caller-chosen secret may be chosen by proxy admins only: whether it is taken (409) tells whoever tries whether a
    /// key with that secret exists, which nobody else may learn.
    /// </summary>
    public async Task EnsureChosenSecretAllowedAsync(string plaintext, string param, CancellationToken cancellationToken)
    {
        if (!caller.IsProxyAdmin())
        {
            throw new ForbiddenAccessException($"Only proxy admins may choose a key's value ({param}); leave it out and one is generated.", param);
        }

        if (await keys.GetByTokenAsync(secrets.Hash(plaintext), cancellationToken) is not null)
        {
            throw new ConflictException($"A key with this {param} already exists. Choose another value.", param);
        }
    }

    /// <summary>The rules a new key's fields keep beyond their shape; refuses before anything is staged.</summary>
    public void EnsureAllowedForNewKey(KeyRequestFields request)
    {
        if (request.Spend is not null && !caller.IsProxyAdmin())
        {
            throw new ForbiddenAccessException("Only proxy admins can set a key's spend.", "spend");
        }
    }

    /// <summary>The budget row a new key gets: the linked one (<c>budget_id</c>), a new one for its soft budget, or none.</summary>
    public async Task<Budget?> BudgetForNewKeyAsync(KeyRequestFields request, AuditStamp stamp, CancellationToken cancellationToken)
    {
        caller.EnsureMayLink(request.BudgetId, current: null);
        if (request.BudgetId is { } budgetId)
        {
            return await budgets.GetAsync(budgetId, cancellationToken) ?? throw ProjectErrors.BudgetNotFound(budgetId);
        }

        if (request.SoftBudget is not { } softBudget)
        {
            return null;
        }

        var budget = Budget.Create(new BudgetSettings { SoftBudget = softBudget }, stamp);
        budgets.Add(budget);
        return budget;
    }

    /// <summary>Gives a new key what <see cref="VirtualKey.Issue"/> does not: its budget row and object permission.</summary>
    public static void Complete(VirtualKey key, Budget? budget, KeyRequestFields request, AuditStamp stamp)
    {
        if (budget is not null)
        {
            key.LinkBudget(budget, stamp);
        }

        if (request.ObjectPermission is { } permission)
        {
            key.SetPermission(permission.ToSettings(), stamp);
        }
    }

    /// <summary>
    /// Applies an update (or the update part of a rotation) to a stored key: the fields sent change, the others stay.
    /// Non-admins may not move a key to another user, unblock it or set its spend.
    /// </summary>
    public async Task ApplyAsync(VirtualKey key, KeyRequestFields request, AuditStamp stamp, CancellationToken cancellationToken)
    {
        if (!caller.IsProxyAdmin())
        {
            if (request.UserId is not null && request.UserId != key.UserId)
            {
                throw new ForbiddenAccessException("Only proxy admins can move a key to another user.");
            }

            if (request.Blocked == false && key.Blocked)
            {
                throw new ForbiddenAccessException("Only proxy admins can unblock a key.");
            }

            if (request.Spend is not null)
            {
                throw new ForbiddenAccessException("Only proxy admins can set a key's spend.", "spend");
            }
        }

        if (request.KeyAlias is { } alias && alias != key.KeyAlias && await keys.AliasExistsAsync(alias, cancellationToken))
        {
            throw new ConflictException($"Key with alias '{alias}' already exists.", "key_alias");
        }

        if (request.UserId is { } newOwner && newOwner != key.UserId && !await users.ExistsAsync(newOwner, cancellationToken))
        {
            throw new NotFoundException($"User {newOwner} not found.", "user_id");
        }

        var teamId = request.TeamId ?? key.TeamId;
        if ((request.ProjectId ?? key.ProjectId) is { } projectId && (request.ProjectId is not null || request.TeamId is not null))
        {
            teamId = await placement.TeamForProjectAsync(projectId, teamId, cancellationToken);
        }

        if (teamId != key.TeamId)
        {
            await placement.EnsureTeamUsableAsync(teamId, cancellationToken);
        }

        if (request.OrganizationId is { } organizationId && organizationId != key.OrganizationId)
        {
            await placement.EnsureOrganizationUsableAsync(organizationId, cancellationToken);
        }

        caller.EnsureMayLink(request.BudgetId, key.BudgetId);
        var linkedBudget = key.Budget;
        if (request.BudgetId is { } budgetId && budgetId != key.BudgetId)
        {
            linkedBudget = await budgets.GetAsync(budgetId, cancellationToken) ?? throw ProjectErrors.BudgetNotFound(budgetId);
        }

        if (request.SoftBudget is not null && linkedBudget is not null)
        {
            await caller.EnsureMayChangeAsync(budgets, linkedBudget, cancellationToken);
        }

        if (request.SoftBudget is { } softBudget)
        {
            // The key's soft budget stays below its own max budget and below the max budget of the row that holds it.
            BudgetRules.EnsureSoftBelowMax(softBudget, request.MaxBudget ?? key.MaxBudget);
            BudgetRules.EnsureSoftBelowMax(softBudget, linkedBudget?.MaxBudget);
        }
        else if (request.MaxBudget is { } maxBudget)
        {
            BudgetRules.EnsureSoftBelowMax(linkedBudget?.SoftBudget, maxBudget);
        }

        if (request.UserId is { } owner && owner != key.UserId)
        {
            key.AssignTo(owner, stamp);
        }

        key.Update(request.ToSettings(teamId, request.MoveInto(request.Metadata)), stamp);
        if (request.SoftBudget is { } soft)
        {
            if (linkedBudget is null)
            {
                linkedBudget = Budget.Create(new BudgetSettings { SoftBudget = soft }, stamp);
                budgets.Add(linkedBudget);
            }
            else
            {
                linkedBudget.Update(new BudgetSettings { SoftBudget = soft }, stamp);
            }
        }

        if (linkedBudget is not null && linkedBudget.BudgetId != key.BudgetId)
        {
            key.LinkBudget(linkedBudget, stamp);
        }

        if (request.ObjectPermission is { } permission)
        {
            key.SetPermission(permission.ToSettings(), stamp);
        }
    }
}
