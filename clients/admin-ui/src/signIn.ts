import { createProxyAdmin, ProxyAdminError, type ProxyAdmin } from "@proxyadmin/client";

/** Who signed in: the clients bound to the key, and the role the screens follow. */
export interface Session {
    api: ProxyAdmin;
    userId: string | null;
    role: string;
}

export function clientsFor(key: string): ProxyAdmin {
    // Same origin: the UI is served by the service it administers.
    return createProxyAdmin(window.location.origin, { apiKey: key }, { fetch: (url, init) => window.fetch(url, init) });
}

/**
 * Checks a key by reading the caller's own user row. The master key has none (a 404 after it authenticated), and is
 * a proxy admin; a key that does not authenticate is refused with the service's own message.
 */
export async function openSession(key: string): Promise<Session> {
    const api = clientsFor(key);
    try {
        const own = await api.users.info();
        return { api, userId: own.user_id, role: own.user_info.user_role ?? "internal_user" };
    } catch (error) {
        if (error instanceof ProxyAdminError && error.status === 404) {
            return { api, userId: null, role: "proxy_admin" };
        }
        throw error;
    }
}

export function mayWrite(role: string): boolean {
    return role !== "proxy_admin_viewer" && role !== "internal_user_viewer";
}
