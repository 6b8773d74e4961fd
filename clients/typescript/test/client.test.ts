// The generated client against the live service: every call goes through the client, nothing else.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createProxyAdmin, entityTagOf, Fetch, ProxyAdmin, ProxyAdminError, RevisionTracker, wasDryRun, wasReplayed } from "../src/index";
import { frontendOrigin, masterKey, RunningService, startService } from "./service";

let service: RunningService;
let admin: ProxyAdmin;
const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

async function expectError(call: Promise<unknown>, status: number): Promise<ProxyAdminError> {
    try {
        await call;
    } catch (error) {
        assert.ok(error instanceof ProxyAdminError, `expected a ProxyAdminError, got ${String(error)}`);
        assert.equal(error.status, status, error.message);
        assert.equal(error.code, String(status));
        assert.ok(error.message.length > 0);
        return error;
    }
    assert.fail(`expected HTTP ${status}`);
}

before(async () => {
    service = await startService();
    admin = createProxyAdmin(service.baseUrl, { apiKey: masterKey });
});

after(async () => {
    await service?.stop();
});

describe("the OpenAPI document", () => {
    test("the committed document is the one the service serves", async () => {
        const live = await (await fetch(`${service.baseUrl}/openapi.json`)).json();
        const committed = JSON.parse(readFileSync(join(process.cwd(), "openapi.json"), "utf8"));
        assert.deepEqual(live, committed, "the service changed: run `dotnet cake --target=Client` and commit the result");
    });
});

describe("users and keys", () => {
    test("a user is created with a first key that works, and a generated key too", async () => {
        const userId = unique("ts-user");
        const created = await admin.users.create({ user_id: userId, user_email: `${userId}@example.test` });
        assert.equal(created.user_id, userId);
        assert.equal(created.user_role, "internal_user");
        assert.match(created.key ?? "", /^sk-/);

        const generated = await admin.keys.generate({ user_id: userId, key_alias: unique("alias"), duration: "30d" });
        assert.match(generated.key, /^sk-/);
        assert.ok(generated.expires);

        const asUser = createProxyAdmin(service.baseUrl, { apiKey: generated.key });
        const info = await asUser.keys.info();
        assert.equal(info.info.user_id, userId);
        assert.equal(info.info.token, generated.token_id);
        const own = await asUser.users.info(userId);
        assert.equal(own.keys.length, 2);
    });
});

describe("teams, projects and models", () => {
    test("a team admin runs a team, its project and its model; only a proxy admin deletes the project", async () => {
        const adminUser = await admin.users.create({ user_id: unique("ts-team-admin") });
        const teamAdmin = createProxyAdmin(service.baseUrl, { apiKey: adminUser.key! });
        const teamId = unique("ts-team");
        const team = await admin.teams.create({ team_id: teamId, members_with_roles: [{ user_id: adminUser.user_id, role: "admin" }], models: ["all-proxy-models"], max_budget: 100 });
        assert.deepEqual(team.admins, [adminUser.user_id]);

        const project = await teamAdmin.projects.create({ team_id: teamId, project_alias: "search", max_budget: 50, tags: ["prod"] });
        assert.equal(project.team_id, teamId);
        assert.equal(project.litellm_budget_table?.max_budget, 50);
        assert.deepEqual(project.metadata["tags"], ["prod"]);

        const model = await teamAdmin.models.create({
            model_name: "team-gpt",
            litellm_params: { model: "openai/gpt-4o", api_key: "sk-provider-secret-value-1234" },
            model_info: { team_id: teamId },
        });
        assert.equal(model.litellm_params["api_key"], "****1234");
        assert.match(model.model_name, new RegExp(`^model_name_${teamId}_`));

        const patched = await teamAdmin.models.patch(model.model_id, { litellm_params: { rpm: 10 } });
        assert.equal(patched.litellm_params["rpm"], 10);
        const teamInfo = await teamAdmin.teams.info(teamId);
        assert.deepEqual(teamInfo.team_info.models, ["all-proxy-models", "team-gpt"]);

        await teamAdmin.models.delete({ id: model.model_id });
        const refused = await expectError(teamAdmin.projects.delete({ project_ids: [project.project_id] }), 403);
        assert.equal(refused.message, "Only admins can delete projects");
        const deleted = await admin.projects.delete({ project_ids: [project.project_id] });
        assert.deepEqual(deleted.map(p => p.project_id), [project.project_id]);
        await expectError(teamAdmin.projects.info(project.project_id), 404);
    });
});

describe("budgets", () => {
    test("a budget made beforehand is linked by a project, cannot be deleted while linked, and is read by id", async () => {
        const budgetId = unique("ts-budget");
        const budget = await admin.budgets.create({ budget_id: budgetId, max_budget: 40, budget_duration: "30d" });
        assert.equal(budget.budget_id, budgetId);
        assert.ok(budget.budget_reset_at);

        const teamId = unique("ts-team");
        await admin.teams.create({ team_id: teamId, max_budget: 100 });
        const project = await admin.projects.create({ team_id: teamId, budget_id: budgetId });
        assert.equal(project.litellm_budget_table?.max_budget, 40);

        const updated = await admin.budgets.update({ budget_id: budgetId, max_budget: 60 });
        assert.equal(updated.max_budget, 60);
        const tooMuch = await expectError(admin.budgets.update({ budget_id: budgetId, max_budget: 500 }), 400);
        assert.equal(tooMuch.param, "max_budget");

        const refused = await expectError(admin.budgets.delete({ id: budgetId }), 409);
        assert.match(refused.message, new RegExp(`project ${project.project_id}`));
        const [read] = await admin.budgets.info({ budgets: [budgetId] });
        assert.equal(read.max_budget, 60);
        const settings = await admin.budgets.settings(budgetId);
        assert.equal(settings.find(s => s.field_name === "budget_duration")?.field_value, "30d");
    });
});

describe("organizations", () => {
    test("an organization bounds its teams, takes members with roles and keeps a team that is in it", async () => {
        const organizationId = unique("ts-org");
        const organization = await admin.organizations.create({ organization_id: organizationId, organization_alias: "ts org", models: ["gpt-4o"], max_budget: 100 });
        assert.equal(organization.litellm_budget_table?.max_budget, 100);

        const added = await admin.organizations.addMembers({ organization_id: organizationId, member: [{ user_email: `${unique("ts-m")}@example.com`, role: "org_admin" }] });
        assert.equal(added.updated_organization_memberships[0].user_role, "org_admin");

        const outside = await expectError(admin.teams.create({ organization_id: organizationId, models: ["o1"] }), 400);
        assert.equal(outside.param, "models");
        const team = await admin.teams.create({ organization_id: organizationId });
        assert.deepEqual(team.models, ["gpt-4o"]);

        const info = await admin.organizations.info(organizationId);
        assert.deepEqual(info.teams.map(t => t.team_id), [team.team_id]);
        const kept = await expectError(admin.organizations.delete({ organization_ids: [organizationId] }), 409);
        assert.match(kept.message, new RegExp(team.team_id));
    });
});

describe("credentials", () => {
    test("a credential is stored masked, found by a name with slashes, attached to a model and kept while in use", async () => {
        const name = `${unique("ts-cred")}/openai`;
        const secret = `sk-ts-credential-${unique("v")}`;
        const created = await admin.credentials.create({ credential_name: name, credential_values: { api_key: secret, api_base: "https://ts.example.test" } });
        assert.equal(created.success, true);
        assert.equal(created.credential.credential_values?.api_key, `****${secret.slice(-4)}`);

        const read = await admin.credentials.byName(name);
        assert.equal(read.credential_values?.api_base, "https://ts.example.test");
        assert.ok(!JSON.stringify(read).includes(secret));

        const model = await admin.models.create({ model_name: unique("ts-cred-model"), litellm_params: { model: "openai/gpt-4o", litellm_credential_name: name } });
        assert.equal((await admin.credentials.byModel(model.model_id)).credential_name, name);
        const inUse = await expectError(admin.credentials.delete(name), 409);
        assert.match(inUse.message, new RegExp(model.model_id));

        const status = await admin.encryption.status();
        assert.ok(status.keys_in_use.includes(status.active_key_id));
    });
});

describe("model info", () => {
    test("/model/info answers a data list, and with litellm_model_id a list of that one model", async () => {
        const name = unique("ts-info-model");
        const model = await admin.models.create({ model_name: name, litellm_params: { model: "openai/gpt-4o-mini" } });

        const all = await admin.models.info();
        assert.ok(Array.isArray(all.data));
        assert.ok(all.data.some(m => m.model_id === model.model_id), "the new model is listed");

        const one = await admin.models.info(model.model_id);
        assert.ok(Array.isArray(one.data), "LiteLLM's shape: a list of one, not an object");
        assert.deepEqual(one.data.map(m => [m.model_id, m.model_name]), [[model.model_id, name]]);
        const v1 = await admin.models.infoV1(model.model_id);
        assert.deepEqual(v1.data.map(m => m.model_id), [model.model_id]);

        await expectError(admin.models.info(unique("missing-model")), 404);
    });
});

describe("the audit log", () => {
    test("every write is readable in the audit log", async () => {
        const userId = unique("ts-audited");
        await admin.users.create({ user_id: userId, auto_create_key: false });
        await admin.users.update({ user_id: userId, user_alias: "renamed" });

        const page = await admin.audit.list(1, 10, undefined, "LiteLLM_UserTable", userId);
        assert.deepEqual(page.audit_logs.map(row => row.action).sort(), ["created", "updated"]);
        const row = await admin.audit.get(page.audit_logs[0].id);
        assert.equal(row.object_id, userId);
    });
});

describe("authentication headers and browsers", () => {
    // The generated client always sends Authorization; these fetches rewrite each request on its way out, as a
    // proxy in front of the client or a LiteLLM SDK would, so the calls still go through the generated code.
    function sendingKeyIn(header: string): Fetch {
        return {
            fetch: (url, init) => {
                const headers = new Headers(init?.headers);
                const key = (headers.get("Authorization") ?? "").replace(/^Bearer /, "");
                headers.delete("Authorization");
                headers.set(header, key);
                return globalThis.fetch(url, { ...init, headers });
            },
        };
    }

    function fromOrigin(origin: string, seen: Response[]): Fetch {
        return {
            fetch: async (url, init) => {
                const headers = new Headers(init?.headers);
                headers.set("Origin", origin);
                const response = await globalThis.fetch(url, { ...init, headers });
                seen.push(response);
                return response;
            },
        };
    }

    test("a key sent in x-api-key, as terraform-provider-litellm sends it, authenticates", async () => {
        const userId = unique("ts-header-user");
        const viaHeader = createProxyAdmin(service.baseUrl, { apiKey: masterKey }, sendingKeyIn("x-api-key"));
        const created = await viaHeader.users.create({ user_id: userId, auto_create_key: false });
        assert.equal(created.user_id, userId);

        const asUser = await admin.keys.generate({ user_id: userId });
        const info = await createProxyAdmin(service.baseUrl, { apiKey: asUser.key }, sendingKeyIn("x-litellm-api-key")).keys.info();
        assert.equal(info.info.user_id, userId);
    });

    test("a bad key in x-api-key is refused in the envelope and not echoed", async () => {
        const unknown = "sk-not-a-real-key-x-api-key-9876";
        const stranger = createProxyAdmin(service.baseUrl, { apiKey: unknown }, sendingKeyIn("x-api-key"));
        const error = await expectError(stranger.users.list(), 401);
        assert.equal(error.type, "auth_error");
        assert.ok(!error.message.includes(unknown), "the message repeats the key");
    });

    test("a call from the configured origin may be read by the page", async () => {
        const seen: Response[] = [];
        const fromFrontend = createProxyAdmin(service.baseUrl, { apiKey: masterKey }, fromOrigin(frontendOrigin, seen));
        const users = await fromFrontend.users.list();
        assert.ok(Array.isArray(users.users));
        assert.equal(seen.length, 1);
        assert.equal(seen[0].headers.get("access-control-allow-origin"), frontendOrigin);
        assert.equal(seen[0].headers.get("access-control-allow-credentials"), null);
    });

    test("a call from another origin is answered, but without leave for the page to read it", async () => {
        const seen: Response[] = [];
        const fromElsewhere = createProxyAdmin(service.baseUrl, { apiKey: masterKey }, fromOrigin("https://elsewhere.example.test", seen));
        await fromElsewhere.users.list();
        assert.equal(seen[0].headers.get("access-control-allow-origin"), null);
    });

    test("the browser's preflight is answered without a key", async () => {
        const response = await fetch(`${service.baseUrl}/user/list`, {
            method: "OPTIONS",
            headers: { Origin: frontendOrigin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
        });
        assert.equal(response.status, 204);
        assert.equal(response.headers.get("access-control-allow-origin"), frontendOrigin);
        assert.equal(response.headers.get("access-control-allow-headers"), "authorization");
    });
});

describe("paging by cursor", () => {
    test("following next_cursor visits every matching user exactly once, and ends with null", async () => {
        const prefix = unique("ts-page");
        const created = [];
        for (let i = 0; i < 5; i++) {
            created.push((await admin.users.create({ user_id: `${prefix}-${i}`, auto_create_key: false })).user_id);
        }

        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
            const page = await admin.users.list(undefined, 2, undefined, prefix, after);
            seen.push(...page.users.map(user => user.user_id));
            assert.equal(page.total, 5);
            after = page.next_cursor;
            pages++;
        } while (after !== null && pages < 10);

        assert.equal(pages, 3);
        assert.deepEqual([...seen].sort(), [...created].sort());
    });

    test("a cursor of another filter is refused naming after", async () => {
        const prefix = unique("ts-page-other");
        await admin.users.create({ user_id: `${prefix}-a`, auto_create_key: false });
        await admin.users.create({ user_id: `${prefix}-b`, auto_create_key: false });
        const first = await admin.users.list(undefined, 1, undefined, prefix);
        assert.ok(first.next_cursor);
        const error = await expectError(admin.users.list(undefined, 1, undefined, `${prefix}-a`, first.next_cursor), 400);
        assert.equal(error.param, "after");
    });
});

describe("read-your-writes across replicas", () => {
    /** A fetch that records the x-proxyadmin-min-revision of every request it sends. */
    function recordingMinRevision(sent: (string | null)[]): Fetch {
        return {
            fetch: (url, init) => {
                sent.push(new Headers(init?.headers).get("x-proxyadmin-min-revision"));
                return globalThis.fetch(url, init);
            },
        };
    }

    test("with readYourWrites, the revision a write committed is sent on every later call, and the replica honours it", async () => {
        const sent: (string | null)[] = [];
        const client = createProxyAdmin(service.baseUrl, { apiKey: masterKey, readYourWrites: true }, recordingMinRevision(sent));
        await client.users.list();
        const userId = unique("ts-ryw");
        await client.users.create({ user_id: userId, auto_create_key: false });
        const info = await client.users.info(userId);
        const applied = await client.health.revision();

        assert.equal(sent[0], null, "nothing is written yet, so nothing is asked for");
        assert.equal(sent[1], null);
        assert.match(sent[2] ?? "", /^[1-9][0-9]*$/);
        assert.equal(sent[3], sent[2], "a read does not move the revision");
        assert.equal(info.user_id, userId);
        assert.ok(applied.revision >= Number(sent[2]));
    });

    test("one tracker shared by two callers carries the first caller's write to the second", async () => {
        const revisions = new RevisionTracker();
        const sent: (string | null)[] = [];
        const writer = createProxyAdmin(service.baseUrl, { apiKey: masterKey, revisions });
        const reader = createProxyAdmin(service.baseUrl, { apiKey: masterKey, revisions }, recordingMinRevision(sent));
        const team = await writer.teams.create({ team_alias: unique("ts-ryw-team") });

        assert.ok(revisions.latest > 0);
        const read = await reader.teams.info(team.team_id);
        assert.equal(read.team_id, team.team_id);
        assert.deepEqual(sent, [String(revisions.latest)]);
    });

    test("without a tracker no revision is sent", async () => {
        const sent: (string | null)[] = [];
        const client = createProxyAdmin(service.baseUrl, { apiKey: masterKey }, recordingMinRevision(sent));
        await client.users.create({ user_id: unique("ts-no-ryw"), auto_create_key: false });
        await client.users.list();
        assert.deepEqual(sent, [null, null]);
    });

    test("the tracker keeps the highest revision and ignores a missing or malformed header", () => {
        const tracker = new RevisionTracker();
        const answer = (value?: string) => new Response(null, { headers: value === undefined ? {} : { "x-proxyadmin-revision": value } });
        tracker.observe(answer("7"));
        tracker.observe(answer("3"));
        tracker.observe(answer());
        tracker.observe(answer("12abc"));
        tracker.observe(answer("-1"));
        assert.equal(tracker.latest, 7);
        tracker.observe(answer("9"));
        assert.equal(tracker.latest, 9);
    });
});

describe("no lost edits", () => {
    test("a write sends the ETag its read returned; a stale one is a 412 naming the current tag, and changes nothing", async () => {
        const teamId = unique("ts-etag");
        await admin.teams.create({ team_id: teamId, team_alias: "before" });
        const read = await admin.teams.info(teamId);
        const tag = entityTagOf(read);
        assert.match(tag ?? "", /^"[^"]+"$/);
        assert.equal(JSON.stringify(read).includes(tag!), false, "the tag is not part of the body");

        const updated = await admin.teams.update({ team_id: teamId, team_alias: "first" }, tag);
        const newTag = entityTagOf(updated);
        assert.ok(newTag && newTag !== tag, "the write answers with the new tag");

        const stale = await expectError(admin.teams.update({ team_id: teamId, team_alias: "second" }, tag), 412);
        assert.equal(stale.entityTag, newTag);
        assert.equal(stale.param, "If-Match");
        assert.equal((await admin.teams.info(teamId)).team_info.team_alias, "first");
    });
});

describe("safe retries", () => {
    test("a create sent again with its Idempotency-Key is answered the first answer, marked replayed; another body is a 409", async () => {
        const retryKey = randomUUID();
        const body = { key_alias: unique("ts-retry") };

        const first = await admin.keys.generate(body, retryKey);
        assert.equal(wasReplayed(first), false);
        const again = await admin.keys.generate(body, retryKey);
        assert.equal(wasReplayed(again), true);
        assert.equal(again.key === first.key, true, "the same key, minted once");
        assert.deepEqual(again, first, "the mark is not part of the body");

        const conflict = await expectError(admin.keys.generate({ key_alias: unique("ts-other") }, retryKey), 409);
        assert.equal(conflict.param, "Idempotency-Key");
        assert.equal((await admin.keys.list(undefined, 10, undefined, undefined, body.key_alias)).total_count, 1);
    });
});

describe("dry runs", () => {
    test("a write sent as a dry run answers what it would, marked, and stores nothing; a refusal is the write's", async () => {
        const userId = unique("ts-dry");

        const tried = await admin.users.create({ user_id: userId, auto_create_key: false }, undefined, true);
        assert.equal(wasDryRun(tried), true);
        assert.equal(tried.user_id, userId);
        await expectError(admin.users.info(userId), 404);

        const created = await admin.users.create({ user_id: userId, auto_create_key: false });
        assert.equal(wasDryRun(created), false);
        const duplicate = await expectError(admin.users.create({ user_id: userId, auto_create_key: false }, undefined, true), 409);
        assert.equal(duplicate.type, "conflict_error");
    });
});

describe("explained access", () => {
    test("a key's effective models are what /models answers it, and a model outside its list is denied at the key", async () => {
        const name = unique("ts-explain");
        await admin.models.create({ model_name: name, litellm_params: { model: "openai/gpt-4o" } });
        const generated = await admin.keys.generate({ models: [name] });
        const asKey = createProxyAdmin(service.baseUrl, { apiKey: generated.key! });

        const explained = await admin.keys.explain(generated.key, unique("ts-other"));
        const listed = await asKey.models.listOpenAi();
        assert.deepEqual(explained.effective_models, listed.data!.map(m => m.id));
        assert.equal(explained.verdict!.allowed, false);
        assert.equal(explained.verdict!.denied_by, "model");
        assert.equal((await admin.keys.explain(generated.key, name)).verdict!.allowed, true);
    });
});

describe("errors surface as ProxyAdminError", () => {
    test("401 for an unknown key", async () => {
        const stranger = createProxyAdmin(service.baseUrl, { apiKey: "sk-not-a-real-key-000000" });
        const error = await expectError(stranger.users.list(), 401);
        assert.equal(error.type, "auth_error");
    });

    test("403 for a role that may not write", async () => {
        const viewer = await admin.users.create({ user_id: unique("ts-viewer"), user_role: "proxy_admin_viewer" });
        const asViewer = createProxyAdmin(service.baseUrl, { apiKey: viewer.key! });
        const error = await expectError(asViewer.users.create({ user_id: unique("nope") }), 403);
        assert.equal(error.type, "permission_denied_error");
    });

    test("404 for a team that does not exist", async () => {
        const error = await expectError(admin.teams.info(unique("missing-team")), 404);
        assert.equal(error.type, "not_found_error");
        assert.equal(error.param, "team_id");
    });

    test("409 for a duplicate user id", async () => {
        const userId = unique("ts-dup");
        await admin.users.create({ user_id: userId, auto_create_key: false });
        const error = await expectError(admin.users.create({ user_id: userId, auto_create_key: false }), 409);
        assert.equal(error.type, "conflict_error");
    });

    test("400 lists every invalid field", async () => {
        const error = await expectError(admin.users.create({ user_email: "not-an-email", max_budget: -1 }), 400);
        assert.equal(error.type, "bad_request_error");
        assert.deepEqual(error.errors.map(e => e.param).sort(), ["max_budget", "user_email"]);
    });

    test("an aborted call rejects with an AbortError", async () => {
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(admin.users.list(undefined, undefined, undefined, undefined, undefined, controller.signal), (error: Error) => error.name === "AbortError");
    });
});
