// The ProxyAdmin client package: the generated clients and types, and the error they throw.
export * from "./generated/client";

import {
    AuditClient,
    BudgetsClient,
    CredentialsClient,
    EncryptionClient,
    HealthClient,
    KeysClient,
    ModelsClient,
    OrganizationsClient,
    ProjectsClient,
    type ProxyAdminConfig,
    RevisionTracker,
    TeamsClient,
    UsersClient,
} from "./generated/client";

/** A `fetch` for the generated clients, which otherwise default to `window` (absent under Node). */
export type Fetch = { fetch(url: RequestInfo, init?: RequestInit): Promise<Response> };

/** Every area's client, sharing one base URL, key and `fetch`. */
export interface ProxyAdmin {
    audit: AuditClient;
    budgets: BudgetsClient;
    credentials: CredentialsClient;
    encryption: EncryptionClient;
    health: HealthClient;
    keys: KeysClient;
    models: ModelsClient;
    organizations: OrganizationsClient;
    projects: ProjectsClient;
    teams: TeamsClient;
    users: UsersClient;
}

/** The settings of `createProxyAdmin`: a client's, and `readYourWrites` to share one RevisionTracker between its clients. */
export interface ProxyAdminOptions extends ProxyAdminConfig {
    /** Every later call waits for the replica to have applied this client's writes (x-proxyadmin-min-revision). */
    readYourWrites?: boolean;
}

/** Creates every client for one service: `createProxyAdmin("http://localhost:4000", { apiKey })`. */
export function createProxyAdmin(baseUrl: string, options: ProxyAdminOptions, http: Fetch = { fetch: (url, init) => globalThis.fetch(url, init) }): ProxyAdmin {
    const { readYourWrites, ...settings } = options;
    const config: ProxyAdminConfig = readYourWrites && !settings.revisions ? { ...settings, revisions: new RevisionTracker() } : settings;
    return {
        audit: new AuditClient(config, baseUrl, http),
        budgets: new BudgetsClient(config, baseUrl, http),
        credentials: new CredentialsClient(config, baseUrl, http),
        encryption: new EncryptionClient(config, baseUrl, http),
        health: new HealthClient(config, baseUrl, http),
        keys: new KeysClient(config, baseUrl, http),
        models: new ModelsClient(config, baseUrl, http),
        organizations: new OrganizationsClient(config, baseUrl, http),
        projects: new ProjectsClient(config, baseUrl, http),
        teams: new TeamsClient(config, baseUrl, http),
        users: new UsersClient(config, baseUrl, http),
    };
}
