import { useEffect, useState } from "react";
import { forgetKey, keepKey, storedKey } from "./session";
import { openSession, type Session } from "./signIn";
import { SignIn } from "./screens/SignIn";
import { Teams } from "./screens/Teams";

export function App() {
    const [session, setSession] = useState<Session | null>(null);
    const [restoring, setRestoring] = useState(() => storedKey() !== null);

    // A reload keeps the tab's key (sessionStorage) and checks it again before showing anything.
    useEffect(() => {
        const key = storedKey();
        if (key === null) {
            return;
        }
        let current = true;
        openSession(key)
            .then(opened => current && setSession(opened), () => forgetKey())
            .finally(() => current && setRestoring(false));
        return () => {
            current = false;
        };
    }, []);

    if (restoring && session === null) {
        return <p className="status" role="status" aria-busy="true">Signing in…</p>;
    }

    if (session === null) {
        return (
            <SignIn
                onSignedIn={async key => {
                    const opened = await openSession(key);
                    keepKey(key);
                    setSession(opened);
                }}
            />
        );
    }

    return (
        <div className="shell">
            <header>
                <h1>ProxyAdmin</h1>
                <nav aria-label="Screens">
                    <span aria-current="page">Teams</span>
                </nav>
                <p className="who">
                    {session.userId ?? "master key"} <span className="role">({session.role})</span>
                </p>
                <button
                    type="button"
                    onClick={() => {
                        forgetKey();
                        setSession(null);
                    }}
                >
                    Sign out
                </button>
            </header>
            <main>
                <Teams session={session} />
            </main>
        </div>
    );
}
