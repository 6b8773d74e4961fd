using ProxyAdmin.Application.Models;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;

/// <summary>
/// <c>GET /key/explain?key=&amp;model=</c>: a key (by secret or hash; the caller's own without <c>key</c>), the models it
/// may call, every level above it with its models, limits and what is left of its budget, and, for <c>model</c>, the
/// verdict with the first rule that denies it. The rules are those every other check uses (<see cref="ModelVisibility"/>,
/// <see cref="ModelAllowList"/>, <see cref="KeyValidity"/>), applied to the key, not re-implemented. Proxy admins and
/// viewers may explain any key; anyone else the keys they may read (their own) and the keys of the teams they
/// administer; any other key is the 404 an unknown key gets.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ExplainKeyAccessQuery(string? Key, string? Model) : IQuery<KeyAccessExplanationDto>;

public sealed class ExplainKeyAccessQueryValidator : AbstractValidator<ExplainKeyAccessQuery>
{
    public ExplainKeyAccessQueryValidator()
    {
        RuleFor(q => q.Key).MaximumLength(KeyRules.SecretMaxLength);
        RuleFor(q => q.Model).MaximumLength(ModelDeployment.NameMaxLength);
    }
}

public sealed class ExplainKeyAccessQueryHandler(
    IVirtualKeyRepository keys,
    IVirtualKeySecrets secrets,
    ICurrentCaller caller,
    KeyAccessChains chains,
    ModelVisibility visibility,
    CallableModels callable,
    VisibleModelReader models,
    TimeProvider clock)
    : IQueryHandler<ExplainKeyAccessQuery, KeyAccessExplanationDto>
{
    public async ValueTask<KeyAccessExplanationDto> Handle(ExplainKeyAccessQuery query, CancellationToken cancellationToken)
    {
        var hash = string.IsNullOrEmpty(query.Key) ? caller.Principal.KeyToken : secrets.ToHash(query.Key);
        var presented = string.IsNullOrEmpty(query.Key) ? hash : query.Key;
        var key = await keys.ReadByTokenAsync(hash, cancellationToken) ?? throw KeyAccess.NotFound(presented);
        var userId = key.UserId is { } owner && !ReservedUserIds.IsReserved(owner) ? owner : null;
        var chain = await chains.ForAsync(key, userId, cancellationToken);
        if (!key.IsVisibleTo(caller.Principal) && chain.Team?.IsAdministeredBy(caller.Principal) != true)
        {
            throw KeyAccess.NotFound(presented);
        }

        // The key judged as authentication would make it a principal (ApiKeyAuthenticator): its user's role, or a service account.
        var principal = userId is not null
            ? Principal.ForUser(userId, chain.User?.UserRole ?? UserRole.InternalUser, key.Token)
            : Principal.ForServiceAccount(key.Token, key.TeamId);
        var scope = await visibility.ForAsync(principal, chain, cancellationToken);
        var callableModels = await callable.InAsync(scope, teamId: null, cancellationToken);

        var model = string.IsNullOrEmpty(query.Model) ? null : query.Model;
        var deployments = model is null ? [] : (await models.AllAsync(ModelScope.All, teamId: null, cancellationToken)).Where(d => d.ModelName == model).ToList();
        var accessGroups = deployments.SelectMany(d => ModelAccessGroups.Of(d.ModelInfo)).ToHashSet(StringComparer.Ordinal);
        var allowances = model is null
            ? new Dictionary<ModelAccessLevel, ModelAllowance>()
            : chain.Judge(model, accessGroups).ToDictionary(judged => judged.Level, judged => judged.Allowance);

        return new KeyAccessExplanationDto
        {
            Token = key.Token,
            KeyName = key.KeyName,
            KeyAlias = key.KeyAlias,
            EffectiveModels = callableModels.Select(m => m.Name).ToList(),
            Levels = chain.Levels.Select(level => Describe(level, chain, allowances.TryGetValue(level, out var allowance) ? allowance : null)).ToList(),
            Verdict = model is null ? null : Verdict(model, key, chain, scope, deployments, allowances, callableModels),
        };
    }

    private ModelVerdictDto Verdict(
        string model,
        VirtualKey key,
        KeyAccessChain chain,
        ModelScope scope,
        List<ModelDto> deployments,
        Dictionary<ModelAccessLevel, ModelAllowance> allowances,
        IReadOnlyList<CallableModel> callableModels)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Authentication's own order and messages: the key, its team, its project, then its expiry.
        if (key.Blocked)
        {
            return Denied(model, ModelAccessLevel.Key, "key_blocked", KeyValidity.Refusal(blocked: true, teamBlocked: false, null, now)!);
        }

        if (chain.Team?.Blocked == true)
        {
            return Denied(model, ModelAccessLevel.Team, "team_blocked", KeyValidity.Refusal(blocked: false, teamBlocked: true, null, now)!);
        }

        if (chain.Project?.Blocked == true)
        {
            return Denied(model, ModelAccessLevel.Project, "project_blocked", KeyValidity.Refusal(false, false, null, now, chain.Project.ProjectId)!);
        }

        if (KeyValidity.IsExpired(key.Expires, now))
        {
            return Denied(model, ModelAccessLevel.Key, "key_expired", KeyValidity.Refusal(false, false, key.Expires, now)!);
        }

        if (deployments.Count == 0)
        {
            return NotFound(model);
        }

        var teamDeployments = deployments.Where(d => ModelInfoFields.Read(d.ModelInfo).TeamId is not null).ToList();
        var ownTeamModel = teamDeployments.Any(d => scope.Allows(ModelInfoFields.Read(d.ModelInfo).TeamId, model));
        if (!ownTeamModel && teamDeployments.Count == deployments.Count)
        {
            // Another team's model exists only for its team: only a caller who reads everything learns that it does.
            return caller.ReadsEverything()
                ? Denied(model, ModelAccessLevel.Team, "other_team_model", $"{model} is a model of a team this key's holder is not a member of.")
                : NotFound(model);
        }

        if (!ownTeamModel && !scope.Everything && allowances.FirstOrDefault(judged => !judged.Value.Allowed) is { Key: { } level, Value: var refusal })
        {
            return Denied(
                model,
                level.Level,
                refusal.Reason == ModelAllowanceReason.NoDefaultModels ? "no_default_models" : "not_listed",
                refusal.Reason == ModelAllowanceReason.NoDefaultModels
                    ? $"User not allowed to access model. No default model access, only team models allowed. Tried to access {model}"
                    : $"{level.Level} not allowed to access model. This {level.Level} can only access models=[{string.Join(", ", level.Models)}]. Tried to access {model}");
        }

        if (!callableModels.Any(m => m.Name == model))
        {
            return Denied(model, "model", "model_blocked", $"Every deployment of {model} is blocked.");
        }

        foreach (var (budgetLevel, spend, maxBudget) in Budgets(chain))
        {
            if (maxBudget is { } max && spend >= max)
            {
                return Denied(model, budgetLevel, "budget_exceeded", $"Budget has been exceeded! {budgetLevel}={IdOf(chain, budgetLevel)} Current cost: {spend}, Max budget: {max}");
            }
        }

        return new ModelVerdictDto { Model = model, Allowed = true };
    }

    private static ModelVerdictDto NotFound(string model) => Denied(model, "model", "model_not_found", $"No deployment answers to the model name {model}.");

    private static ModelVerdictDto Denied(string model, string level, string rule, string message) =>
        new() { Model = model, Allowed = false, DeniedBy = level, Rule = rule, Message = message };

    private static IEnumerable<(string Level, double Spend, double? MaxBudget)> Budgets(KeyAccessChain chain)
    {
        if (chain.Key is { } key)
        {
            yield return (ModelAccessLevel.Key, key.Spend, key.MaxBudget ?? key.Budget?.MaxBudget);
        }

        if (chain.Team is { } team)
        {
            yield return (ModelAccessLevel.Team, team.Spend, team.MaxBudget);
        }

        if (chain.Project is { } project)
        {
            yield return (ModelAccessLevel.Project, project.Spend, project.Budget?.MaxBudget);
        }

        if (chain.Organization is { } organization)
        {
            yield return (ModelAccessLevel.Organization, organization.Spend, organization.Budget?.MaxBudget);
        }

        if (chain.User is { } user)
        {
            yield return (ModelAccessLevel.User, user.Spend, user.MaxBudget);
        }
    }

    private static string IdOf(KeyAccessChain chain, string level) => chain.Levels.First(l => l.Level == level).Id;

    private static AccessLevelDto Describe(ModelAccessLevel level, KeyAccessChain chain, ModelAllowance? allowance)
    {
        var (spend, maxBudget) = Budgets(chain).Where(b => b.Level == level.Level).Select(b => (b.Spend, b.MaxBudget)).First();
        var dto = new AccessLevelDto
        {
            Level = level.Level,
            Id = level.Id,
            Models = [.. level.Models],
            Spend = spend,
            MaxBudget = maxBudget,
            BudgetRemaining = maxBudget is { } max ? Math.Max(0, max - spend) : null,
            ModelAllowance = allowance is { } a ? new ModelAllowanceDto { Allowed = a.Allowed, Rule = RuleName(a.Reason), Via = a.Entry } : null,
        };
        return level.Level switch
        {
            ModelAccessLevel.Key => dto with
            {
                Alias = chain.Key!.KeyAlias,
                Blocked = chain.Key.Blocked,
                TpmLimit = chain.Key.TpmLimit ?? chain.Key.Budget?.TpmLimit,
                RpmLimit = chain.Key.RpmLimit ?? chain.Key.Budget?.RpmLimit,
                BudgetDuration = chain.Key.BudgetDuration ?? chain.Key.Budget?.BudgetDuration,
                BudgetResetAt = chain.Key.BudgetResetAt ?? chain.Key.Budget?.BudgetResetAt,
            },
            ModelAccessLevel.Team => dto with
            {
                Alias = chain.Team!.TeamAlias,
                Blocked = chain.Team.Blocked,
                TpmLimit = chain.Team.TpmLimit,
                RpmLimit = chain.Team.RpmLimit,
                BudgetDuration = chain.Team.BudgetDuration,
                BudgetResetAt = chain.Team.BudgetResetAt,
            },
            ModelAccessLevel.Project => dto with
            {
                Alias = chain.Project!.ProjectAlias,
                Blocked = chain.Project.Blocked,
                TpmLimit = chain.Project.Budget?.TpmLimit,
                RpmLimit = chain.Project.Budget?.RpmLimit,
                BudgetDuration = chain.Project.Budget?.BudgetDuration,
                BudgetResetAt = chain.Project.Budget?.BudgetResetAt,
            },
            ModelAccessLevel.Organization => dto with
            {
                Alias = chain.Organization!.OrganizationAlias,
                TpmLimit = chain.Organization.Budget?.TpmLimit,
                RpmLimit = chain.Organization.Budget?.RpmLimit,
                BudgetDuration = chain.Organization.Budget?.BudgetDuration,
                BudgetResetAt = chain.Organization.Budget?.BudgetResetAt,
            },
            _ => dto with
            {
                Alias = chain.User!.UserAlias,
                TpmLimit = chain.User.TpmLimit,
                RpmLimit = chain.User.RpmLimit,
                BudgetDuration = chain.User.BudgetDuration,
                BudgetResetAt = chain.User.BudgetResetAt,
            },
        };
    }

    private static string RuleName(ModelAllowanceReason reason) => reason switch
    {
        ModelAllowanceReason.Unrestricted => "unrestricted",
        ModelAllowanceReason.AllProxyModels => "all_proxy_models",
        ModelAllowanceReason.AccessGroup => "access_group",
        ModelAllowanceReason.TeamAlias => "team_alias",
        ModelAllowanceReason.Wildcard => "wildcard",
        ModelAllowanceReason.Listed => "listed",
        ModelAllowanceReason.NoDefaultModels => "no_default_models",
        _ => "not_listed",
    };
}
