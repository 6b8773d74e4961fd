import { ProxyAdminError } from "@proxyadmin/client";

/** A refusal as the screens show it: the envelope's message, and each invalid field's message under its name. */
export interface ShownError {
    message: string;
    fields: Record<string, string>;
    status: number | null;
}

export function shownError(error: unknown): ShownError {
    if (error instanceof ProxyAdminError) {
        const fields: Record<string, string> = {};
        for (const field of error.errors ?? []) {
            fields[field.param] = field.message;
        }
        if (error.param && !(error.param in fields)) {
            fields[error.param] = error.message;
        }
        return { message: error.message, fields, status: error.status };
    }
    return { message: error instanceof Error ? error.message : String(error), fields: {}, status: null };
}
