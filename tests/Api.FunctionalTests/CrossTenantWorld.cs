using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Two tenants and a user of neither, built through the master key on a service of their own, for the cross-tenant
/// probes: team A (the victim) and team B (whose callers probe), each with a team admin and a member (each with its
/// first key and a key of the team), a service key (a key of the team without a user), a project with its own budget
/// row, a team model with a provider secret and a config-file model of the team. B's project budget row is shared, as only a proxy admin can share
/// one: A's service key and B's member key link it too, so a change to it would reach into team A. Knows what it must
/// never show to another tenant, and takes a snapshot of every stored thing a refused probe could have changed.
/// </summary>
public sealed class CrossTenantWorld
{
    /// <summary>Who sends a probe: team B's admin, member and service key, and a user in no team.</summary>
    public enum CallerKind
    {
        TeamAdmin,
        Member,
        ServiceKey,
        Outsider,
    }

    private readonly ProxyAdminApp _app;

    private CrossTenantWorld(ProxyAdminApp app, Tenant a, Tenant b, Caller outsider)
    {
        _app = app;
        A = a;
        B = b;
        Outsider = outsider;
    }

    /// <summary>The victim: no probe may change, or show, anything of it.</summary>
    public Tenant A { get; }

    /// <summary>The tenant whose callers send the probes.</summary>
    public Tenant B { get; }

    /// <summary>
    /// A's twin that was never created: the same kinds of ids, none stored. A probe naming it must be answered exactly
    /// as the same probe naming A (its ids put for A's), or the answer tells whether A's things exist.
    /// </summary>
    public Tenant Ghost { get; } = Tenant.NeverCreated("g");

    public Caller Outsider { get; }

    public Caller CallerOf(CallerKind kind) => kind switch
    {
        CallerKind.TeamAdmin => B.Admin,
        CallerKind.Member => B.Member,
        CallerKind.ServiceKey => B.Service,
        CallerKind.Outsider => Outsider,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown caller."),
    };

    /// <summary>
    /// The teams' ids and the config file the service must start with (config models are read at start), written to
    /// a temporary file the caller deletes.
    /// </summary>
    public static Blueprint Draw()
    {
        var blueprint = new Blueprint(Api.UniqueId("tenant-a"), Api.UniqueId("tenant-b"), Path.Combine(Path.GetTempPath(), $"proxyadmin-tenants-{Guid.NewGuid():N}.yaml"));
        File.WriteAllText(blueprint.ConfigFile, "model_list:\n" + string.Concat(new[] { blueprint.TeamIdA, blueprint.TeamIdB }.Select(teamId => $"""
              - model_name: {Blueprint.ConfigModelName(teamId)}
                litellm_params:
                  model: openai/gpt-4o-mini
                  api_key: {Blueprint.ConfigSecret(teamId)}
                model_info:
                  id: {Blueprint.ConfigModelId(teamId)}
                  team_id: {teamId}

            """)));
        return blueprint;
    }

    public static async Task<CrossTenantWorld> BuildAsync(ProxyAdminApp app, Blueprint blueprint)
    {
        var a = await NewTenantAsync(app, "a", blueprint.TeamIdA);
        var b = await NewTenantAsync(app, "b", blueprint.TeamIdB);
        foreach (var key in new[] { a.Service, b.Member })
        {
            await (await app.Admin().PostJson("/key/update", new { key = key.Token, budget_id = b.ProjectBudgetId })).Expect(200);
        }

        var outsider = await NewUserAsync(app, "outsider", CallerKind.Outsider);
        return new CrossTenantWorld(app, a, b, outsider);
    }

    /// <summary>
    /// Every stored thing of both tenants and the outsider, read through the master key, plus the counts of every
    /// table a write would grow (the audit log first: every write leaves a row). Parts are named so a failure can say
    /// which changed without printing it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var admin = _app.Admin();
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task Read(string name, string path) =>
            parts[name] = await (await admin.GetAsync(path)).Content.ReadAsStringAsync();

        foreach (var tenant in new[] { A, B })
        {
            await Read($"team {tenant.Name}", $"/team/info?team_id={tenant.TeamId}");
            await Read($"project {tenant.Name}", $"/project/info?project_id={tenant.ProjectId}");
            await Read($"model {tenant.Name}", $"/model/info?litellm_model_id={tenant.ModelId}");
            await Read($"credential {tenant.Name}", $"/credentials/by_name/{tenant.CredentialName}");
            await Read($"admin user {tenant.Name} and its keys", $"/user/info?user_id={tenant.Admin.UserId}");
            await Read($"member user {tenant.Name} and its keys", $"/user/info?user_id={tenant.Member.UserId}");
            await Read($"service key {tenant.Name}", $"/key/info?key={tenant.Service.Token}");
        }

        await Read("outsider user and its keys", $"/user/info?user_id={Outsider.UserId}");
        parts["audit rows"] = Count(await (await admin.GetAsync("/audit?page_size=1")).Expect(200), "total");
        parts["keys"] = Count(await (await admin.GetAsync("/key/list?size=1")).Expect(200), "total_count");
        parts["users"] = Count(await (await admin.GetAsync("/user/list?page_size=1")).Expect(200), "total");
        parts["teams"] = Count(await (await admin.GetAsync("/v2/team/list?page_size=1")).Expect(200), "total");
        parts["projects"] = Count(await (await admin.GetAsync("/v2/project/list?page_size=1")).Expect(200), "total");
        parts["models"] = Count(await (await admin.GetAsync("/v2/model/info?size=1")).Expect(200), "total_count");
        return parts;
    }

    private static string Count(JsonObject page, string field) => page[field]!.ToJsonString();

    private static async Task<Tenant> NewTenantAsync(ProxyAdminApp app, string name, string teamId)
    {
        var admin = app.Admin();
        var teamAlias = Api.UniqueId($"alias-{name}");
        var marker = Api.UniqueId($"marker-{name}");
        await (await admin.PostJson("/team/new", new { team_id = teamId, team_alias = teamAlias, metadata = new { cost_center = marker } })).Expect(200);

        var teamAdmin = await NewUserAsync(app, $"{name}-admin", CallerKind.TeamAdmin);
        var member = await NewUserAsync(app, $"{name}-member", CallerKind.Member);
        await (await admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = teamAdmin.UserId, role = "admin" } })).Expect(200);
        await (await admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = member.UserId, role = "user" } })).Expect(200);

        var project = await (await admin.PostJson("/project/new", new
        {
            team_id = teamId,
            project_alias = Api.UniqueId($"project-{name}"),
            description = marker,
            max_budget = 50,
        })).Expect(200);

        var providerSecret = "sk-provider-" + Guid.NewGuid().ToString("N");
        var credentialName = $"credential-{teamId}";
        var credentialSecret = "sk-credential-" + Guid.NewGuid().ToString("N");
        await (await admin.PostJson("/credentials", new { credential_name = credentialName, credential_values = new { api_key = credentialSecret } })).Expect(200);
        var model = await (await admin.PostJson("/model/new", new JsonObject
        {
            ["model_name"] = Api.UniqueId($"public-model-{name}"),
            ["litellm_params"] = new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = providerSecret, ["api_base"] = $"https://{teamId}.example.com/v1", ["litellm_credential_name"] = credentialName },
            ["model_info"] = new JsonObject { ["team_id"] = teamId },
        })).Expect(200);

        var adminInTeam = await TeamKeyAsync(admin, teamAdmin, teamId, $"{name}-admin-key");
        var memberInTeam = await TeamKeyAsync(admin, member, teamId, $"{name}-member-key");
        var serviceAlias = Api.UniqueId($"{name}-service-key");
        var serviceKey = (await Api.GenerateKey(admin, new { team_id = teamId, key_alias = serviceAlias }))["key"]!.GetValue<string>();
        var auditRows = await (await admin.GetAsync($"/audit?object_id={teamId}&page_size=1")).Expect(200);

        return new Tenant
        {
            Name = name,
            TeamId = teamId,
            TeamAlias = teamAlias,
            Marker = marker,
            Admin = adminInTeam,
            Member = memberInTeam,
            Service = new Caller(CallerKind.ServiceKey, UserId: null, Email: null, serviceKey, FirstKey: null, serviceAlias),
            ProjectId = project["project_id"]!.GetValue<string>(),
            ProjectAlias = project["project_alias"]!.GetValue<string>(),
            ProjectBudgetId = project["budget_id"]!.GetValue<string>(),
            ModelId = model["model_id"]!.GetValue<string>(),
            ModelPublicName = model["model_info"]!["team_public_model_name"]!.GetValue<string>(),
            ModelInternalName = model["model_name"]!.GetValue<string>(),
            ProviderSecret = providerSecret,
            CredentialName = credentialName,
            CredentialSecret = credentialSecret,
            ConfigModelId = Blueprint.ConfigModelId(teamId),
            ConfigModelName = Blueprint.ConfigModelName(teamId),
            ConfigSecret = Blueprint.ConfigSecret(teamId),
            AuditRowId = auditRows["audit_logs"]![0]!["id"]!.GetValue<string>(),
        };
    }

    /// <summary>A user with an email and its first key (which belongs to no team).</summary>
    private static async Task<Caller> NewUserAsync(ProxyAdminApp app, string name, CallerKind kind)
    {
        var userId = Api.UniqueId($"user-{name}");
        var email = $"{userId}@{name}.example.com";
        var created = await (await app.Admin().PostJson("/user/new", new { user_id = userId, user_email = email, user_role = "internal_user" })).Expect(200);
        var firstKey = created["key"]!.GetValue<string>();
        return new Caller(kind, userId, email, firstKey, firstKey, KeyAlias: null);
    }

    /// <summary>The user's key of the team, which it then calls with; its first key stays one more of its keys.</summary>
    private static async Task<Caller> TeamKeyAsync(HttpClient admin, Caller user, string teamId, string aliasPrefix)
    {
        var alias = Api.UniqueId(aliasPrefix);
        var key = (await Api.GenerateKey(admin, new { user_id = user.UserId, team_id = teamId, key_alias = alias }))["key"]!.GetValue<string>();
        return user with { Key = key, KeyAlias = alias };
    }

    /// <summary>What must be fixed before the service starts: the teams' ids, and the config file naming them.</summary>
    public sealed record Blueprint(string TeamIdA, string TeamIdB, string ConfigFile)
    {
        public static string ConfigModelId(string teamId) => $"config-{teamId}";

        public static string ConfigModelName(string teamId) => $"config-model-{teamId}";

        /// <summary>Unique per run (the team id is), so finding it anywhere can only mean a leak.</summary>
        public static string ConfigSecret(string teamId) => $"sk-config-secret-{teamId}";
    }

    /// <summary>One caller: the key it presents, and what it owns.</summary>
    /// <param name="FirstKey">The key <c>/user/new</c> issued; null for a service key.</param>
    /// <param name="KeyAlias">The alias of <paramref name="Key"/>, when it has one.</param>
    public sealed record Caller(CallerKind Kind, string? UserId, string? Email, string Key, string? FirstKey, string? KeyAlias)
    {
        /// <summary>The key's hash, as <c>token</c> names it on the wire.</summary>
        public string Token => Api.Sha256Hex(Key);

        public IEnumerable<string> Secrets => FirstKey is null || FirstKey == Key ? [Key] : [Key, FirstKey];
    }

    /// <summary>One team and everything it owns.</summary>
    public sealed record Tenant
    {
        /// <summary>A tenant shaped like a real one, with fresh ids that name nothing stored.</summary>
        public static Tenant NeverCreated(string name)
        {
            var teamId = Api.UniqueId($"tenant-{name}");
            Caller User(CallerKind kind, string role) => new(
                kind,
                Api.UniqueId($"user-{name}-{role}"),
                $"{Api.UniqueId($"user-{name}-{role}")}@{name}-{role}.example.com",
                "sk-" + Guid.NewGuid().ToString("N"),
                "sk-" + Guid.NewGuid().ToString("N"),
                Api.UniqueId($"{name}-{role}-key"));
            return new Tenant
            {
                Name = name,
                TeamId = teamId,
                TeamAlias = Api.UniqueId($"alias-{name}"),
                Marker = Api.UniqueId($"marker-{name}"),
                Admin = User(CallerKind.TeamAdmin, "admin"),
                Member = User(CallerKind.Member, "member"),
                Service = new Caller(CallerKind.ServiceKey, UserId: null, Email: null, "sk-" + Guid.NewGuid().ToString("N"), FirstKey: null, Api.UniqueId($"{name}-service-key")),
                ProjectId = Guid.NewGuid().ToString(),
                ProjectAlias = Api.UniqueId($"project-{name}"),
                ProjectBudgetId = Guid.NewGuid().ToString(),
                ModelId = Guid.NewGuid().ToString(),
                ModelPublicName = Api.UniqueId($"public-model-{name}"),
                ModelInternalName = $"model_name_{teamId}_{Guid.NewGuid()}",
                ProviderSecret = "sk-provider-" + Guid.NewGuid().ToString("N"),
                CredentialName = $"credential-{teamId}",
                CredentialSecret = "sk-credential-" + Guid.NewGuid().ToString("N"),
                ConfigModelId = Blueprint.ConfigModelId(teamId),
                ConfigModelName = Blueprint.ConfigModelName(teamId),
                ConfigSecret = Blueprint.ConfigSecret(teamId),
                AuditRowId = Guid.NewGuid().ToString(),
            };
        }

        public required string Name { get; init; }
        public required string TeamId { get; init; }
        public required string TeamAlias { get; init; }

        /// <summary>A value only this tenant's team metadata and project description hold.</summary>
        public required string Marker { get; init; }

        public required Caller Admin { get; init; }
        public required Caller Member { get; init; }
        public required Caller Service { get; init; }
        public required string ProjectId { get; init; }
        public required string ProjectAlias { get; init; }
        public required string ProjectBudgetId { get; init; }
        public required string ModelId { get; init; }
        public required string ModelPublicName { get; init; }

        /// <summary>The stored <c>model_name_{team_id}_…</c> name, never shown by reads.</summary>
        public required string ModelInternalName { get; init; }

        public required string ProviderSecret { get; init; }

        /// <summary>The stored credential the team's model uses, and the secret it holds.</summary>
        public required string CredentialName { get; init; }

        public required string CredentialSecret { get; init; }

        /// <summary>The team's model in the config file: read-only, never in the database.</summary>
        public required string ConfigModelId { get; init; }

        public required string ConfigModelName { get; init; }
        public required string ConfigSecret { get; init; }

        /// <summary>One audit row about the team.</summary>
        public required string AuditRowId { get; init; }

        /// <summary>What no answer to another tenant may hold, whatever it sent: key secrets and the provider secret.</summary>
        public IEnumerable<string> Secrets => [.. Admin.Secrets, .. Member.Secrets, .. Service.Secrets, ProviderSecret, CredentialSecret, ConfigSecret];

        /// <summary>What an answer to another tenant may hold only when the caller sent it, by name.</summary>
        public IEnumerable<(string What, string Value)> Details =>
        [
            ("team id", TeamId),
            ("team alias", TeamAlias),
            ("metadata marker", Marker),
            ("project id", ProjectId),
            ("project alias", ProjectAlias),
            ("project budget id", ProjectBudgetId),
            ("model id", ModelId),
            ("model public name", ModelPublicName),
            ("model internal name", ModelInternalName),
            ("credential name", CredentialName),
            ("config model id", ConfigModelId),
            ("config model name", ConfigModelName),
            ("admin user id", Admin.UserId!),
            ("admin email", Admin.Email!),
            ("member user id", Member.UserId!),
            ("member email", Member.Email!),
            ("admin key token", Admin.Token),
            ("admin first key token", Api.Sha256Hex(Admin.FirstKey!)),
            ("member key token", Member.Token),
            ("member first key token", Api.Sha256Hex(Member.FirstKey!)),
            ("service key token", Service.Token),
            ("admin key alias", Admin.KeyAlias!),
            ("member key alias", Member.KeyAlias!),
            ("service key alias", Service.KeyAlias!),
            ("audit row id", AuditRowId),
        ];
    }
}
