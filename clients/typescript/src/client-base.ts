// Included into the generated client by NSwag (nswag.json: extensionCode). Every generated client
// extends ClientBase: it adds the API key to each request, turns every non-2xx answer into a
// ProxyAdminError carrying the service's error envelope, keeps an answer's ETag, replay and dry-run marks on
// the result (entityTagOf, wasReplayed, wasDryRun), and, given a RevisionTracker, reads its own writes through
// any replica.

/** How a client authenticates, and whether it reads its own writes across replicas. */
export interface ProxyAdminConfig {
    /** The master key or a virtual key (`sk-...`). */
    apiKey: string;
    /**
     * Read-your-writes across replicas: the tracker remembers the highest `x-proxyadmin-revision` any
     * response carried and sends it as `x-proxyadmin-min-revision` on every later request, so a read
     * through another replica waits (at most a few seconds, then a 503) until that replica has applied
     * the write. Share one tracker between every client that must see the same writes;
     * `createProxyAdmin` does when `readYourWrites` is true.
     */
    revisions?: RevisionTracker;
}

/** The highest database revision a set of clients has seen committed (see ProxyAdminConfig.revisions). */
export class RevisionTracker {
    static readonly responseHeader = "x-proxyadmin-revision";
    static readonly requestHeader = "x-proxyadmin-min-revision";

    private highest = 0;

    /** The highest revision seen so far; 0 before the first write. */
    get latest(): number {
        return this.highest;
    }

    /** Remembers the revision a response names, if it names one higher than any seen. */
    observe(response: Response): void {
        const value = response.headers.get(RevisionTracker.responseHeader);
        const revision = value !== null && /^\d+$/.test(value) ? Number(value) : NaN;
        if (Number.isSafeInteger(revision) && revision > this.highest) {
            this.highest = revision;
        }
    }
}

const entityTag = Symbol("proxyadmin.entityTag");

/**
 * The entity tag (`ETag`) a read or write answered with, for `If-Match` on the next write of the resource:
 * `await admin.teams.update(changes, entityTagOf(await admin.teams.info(teamId)))`. Kept on the result as a
 * symbol-keyed, non-enumerable property, so the result serializes and compares as the body it is.
 */
export function entityTagOf(result: unknown): string | undefined {
    return result !== null && typeof result === "object" ? (result as { [entityTag]?: string })[entityTag] : undefined;
}

const replayed = Symbol("proxyadmin.replayed");

/**
 * Whether a create sent with an `Idempotency-Key` was answered with the first answer to that key, given again
 * (`Idempotent-Replayed: true`) rather than by running it: `wasReplayed(await admin.keys.generate(body, retryKey))`.
 * Kept on the result as a symbol-keyed, non-enumerable property, like the entity tag.
 */
export function wasReplayed(result: unknown): boolean {
    return result !== null && typeof result === "object" && (result as { [replayed]?: boolean })[replayed] === true;
}

const dryRun = Symbol("proxyadmin.dryRun");

/**
 * Whether the answer is a dry run's (`x-proxyadmin-dry-run: true`): the write was judged, validated and computed
 * but nothing was stored, so nothing in it exists (a key in it authenticates nothing):
 * `wasDryRun(await admin.teams.update(body, undefined, true))`. Kept on the result like the replay mark.
 */
export function wasDryRun(result: unknown): boolean {
    return result !== null && typeof result === "object" && (result as { [dryRun]?: boolean })[dryRun] === true;
}

/** One invalid field of a 400 answer. */
export interface ProxyAdminFieldError {
    param: string;
    message: string;
}

/** An error answer of the service: `{"error": {"message", "type", "param", "code"}}`. */
export class ProxyAdminError extends Error {
    /** The HTTP status. */
    readonly status: number;
    /** `bad_request_error`, `auth_error`, `permission_denied_error`, `not_found_error`, `conflict_error` ... */
    readonly type: string;
    /** The snake_case request field the error is about, or null. */
    readonly param: string | null;
    /** The HTTP status as a string, as the service sends it. */
    readonly code: string;
    /** For validation errors: every invalid field. */
    readonly errors: ProxyAdminFieldError[];
    /** For a 412 (a stale If-Match): the resource's current ETag, to read it again or to retry with. */
    readonly entityTag: string | undefined;

    constructor(status: number, message: string, type: string, param: string | null, code: string, errors: ProxyAdminFieldError[], entityTag?: string) {
        super(message);
        this.name = "ProxyAdminError";
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.errors = errors;
        this.entityTag = entityTag;
    }

    /** Reads the envelope from a response body; a body without one still becomes a typed error. */
    static fromResponse(status: number, body: string, entityTag?: string): ProxyAdminError {
        try {
            const parsed = JSON.parse(body) as { error?: { message?: string; type?: string; param?: string | null; code?: string; errors?: ProxyAdminFieldError[] } };
            const error = parsed.error;
            if (error && typeof error.message === "string") {
                return new ProxyAdminError(status, error.message, error.type ?? "unknown_error", error.param ?? null, error.code ?? String(status), error.errors ?? [], entityTag);
            }
        } catch {
            // Not JSON: fall through to a generic error that still carries the status.
        }
        return new ProxyAdminError(status, `HTTP ${status}`, "unknown_error", null, String(status), [], entityTag);
    }
}

export class ClientBase {
    protected constructor(private readonly configuration: ProxyAdminConfig) {
    }

    protected transformOptions(options: RequestInit): Promise<RequestInit> {
        const headers = new Headers(options.headers);
        headers.set("Authorization", `Bearer ${this.configuration.apiKey}`);
        const revisions = this.configuration.revisions;
        if (revisions && revisions.latest > 0) {
            headers.set(RevisionTracker.requestHeader, String(revisions.latest));
        }
        return Promise.resolve({ ...options, headers });
    }

    protected transformResult(_url: string, response: Response, processor: (response: Response) => Promise<any>): Promise<any> {
        this.configuration.revisions?.observe(response);
        const tag = response.headers.get("ETag") ?? undefined;
        const isReplay = response.headers.get("Idempotent-Replayed") === "true";
        const isDryRun = response.headers.get("x-proxyadmin-dry-run") === "true";
        if (response.ok) {
            return processor(response).then(result => {
                if (result !== null && typeof result === "object") {
                    if (tag !== undefined) {
                        Object.defineProperty(result, entityTag, { value: tag, enumerable: false });
                    }
                    if (isReplay) {
                        Object.defineProperty(result, replayed, { value: true, enumerable: false });
                    }
                    if (isDryRun) {
                        Object.defineProperty(result, dryRun, { value: true, enumerable: false });
                    }
                }
                return result;
            });
        }
        return response.text().then(body => {
            throw ProxyAdminError.fromResponse(response.status, body, tag);
        });
    }
}
