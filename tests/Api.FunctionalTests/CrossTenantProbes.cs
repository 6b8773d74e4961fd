using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static ProxyAdmin.Api.FunctionalTests.CrossTenantWorld;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The cross-tenant probe table: for every route the service serves, the requests team B's callers send naming team
/// A's things, and the answer each caller must get. <see cref="CrossTenantTests"/> sends every probe as each caller,
/// then checks that nothing of anyone changed and that the answer shows nothing of A beyond what the caller sent; its
/// coverage test fails when a route has neither a probe here nor an entry in <see cref="Exempt"/>.
/// </summary>
/// <remarks>
/// The callers are team B's admin, a plain member of B, B's service key (a key of team B without a user) and a user
/// in no team; all are <c>internal_user</c>s. The answers follow the house rule "whoever may not see an object gets the
/// 404 a missing one gets" (README, deliberate differences: LiteLLM answers 403 there and so reveals existence), the
/// role gates of each message's <c>[Authorize]</c> (403 before anything is looked up) and the service-account gate
/// (a key without a user sends no write, LiteLLM's <c>RouteChecks</c>: 403).
/// </remarks>
public static class CrossTenantProbes
{
    /// <summary>A's object does not exist for the caller: the same 404 a missing object gets, naming only what was sent.</summary>
    public const int Unseen = 404;

    /// <summary>The caller's role, or a key without a user, may not do this at all, whatever it names.</summary>
    public const int Refused = 403;

    /// <summary>
    /// The caller may create in its own team, and the id it chose is taken. Ids and key aliases are unique across the
    /// proxy (as in LiteLLM), so the refusal tells that the id sent exists, and nothing else about it.
    /// </summary>
    public const int Taken = 409;

    /// <summary>A list or search: 200, holding only the caller's own things; nothing of A, not even what was sent.</summary>
    public const int OwnDataOnly = 200;

    public static readonly Answers UnseenByAll = new(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Unseen, Outsider: Unseen);

    /// <summary>A write naming A's object: users do not see it; a service key may not write at all.</summary>
    public static readonly Answers UnseenAndNoServiceWrites = new(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Refused, Outsider: Unseen);

    public static readonly Answers RefusedToAll = new(TeamAdmin: Refused, Member: Refused, ServiceKey: Refused, Outsider: Refused);

    public static readonly Answers OwnDataForAll = new(TeamAdmin: OwnDataOnly, Member: OwnDataOnly, ServiceKey: OwnDataOnly, Outsider: OwnDataOnly);

    /// <summary>
    /// Every route the service serves that has no probe, with the reason. Anything tenant data passes through must
    /// have a probe instead. The OpenAPI document (<c>/openapi.json</c>) and Swagger UI (<c>/docs</c>) are served by
    /// NSwag's middleware, not by endpoints, and describe the API only, so they are not among the routes at all.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Exempt = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /health/liveliness"] = "anonymous liveness probe: answers a constant string, reads nothing",
        ["GET /health/liveness"] = "anonymous liveness probe: answers a constant string, reads nothing",
        ["GET /health/readiness"] = "anonymous readiness probe: answers whether the database answers, no row of anyone",
        ["GET /health/revision"] = "the replica's applied revision, one counter of no tenant; refused to every caller but admins and admin viewers (ReadYourWritesTests)",
        ["GET /metrics"] = "the Prometheus scrape: counters of no tenant, labelled by route templates and names from fixed sets; refused to every caller but proxy admins and the scrape token, in the authorization middleware, before any action (TelemetryTests)",
        ["OPTIONS /health/liveliness"] = "answers the Allow header only",
        ["OPTIONS /health/liveness"] = "answers the Allow header only",
        ["OPTIONS /health/readiness"] = "answers the Allow header only",
    };

    public static readonly IReadOnlyList<Probe> All =
    [
        // ------------------------------------------------------------------ teams
        Post("/team/new", "create a team under A's id", c => new { team_id = c.A.TeamId, team_alias = "taken over" }, RefusedToAll),
        Post("/team/update", "rename team A", c => new { team_id = c.A.TeamId, team_alias = "renamed by b" }, UnseenAndNoServiceWrites),
        Get("/team/info", "read team A", c => $"?team_id={c.A.TeamId}", UnseenByAll),
        Get("/team/list", "list teams", _ => "", OwnDataForAll),
        Get("/team/list", "list the teams of A's admin", c => $"?user_id={c.A.Admin.UserId}", RefusedToAll),
        Get("/v2/team/list", "page through teams", _ => "", OwnDataForAll),
        Get("/v2/team/list", "search teams by A's alias", c => $"?team_alias={c.A.TeamAlias}", OwnDataForAll),
        Get("/v2/team/list", "page through the teams of A's admin", c => $"?user_id={c.A.Admin.UserId}", RefusedToAll),
        Post("/team/member_add", "join team A as its admin", c => new { team_id = c.A.TeamId, member = new { user_id = c.Caller.UserId ?? c.B.Admin.UserId, role = "admin" } }, UnseenAndNoServiceWrites),
        Post("/team/member_add", "add A's admin to team A by email", c => new { team_id = c.A.TeamId, member = new { user_email = c.A.Admin.Email, role = "admin" } }, UnseenAndNoServiceWrites),
        Post("/team/member_delete", "remove A's admin from team A", c => new { team_id = c.A.TeamId, user_id = c.A.Admin.UserId }, UnseenAndNoServiceWrites),
        Post("/team/member_delete", "remove A's member from team A by email", c => new { team_id = c.A.TeamId, user_email = c.A.Member.Email }, UnseenAndNoServiceWrites),
        Post("/team/member_update", "make A's member an admin of team A", c => new { team_id = c.A.TeamId, user_id = c.A.Member.UserId, role = "admin" }, UnseenAndNoServiceWrites),
        Post("/team/member_update", "raise A's member's budget in team A", c => new { team_id = c.A.TeamId, user_id = c.A.Member.UserId, max_budget_in_team = 1000 }, UnseenAndNoServiceWrites),

        // Not one of the reads a key without a user may send (itself, its team, its team's projects and models).
        Get("/team/permissions_list", "read team A's member permissions", c => $"?team_id={c.A.TeamId}", new Answers(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Refused, Outsider: Unseen)),
        Post("/team/permissions_update", "grant team A's members key writes", c => new { team_id = c.A.TeamId, team_member_permissions = new[] { "/key/generate", "/key/update" } }, UnseenAndNoServiceWrites),
        Post("/team/model/add", "give team A every model", c => new { team_id = c.A.TeamId, models = new[] { "all-proxy-models" } }, UnseenAndNoServiceWrites),
        Post("/team/model/delete", "take team A's model away", c => new { team_id = c.A.TeamId, models = new[] { c.A.ModelPublicName } }, UnseenAndNoServiceWrites),
        Post("/team/block", "block team A", c => new { team_id = c.A.TeamId }, RefusedToAll),
        Post("/team/unblock", "unblock team A", c => new { team_id = c.A.TeamId }, RefusedToAll),
        Post("/team/delete", "delete team A", c => new { team_ids = new[] { c.A.TeamId } }, RefusedToAll),

        // ------------------------------------------------------------------ projects
        Post("/project/new", "create a project in team A", c => new { team_id = c.A.TeamId }, UnseenAndNoServiceWrites),

        // Only B's admin may create in B, and so only it learns that A's project id exists.
        Post("/project/new", "create a project of B under A's project id", c => new { team_id = c.B.TeamId, project_id = c.A.ProjectId }, new Answers(TeamAdmin: Taken, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),
        Post("/project/update", "rename A's project", c => new { project_id = c.A.ProjectId, project_alias = "renamed by b" }, UnseenAndNoServiceWrites),

        // LiteLLM's project hijack (VERIA-55, PR #27011): authorized against the team the caller sent, not the project's own.
        Post("/project/update", "move A's project into team B", c => new { project_id = c.A.ProjectId, team_id = c.B.TeamId }, UnseenAndNoServiceWrites),

        // And the other way round: moving needs admin rights in the destination too (PR #27011's fix).
        Post("/project/update", "move B's project into team A", c => new { project_id = c.B.ProjectId, team_id = c.A.TeamId }, new Answers(TeamAdmin: Unseen, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),
        Post("/project/update", "link A's project budget to B's project", c => new { project_id = c.B.ProjectId, budget_id = c.A.ProjectBudgetId }, new Answers(TeamAdmin: Refused, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),

        // B's project budget also limits A's service key (the world shares it): changing it would change A's limits.
        Post("/project/update", "cut B's project budget, which A's service key shares", c => new { project_id = c.B.ProjectId, max_budget = 1 }, new Answers(TeamAdmin: Refused, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),
        Send("DELETE", "/project/delete", "delete A's project", c => new { project_ids = new[] { c.A.ProjectId } }, RefusedToAll),
        Get("/project/info", "read A's project", c => $"?project_id={c.A.ProjectId}", UnseenByAll),
        Get("/project/list", "list projects", _ => "", OwnDataForAll),
        Get("/project/list", "list team A's projects", c => $"?team_id={c.A.TeamId}", UnseenByAll),
        Get("/v2/project/list", "page through team A's projects", c => $"?team_id={c.A.TeamId}", UnseenByAll),
        Get("/v2/project/list", "page through projects", _ => "", OwnDataForAll),
        Get("/v2/project/list", "search projects by A's project alias", c => $"?search={c.A.ProjectAlias}", OwnDataForAll),

        // ------------------------------------------------------------------ budgets
        // Budget rows belong to no team and may be shared across teams: the routes are proxy admins' (reads: and viewers').
        Post("/budget/new", "create a budget under A's project budget id", c => new { budget_id = c.A.ProjectBudgetId, max_budget = 1 }, RefusedToAll),
        Post("/budget/new", "create a budget", _ => new { max_budget = 1 }, RefusedToAll),
        Post("/budget/update", "raise A's project budget", c => new { budget_id = c.A.ProjectBudgetId, max_budget = 1 }, RefusedToAll),
        Post("/budget/info", "read A's project budget", c => new { budgets = new[] { c.A.ProjectBudgetId } }, RefusedToAll),
        Get("/budget/list", "list the budgets", _ => "", RefusedToAll),
        Get("/budget/settings", "read A's project budget settings", c => $"?budget_id={c.A.ProjectBudgetId}", RefusedToAll),
        Post("/budget/delete", "delete A's project budget", c => new { id = c.A.ProjectBudgetId }, RefusedToAll),

        // ------------------------------------------------------------------ organizations
        // The world's tenants are in no organization, so these name an organization none of the callers is a member of
        // (OrganizationAccessTests cover members, org admins of another organization and outsiders of a real one).
        // Keys without a user read no organization: the routes admit no service account.
        Post("/organization/new", "create an organization", c => new { organization_alias = "probe", organization_id = "org-" + c.A.TeamId }, RefusedToAll),
        Send("PATCH", "/organization/update", "raise an organization's budget", c => new { organization_id = "org-" + c.A.TeamId, max_budget = 1000 }, RefusedToAll),
        Send("DELETE", "/organization/delete", "delete an organization", c => new { organization_ids = new[] { "org-" + c.A.TeamId } }, RefusedToAll),
        Get("/organization/info", "read an organization", c => $"?organization_id=org-{c.A.TeamId}", new Answers(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Refused, Outsider: Unseen)),
        Get("/organization/list", "list organizations", _ => "", new Answers(TeamAdmin: OwnDataOnly, Member: OwnDataOnly, ServiceKey: Refused, Outsider: OwnDataOnly)),
        Post("/organization/member_add", "join an organization as its admin", c => new { organization_id = "org-" + c.A.TeamId, member = new { user_id = c.A.Member.UserId, role = "org_admin" } }, UnseenAndNoServiceWrites),
        Send("PATCH", "/organization/member_update", "make A's member an org admin", c => new { organization_id = "org-" + c.A.TeamId, user_id = c.A.Member.UserId, role = "org_admin" }, UnseenAndNoServiceWrites),
        Send("DELETE", "/organization/member_delete", "remove A's member from an organization", c => new { organization_id = "org-" + c.A.TeamId, user_id = c.A.Member.UserId }, UnseenAndNoServiceWrites),

        // ------------------------------------------------------------------ credentials
        Post("/credentials", "create a credential", c => new { credential_name = "probe-" + c.A.TeamId, credential_values = new { api_key = "sk-probe-credential" } }, RefusedToAll),
        Get("/credentials", "list credentials", _ => "", new Answers(TeamAdmin: OwnDataOnly, Member: OwnDataOnly, ServiceKey: Refused, Outsider: OwnDataOnly)),
        At("GET", "/credentials/by_name/{**credential_name}", "read A's credential", c => $"/credentials/by_name/{c.A.CredentialName}", _ => null, new Answers(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Refused, Outsider: Unseen)),
        At("GET", "/credentials/by_model/{model_id}", "read the credential of A's model", c => $"/credentials/by_model/{c.A.ModelId}", _ => null, new Answers(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Refused, Outsider: Unseen)),
        At("GET", "/credentials/by_model/{model_id}", "read the credential of A's config model", c => $"/credentials/by_model/{c.A.ConfigModelId}", _ => null, new Answers(TeamAdmin: Unseen, Member: Unseen, ServiceKey: Refused, Outsider: Unseen)),
        At("PATCH", "/credentials/{**credential_name}", "change A's credential", c => $"/credentials/{c.A.CredentialName}", _ => new { credential_values = new { api_key = "sk-replaced-by-b" } }, RefusedToAll),
        At("DELETE", "/credentials/{**credential_name}", "delete A's credential", c => $"/credentials/{c.A.CredentialName}", _ => null, RefusedToAll),
        At("PATCH", "/model/{model_id}/update", "attach A's credential to B's model", c => $"/model/{c.B.ModelId}/update", c => new { litellm_params = new { litellm_credential_name = c.A.CredentialName } }, new Answers(TeamAdmin: Refused, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),

        // ------------------------------------------------------------------ encryption
        Post("/encryption/rotate", "re-encrypt every stored secret", _ => new { }, RefusedToAll),
        Get("/encryption/status", "read which keys seal the stored secrets", _ => "", RefusedToAll),

        // ------------------------------------------------------------------ models
        // LiteLLM's can_user_make_team_model_call: a non-admin of the team is refused whether or not the team exists.
        Post("/model/new", "add a model to team A", c => NewModel(new JsonObject { ["team_id"] = c.A.TeamId }), RefusedToAll),
        Post("/model/new", "add a model of B under A's model id", c => NewModel(new JsonObject { ["team_id"] = c.B.TeamId, ["id"] = c.A.ModelId }), new Answers(TeamAdmin: Taken, Member: Refused, ServiceKey: Refused, Outsider: Refused)),
        Post("/model/new", "add a model of B under the id of A's config model", c => NewModel(new JsonObject { ["team_id"] = c.B.TeamId, ["id"] = c.A.ConfigModelId }), new Answers(TeamAdmin: Taken, Member: Refused, ServiceKey: Refused, Outsider: Refused)),
        Post("/model/update", "rename A's model", c => new { model_info = new { id = c.A.ModelId }, model_name = "renamed-by-b" }, UnseenAndNoServiceWrites),

        // A config model cannot be written by anyone; saying so to whoever may not see it would reveal that it exists.
        Post("/model/update", "rename A's config model", c => new { model_info = new { id = c.A.ConfigModelId }, model_name = "renamed-by-b" }, UnseenAndNoServiceWrites),
        Post("/model/update", "point A's model at B's endpoint", c => new { model_info = new { id = c.A.ModelId }, litellm_params = new { api_base = "https://b.example.com" } }, UnseenAndNoServiceWrites),
        Post("/model/update", "move B's model into team A", c => new { model_info = new { id = c.B.ModelId, team_id = c.A.TeamId } }, new Answers(TeamAdmin: Refused, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),
        At("PATCH", "/model/{model_id}/update", "rename A's model", c => $"/model/{c.A.ModelId}/update", _ => new { model_name = "renamed-by-b" }, UnseenAndNoServiceWrites),
        At("PATCH", "/model/{model_id}/update", "rename A's config model", c => $"/model/{c.A.ConfigModelId}/update", _ => new { model_name = "renamed-by-b" }, UnseenAndNoServiceWrites),
        At("PATCH", "/model/{model_id}/update", "move A's model into team B", c => $"/model/{c.A.ModelId}/update", c => new { model_info = new { team_id = c.B.TeamId } }, UnseenAndNoServiceWrites),
        At("PATCH", "/model/{model_id}/update", "move B's model into team A", c => $"/model/{c.B.ModelId}/update", c => new { model_info = new { team_id = c.A.TeamId } }, new Answers(TeamAdmin: Refused, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),
        Post("/model/delete", "delete A's model", c => new { id = c.A.ModelId }, UnseenAndNoServiceWrites),
        Post("/model/delete", "delete A's config model", c => new { id = c.A.ConfigModelId }, UnseenAndNoServiceWrites),
        Post("/model/block", "block A's model", c => new { model_id = c.A.ModelId }, UnseenAndNoServiceWrites),
        Post("/model/block", "block A's config model", c => new { model_id = c.A.ConfigModelId }, UnseenAndNoServiceWrites),
        Post("/model/unblock", "unblock A's model", c => new { model_id = c.A.ModelId }, UnseenAndNoServiceWrites),
        Get("/model/info", "read A's model", c => $"?litellm_model_id={c.A.ModelId}", UnseenByAll),
        Get("/model/info", "read A's config model", c => $"?litellm_model_id={c.A.ConfigModelId}", UnseenByAll),
        Get("/model/info", "list team A's models", c => $"?team_id={c.A.TeamId}", OwnDataForAll),
        Get("/model/info", "list every model", _ => "", OwnDataForAll),
        Get("/v1/model/info", "read A's model", c => $"?litellm_model_id={c.A.ModelId}", UnseenByAll),
        Get("/v1/model/info", "list team A's models", c => $"?team_id={c.A.TeamId}", OwnDataForAll),
        Get("/v1/model/info", "list every model", _ => "", OwnDataForAll),
        Get("/v2/model/info", "page through team A's models", c => $"?team_id={c.A.TeamId}", OwnDataForAll),
        Get("/v2/model/info", "page through every model", _ => "", OwnDataForAll),
        Get("/v2/model/info", "search models by A's public name", c => $"?search={c.A.ModelPublicName}", OwnDataForAll),
        Get("/v2/model/info", "search models by the name of A's config model", c => $"?search={c.A.ConfigModelName}", OwnDataForAll),
        Get("/models", "list team A's model names", c => $"?team_id={c.A.TeamId}&include_model_access_groups=true", OwnDataForAll),
        Get("/models", "list every model name", _ => "?include_model_access_groups=true", OwnDataForAll),
        Get("/v1/models", "list team A's model names", c => $"?team_id={c.A.TeamId}&include_model_access_groups=true", OwnDataForAll),
        Get("/v1/models", "list every model name", _ => "", OwnDataForAll),
        At("GET", "/models/{**model_id}", "retrieve A's model by its public name", c => $"/models/{c.A.ModelPublicName}", _ => null, UnseenByAll),
        At("GET", "/models/{**model_id}", "retrieve A's model by its internal name", c => $"/models/{c.A.ModelInternalName}", _ => null, UnseenByAll),
        At("GET", "/models/{**model_id}", "retrieve A's config model", c => $"/models/{c.A.ConfigModelName}", _ => null, UnseenByAll),
        At("GET", "/v1/models/{**model_id}", "retrieve A's model by its public name", c => $"/v1/models/{c.A.ModelPublicName}", _ => null, UnseenByAll),
        At("GET", "/v1/models/{**model_id}", "retrieve A's model in A's team", c => $"/v1/models/{c.A.ModelPublicName}?team_id={c.A.TeamId}", _ => null, UnseenByAll),
        Get("/model_group/info", "read the group of A's model", c => $"?model_group={c.A.ModelPublicName}", OwnDataForAll),
        Get("/model_group/info", "read the group of A's config model", c => $"?model_group={c.A.ConfigModelName}", OwnDataForAll),
        Get("/model_group/info", "read every model group", _ => "", OwnDataForAll),

        // ------------------------------------------------------------------ keys
        Post("/key/generate", "mint a key of team A", c => new { team_id = c.A.TeamId }, UnseenAndNoServiceWrites),
        Post("/key/generate", "mint a key on A's project", c => new { project_id = c.A.ProjectId }, UnseenAndNoServiceWrites),
        Post("/key/generate", "mint a key for A's admin", c => new { user_id = c.A.Admin.UserId }, RefusedToAll),
        Post("/key/generate", "mint a key on A's project budget", c => new { budget_id = c.A.ProjectBudgetId }, RefusedToAll),

        // LiteLLM's _enforce_unique_key_alias: aliases are unique across the proxy, so a taken one is refused to anyone.
        Post("/key/generate", "mint a key under A's member key alias", c => new { key_alias = c.A.Member.KeyAlias }, new Answers(TeamAdmin: Taken, Member: Taken, ServiceKey: Refused, Outsider: Taken)),
        Get("/key/info", "read A's member key", c => $"?key={c.A.Member.Token}", UnseenByAll),
        Get("/key/info", "read A's service key", c => $"?key={c.A.Service.Token}", UnseenByAll),
        Get("/key/info", "read A's admin's first key", c => $"?key={Api.Sha256Hex(c.A.Admin.FirstKey!)}", UnseenByAll),
        Get("/key/explain", "explain A's member key", c => $"?key={c.A.Member.Token}&model={c.A.ModelPublicName}", UnseenByAll),
        Get("/key/explain", "explain A's service key", c => $"?key={c.A.Service.Token}", UnseenByAll),
        Get("/key/explain", "explain A's admin's first key", c => $"?key={Api.Sha256Hex(c.A.Admin.FirstKey!)}&model={c.A.ModelPublicName}", UnseenByAll),

        // LiteLLM's validate_key_list_check: a key without a user lists no keys at all.
        Get("/key/list", "list keys", _ => "", new Answers(TeamAdmin: OwnDataOnly, Member: OwnDataOnly, ServiceKey: Refused, Outsider: OwnDataOnly)),
        Get("/key/list", "list team A's keys", c => $"?team_id={c.A.TeamId}", new Answers(TeamAdmin: OwnDataOnly, Member: OwnDataOnly, ServiceKey: Refused, Outsider: OwnDataOnly)),
        Get("/key/list", "list A's member key by alias", c => $"?key_alias={c.A.Member.KeyAlias}", new Answers(TeamAdmin: OwnDataOnly, Member: OwnDataOnly, ServiceKey: Refused, Outsider: OwnDataOnly)),
        Get("/key/list", "list the keys of A's admin", c => $"?user_id={c.A.Admin.UserId}", RefusedToAll),
        Post("/key/update", "raise A's member key budget", c => new { key = c.A.Member.Token, max_budget = 1000 }, UnseenAndNoServiceWrites),
        Post("/key/update", "move the caller's own key into team A", c => new { key = c.Caller.Token, team_id = c.A.TeamId }, UnseenAndNoServiceWrites),
        Post("/key/update", "put the caller's own key on A's project", c => new { key = c.Caller.Token, project_id = c.A.ProjectId }, UnseenAndNoServiceWrites),
        Post("/key/update", "set a soft budget on B's member key, whose budget A's service key shares", c => new { key = c.B.Member.Token, soft_budget = 1 }, new Answers(TeamAdmin: Unseen, Member: Refused, ServiceKey: Refused, Outsider: Unseen)),
        Post("/key/update", "hand the caller's own key to A's admin", c => new { key = c.Caller.Token, user_id = c.A.Admin.UserId }, RefusedToAll),
        Post("/key/delete", "delete A's member key", c => new { keys = new[] { c.A.Member.Token } }, UnseenAndNoServiceWrites),
        Post("/key/delete", "delete A's service key by alias", c => new { key_aliases = new[] { c.A.Service.KeyAlias } }, UnseenAndNoServiceWrites),
        Post("/key/delete", "delete the caller's own key with A's member key", c => new { keys = new[] { c.Caller.Token, c.A.Member.Token } }, UnseenAndNoServiceWrites),
        Post("/key/block", "block A's member key", c => new { key = c.A.Member.Token }, RefusedToAll),
        Post("/key/unblock", "unblock A's service key", c => new { key = c.A.Service.Token }, RefusedToAll),
        Post("/key/regenerate", "rotate A's member key", c => new { key = c.A.Member.Token }, UnseenAndNoServiceWrites),
        Post("/key/regenerate", "rotate the caller's own key into team A", c => new { key = c.Caller.Token, team_id = c.A.TeamId }, UnseenAndNoServiceWrites),
        At("POST", "/key/{key}/regenerate", "rotate A's admin key", c => $"/key/{c.A.Admin.Token}/regenerate", _ => new { }, UnseenAndNoServiceWrites),

        // ------------------------------------------------------------------ users
        Post("/user/new", "create a user in team A", c => new { user_id = Api.UniqueId("planted"), team_id = c.A.TeamId }, RefusedToAll),
        Get("/user/info", "read A's admin", c => $"?user_id={c.A.Admin.UserId}", RefusedToAll),
        Get("/user/list", "search users for A's admin", c => $"?search={c.A.Admin.UserId}", RefusedToAll),
        Post("/user/update", "change A's admin's email", c => new { user_id = c.A.Admin.UserId, user_email = "taken@b.example.com" }, RefusedToAll),
        Post("/user/delete", "delete A's member", c => new { user_ids = new[] { c.A.Member.UserId } }, RefusedToAll),

        // ------------------------------------------------------------------ audit
        Get("/audit", "read team A's audit rows", c => $"?object_id={c.A.TeamId}", RefusedToAll),
        At("GET", "/audit/{id:guid}", "read one of team A's audit rows", c => $"/audit/{c.A.AuditRowId}", _ => null, RefusedToAll),
        Get("/audit/verify", "verify the audit chain that holds team A's rows", _ => string.Empty, RefusedToAll),
        Get("/audit/export", "export the audit chain that holds team A's rows", _ => "?limit=10", RefusedToAll),
        Get("/audit/changes", "read the audit changes that hold team A's rows", _ => "?after=0", RefusedToAll),
    ];

    private static Probe Get(string route, string what, Func<ProbeContext, string> query, Answers answers) =>
        new("GET", route, what, c => route + query(c), _ => null, answers);

    private static Probe Post(string route, string what, Func<ProbeContext, object> body, Answers answers) =>
        Send("POST", route, what, body, answers);

    private static Probe Send(string method, string route, string what, Func<ProbeContext, object> body, Answers answers) =>
        new(method, route, what, _ => route, body, answers);

    /// <summary>A probe of a route with parameters in its path: <paramref name="path"/> fills them in.</summary>
    private static Probe At(string method, string route, string what, Func<ProbeContext, string> path, Func<ProbeContext, object?> body, Answers answers) =>
        new(method, route, what, path, body, answers);

    private static JsonObject NewModel(JsonObject modelInfo) => new()
    {
        ["model_name"] = "planted-by-b",
        ["litellm_params"] = new JsonObject { ["model"] = "openai/gpt-4o" },
        ["model_info"] = modelInfo,
    };

    /// <summary>What each of B's callers must get.</summary>
    public sealed record Answers(int TeamAdmin, int Member, int ServiceKey, int Outsider)
    {
        public int For(CallerKind caller) => caller switch
        {
            CallerKind.TeamAdmin => TeamAdmin,
            CallerKind.Member => Member,
            CallerKind.ServiceKey => ServiceKey,
            CallerKind.Outsider => Outsider,
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "Unknown caller."),
        };
    }

    /// <summary>What a probe may name: the victim, the prober's own team, and the caller sending it.</summary>
    public sealed record ProbeContext(Tenant A, Tenant B, Caller Caller);

    /// <summary>One request against one route, and the answer each caller must get.</summary>
    /// <param name="Route">The route template it covers, as the endpoint data source spells it.</param>
    /// <param name="Path">The path and query sent.</param>
    /// <param name="Body">The JSON body; null sends none.</param>
    public sealed record Probe(string Method, string Route, string What, Func<ProbeContext, string> Path, Func<ProbeContext, object?> Body, Answers Answers)
    {
        /// <summary>How the coverage test names the route: <c>METHOD /template</c>.</summary>
        public string Endpoint => $"{Method} {Route}";

        public HttpRequestMessage ToRequest(ProbeContext context)
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Path(context));
            if (Body(context) is { } body)
            {
                request.Content = JsonContent.Create(body, body.GetType());
            }

            return request;
        }

        /// <summary>The name the test runner shows.</summary>
        public override string ToString() => $"{Endpoint} - {What}";
    }
}
