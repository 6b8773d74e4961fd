import { useState, type FormEvent } from "react";
import { shownError } from "../errors";

export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => Promise<void> }) {
    const [key, setKey] = useState("");
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);

    async function submit(event: FormEvent) {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
            await onSignedIn(key.trim());
        } catch (failure) {
            setError(shownError(failure).message);
        } finally {
            setBusy(false);
        }
    }

    return (
        <main className="sign-in">
            <h1>ProxyAdmin</h1>
            <form onSubmit={submit} aria-describedby={error ? "sign-in-error" : undefined}>
                <label htmlFor="key">API key</label>
                <input
                    id="key"
                    name="key"
                    type="password"
                    autoComplete="off"
                    placeholder="sk-..."
                    value={key}
                    onChange={event => setKey(event.target.value)}
                    required
                />
                <p className="hint">The key stays in this tab only (session storage) and is sent as a Bearer token.</p>
                <button type="submit" disabled={busy || key.trim() === ""}>
                    {busy ? "Signing in…" : "Sign in"}
                </button>
                {error && (
                    <p id="sign-in-error" className="error" role="alert">
                        {error}
                    </p>
                )}
            </form>
        </main>
    );
}
