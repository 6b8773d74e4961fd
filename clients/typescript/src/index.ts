// The ProxyAdmin client package: the generated clients and types, and the error they throw.
export * from "./generated/client";

import type { ProxyAdminConfig } from "./generated/client";
import {
    AuditClient,
    HealthClient,
    KeysClient,
    ModelsClient,
    ProjectsClient,
    TeamsClient,
    UsersClient,
} from "./generated/client";

/** A `fetch` for the generated clients, which otherwise default to `window` (absent under Node). */
export type Fetch = { fetch(url: RequestInfo, init?: RequestInit): Promise<Response> };

/** Every area's client, sharing one base URL, key and `fetch`. */
export interface ProxyAdmin {
    audit: AuditClient;
    health: HealthClient;
    keys: KeysClient;
    models: ModelsClient;
    projects: ProjectsClient;
    teams: TeamsClient;
    users: UsersClient;
}

/** Creates every client for one service: `createProxyAdmin("http://localhost:4000", { apiKey })`. */
export function createProxyAdmin(baseUrl: string, config: ProxyAdminConfig, http: Fetch = { fetch: (url, init) => globalThis.fetch(url, init) }): ProxyAdmin {
    return {
        audit: new AuditClient(config, baseUrl, http),
        health: new HealthClient(config, baseUrl, http),
        keys: new KeysClient(config, baseUrl, http),
        models: new ModelsClient(config, baseUrl, http),
        projects: new ProjectsClient(config, baseUrl, http),
        teams: new TeamsClient(config, baseUrl, http),
        users: new UsersClient(config, baseUrl, http),
    };
}
