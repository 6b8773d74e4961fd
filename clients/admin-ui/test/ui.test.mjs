// The admin UI in a real browser (Debian's chromium, driven by playwright-core) against the real service, which
// serves the committed build at /ui. Each test saves a screenshot to artifacts/ui-screenshots; every screen is checked
// with axe-core for serious or critical violations.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repository = resolve(here, "../../..");
const screenshots = join(repository, "artifacts", "ui-screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const masterKey = "sk-admin-ui-test-master-key";

let service;
let browser;

function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

async function startService() {
    const dll = resolve(process.env.PROXYADMIN_API_DLL ?? join(repository, "src/Api/bin/Release/net10.0/ProxyAdmin.Api.dll"));
    const directory = mkdtempSync(join(tmpdir(), "proxyadmin-ui-"));
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    let log = "";
    // The content root is the project's, where the committed build lives (wwwroot/ui), as `dotnet run` has it.
    const child = spawn("dotnet", [dll, "--urls", baseUrl, "--contentRoot", join(repository, "src/Api")], {
        cwd: directory,
        env: {
            ...process.env,
            ProxyAdmin__MasterKey: masterKey,
            ProxyAdmin__SaltKey: "admin-ui-test-salt",
            ConnectionStrings__ProxyAdmin: `Data Source=${join(directory, "proxyadmin.db")}`,
            Logging__LogLevel__Default: "Warning",
        },
        stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", chunk => { log += chunk; });
    child.stderr.on("data", chunk => { log += chunk; });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`The service exited with code ${child.exitCode}:\n${log}`);
        }
        try {
            if ((await fetch(`${baseUrl}/health/liveliness`)).ok) {
                return {
                    baseUrl,
                    stop: async () => {
                        if (child.exitCode === null) {
                            const exited = new Promise(r => child.once("exit", r));
                            child.kill("SIGTERM");
                            await exited;
                        }
                        rmSync(directory, { recursive: true, force: true });
                    },
                };
            }
        } catch {
            // Not listening yet.
        }
        await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`The service did not answer within 60 s:\n${log}`);
}

/** The API itself, with the master key: what the tests arrange and check beside the page. */
async function api(method, path, body, headers = {}) {
    const response = await fetch(service.baseUrl + path, {
        method,
        headers: { Authorization: `Bearer ${masterKey}`, "Content-Type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
}

function unique(prefix) {
    return `${prefix}-${Math.random().toString(16).slice(2, 10)}`;
}

async function page() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const opened = await context.newPage();
    const failures = [];
    opened.on("pageerror", error => failures.push(error.message));
    opened.failures = failures;
    return opened;
}

/** Signs in and waits until the first page of teams is shown (its caption renders only with the data). */
async function signIn(opened, key) {
    await opened.goto(`${service.baseUrl}/ui/`);
    await opened.getByLabel("API key").fill(key);
    await opened.getByRole("button", { name: "Sign in" }).click();
    await opened.getByRole("heading", { name: "Teams" }).waitFor();
    await opened.locator("caption").waitFor();
    await opened.getByRole("status").filter({ hasText: "Loading" }).waitFor({ state: "detached" });
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(opened) {
    await opened.evaluate(axeSource);
    const results = await opened.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
    return results.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => `${v.id}: ${v.help}`);
}

async function screenshot(opened, name) {
    mkdirSync(screenshots, { recursive: true });
    await opened.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

before(async () => {
    service = await startService();
    browser = await chromium.launch({
        executablePath: process.env.PROXYADMIN_CHROMIUM ?? "/usr/bin/chromium",
        // Root in CI has no user namespace for chromium's sandbox; the page is our own.
        args: ["--no-sandbox", "--disable-dev-shm-usage"],
    });
});

after(async () => {
    await browser?.close();
    await service?.stop();
});

describe("the admin UI", () => {
    test("the service serves it at /ui with a strict content security policy", async () => {
        const response = await fetch(`${service.baseUrl}/ui/`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'self'/);
        assert.match(await response.text(), /<div id="root">/);
    });

    test("signing in keeps the key in the tab only, and signing out forgets it", async () => {
        const opened = await page();
        await opened.goto(`${service.baseUrl}/ui/`);
        await screenshot(opened, "sign-in");
        assert.deepEqual(await seriousViolations(opened), [], "the sign-in screen");

        await opened.getByLabel("API key").fill("sk-not-a-real-key-0000");
        await opened.getByRole("button", { name: "Sign in" }).click();
        await opened.getByRole("alert").filter({ hasText: "Authentication Error" }).waitFor();

        await signIn(opened, masterKey);
        assert.equal(await opened.evaluate(() => sessionStorage.getItem("proxyadmin.key")), masterKey);
        assert.equal(await opened.evaluate(() => localStorage.length), 0, "never in localStorage");
        assert.ok(!opened.url().includes(masterKey), "never in the URL");
        await screenshot(opened, "teams");
        assert.deepEqual(await seriousViolations(opened), [], "the teams screen");

        await opened.getByRole("button", { name: "Sign out" }).click();
        await opened.getByLabel("API key").waitFor();
        assert.equal(await opened.evaluate(() => sessionStorage.getItem("proxyadmin.key")), null);
        assert.deepEqual(opened.failures, []);
        await opened.context().close();
    });

    test("a team created twice by a double click is one team; a bad field shows its message at the field", async () => {
        const opened = await page();
        await signIn(opened, masterKey);
        const alias = unique("ui-team");

        await opened.getByLabel("Alias").fill(alias);
        await opened.getByLabel("Max budget").fill("a lot");
        await opened.getByRole("button", { name: "Create team" }).click();
        await opened.locator("#max_budget-error").filter({ hasText: "must be a number" }).waitFor();
        assert.equal((await api("GET", `/v2/team/list?team_alias=${alias}`)).body.total, 0, "what is not a number is not sent");

        await opened.getByLabel("Max budget").fill("-1");
        await opened.getByRole("button", { name: "Create team" }).click();
        const fieldError = opened.locator("#max_budget-error");
        await fieldError.filter({ hasText: /./ }).waitFor();
        assert.match(await fieldError.textContent(), /max_budget|greater|0/i);
        assert.equal(await opened.getByLabel("Max budget").getAttribute("aria-invalid"), "true");
        await screenshot(opened, "validation-error");

        await opened.getByLabel("Max budget").fill("50");
        await opened.getByRole("button", { name: "Create team" }).dblclick();
        await opened.getByRole("cell", { name: alias, exact: true }).waitFor();
        const listed = await api("GET", `/v2/team/list?team_alias=${alias}`);
        assert.equal(listed.status, 200);
        assert.equal(listed.body.total, 1, "one team, however often the button was clicked");
        assert.deepEqual(opened.failures, []);
        await opened.context().close();
    });

    test("a rename over someone else's change is a 412 shown with a reload, and goes through after it", async () => {
        const alias = unique("ui-rename");
        const created = await api("POST", "/team/new", { team_alias: alias });
        assert.equal(created.status, 200);
        const teamId = created.body.team_id;
        const opened = await page();
        await signIn(opened, masterKey);

        // The team was created before signing in, so the list signIn waited for holds it, on one of its pages.
        const row = opened.getByRole("row").filter({ hasText: teamId });
        for (let pages = 1; !(await row.count()); pages++) {
            assert.ok(pages < 50, "the new team is on one of the pages");
            await opened.getByRole("button", { name: "Next" }).click();
            await opened.getByRole("status").filter({ hasText: "Loading" }).waitFor({ state: "detached" });
            await opened.locator("caption").waitFor();
        }
        await row.getByRole("button", { name: /^Rename/ }).click();
        const input = opened.getByLabel("New alias");
        await opened.waitForFunction(() => !document.querySelector(".rename button[type=submit]")?.hasAttribute("disabled"));

        assert.equal((await api("POST", "/team/update", { team_id: teamId, team_alias: unique("changed-elsewhere") })).status, 200);
        await input.fill(`${alias}-mine`);
        await opened.getByRole("button", { name: "Save" }).click();
        await opened.getByRole("alert").filter({ hasText: "changed by someone else" }).waitFor();
        await screenshot(opened, "stale-edit");

        await opened.getByRole("button", { name: "Reload" }).click();
        await opened.waitForFunction(() => !document.querySelector(".rename button[type=submit]")?.hasAttribute("disabled"));
        await input.fill(`${alias}-mine`);
        await opened.getByRole("button", { name: "Save" }).click();
        await opened.locator(".rename").waitFor({ state: "detached" });
        await opened.getByRole("cell", { name: `${alias}-mine`, exact: true }).waitFor();
        assert.equal((await api("GET", `/team/info?team_id=${teamId}`)).body.team_info.team_alias, `${alias}-mine`);
        assert.deepEqual(opened.failures, []);
        await opened.context().close();
    });

    test("a viewer sees the teams without any control that writes", async () => {
        const viewer = await api("POST", "/user/new", { user_id: unique("ui-viewer"), user_role: "proxy_admin_viewer" });
        assert.equal(viewer.status, 200);
        const opened = await page();
        await signIn(opened, viewer.body.key);

        assert.equal(await opened.getByRole("button", { name: "Create team" }).count(), 0);
        assert.equal(await opened.getByRole("button", { name: /^Rename/ }).count(), 0);
        assert.ok((await opened.getByRole("row").count()) > 1, "the teams are listed");
        await screenshot(opened, "viewer");
        assert.deepEqual(await seriousViolations(opened), [], "the viewer's teams screen");
        await opened.context().close();
    });
});
