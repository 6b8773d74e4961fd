import { entityTagOf, type TeamDto, type TeamPageDto } from "@proxyadmin/client";
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { shownError, type ShownError } from "../errors";
import { newRequestKey } from "../requestKey";
import { mayWrite, type Session } from "../signIn";

const pageSize = 10;

/** Teams: a paged list (the caller's own teams unless it reads everything), create, and rename with If-Match. */
export function Teams({ session }: { session: Session }) {
    const [page, setPage] = useState(1);
    const [data, setData] = useState<TeamPageDto | null>(null);
    const [loading, setLoading] = useState(true);
    const [error, setError] = useState<ShownError | null>(null);
    const writes = mayWrite(session.role);

    const load = useCallback(async (wanted: number) => {
        setLoading(true);
        setError(null);
        try {
            setData(await session.api.teams.listPaged(wanted, pageSize));
        } catch (failure) {
            setError(shownError(failure));
        } finally {
            setLoading(false);
        }
    }, [session]);

    useEffect(() => {
        void load(page);
    }, [load, page]);

    return (
        <section aria-labelledby="teams-title">
            <h2 id="teams-title">Teams</h2>
            {writes && <CreateTeam session={session} onCreated={() => void load(page)} />}
            {error && <p className="error" role="alert">{error.message}</p>}
            <div aria-busy={loading} aria-live="polite">
                {loading && <p className="status" role="status">Loading teams…</p>}
                {data && (
                    <>
                        <table>
                            <caption>{data.total} teams</caption>
                            <thead>
                                <tr>
                                    <th scope="col">Alias</th>
                                    <th scope="col">Team id</th>
                                    <th scope="col">Members</th>
                                    <th scope="col">Max budget</th>
                                    <th scope="col">State</th>
                                    {writes && <th scope="col">Actions</th>}
                                </tr>
                            </thead>
                            <tbody>
                                {data.teams.map(team => (
                                    <TeamRow key={team.team_id} team={team} session={session} writes={writes} onChanged={() => void load(page)} />
                                ))}
                            </tbody>
                        </table>
                        <nav className="pager" aria-label="Pages of teams">
                            <button type="button" disabled={loading || page <= 1} onClick={() => setPage(page - 1)}>
                                Previous
                            </button>
                            <span>
                                Page {data.page} of {Math.max(1, data.total_pages)}
                            </span>
                            <button type="button" disabled={loading || page >= data.total_pages} onClick={() => setPage(page + 1)}>
                                Next
                            </button>
                        </nav>
                    </>
                )}
            </div>
        </section>
    );
}

function CreateTeam({ session, onCreated }: { session: Session; onCreated: () => void }) {
    const [alias, setAlias] = useState("");
    const [maxBudget, setMaxBudget] = useState("");
    const [error, setError] = useState<ShownError | null>(null);
    const [busy, setBusy] = useState(false);
    // One Idempotency-Key per request the form sends: a double click or a retry creates one team; a changed form is another request.
    const [attempt, setAttempt] = useState(() => newRequestKey());

    async function submit(event: FormEvent) {
        event.preventDefault();
        const budget = maxBudget.trim() === "" ? null : Number(maxBudget);
        if (budget !== null && !Number.isFinite(budget)) {
            // Not sent: JSON would carry NaN as null, a team without a budget the user did not ask for.
            setError({ message: "max_budget must be a number.", fields: { max_budget: "max_budget must be a number." }, status: null });
            return;
        }

        setBusy(true);
        setError(null);
        try {
            await session.api.teams.create({ team_alias: alias === "" ? null : alias, max_budget: budget }, attempt);
            setAlias("");
            setMaxBudget("");
            setAttempt(newRequestKey());
            onCreated();
        } catch (failure) {
            setError(shownError(failure));
        } finally {
            setBusy(false);
        }
    }

    function changed(update: () => void) {
        update();
        setAttempt(newRequestKey());
    }

    return (
        <form className="create" onSubmit={submit} aria-labelledby="create-team-title">
            <h3 id="create-team-title">New team</h3>
            <Field label="Alias" name="team_alias" error={error?.fields["team_alias"]}>
                <input id="team_alias" value={alias} onChange={e => changed(() => setAlias(e.target.value))} aria-invalid={!!error?.fields["team_alias"]} aria-describedby="team_alias-error" />
            </Field>
            <Field label="Max budget" name="max_budget" error={error?.fields["max_budget"]}>
                <input id="max_budget" inputMode="decimal" value={maxBudget} onChange={e => changed(() => setMaxBudget(e.target.value))} aria-invalid={!!error?.fields["max_budget"]} aria-describedby="max_budget-error" />
            </Field>
            <button type="submit" disabled={busy}>{busy ? "Creating…" : "Create team"}</button>
            {error && Object.keys(error.fields).length === 0 && <p className="error" role="alert">{error.message}</p>}
        </form>
    );
}

function TeamRow({ team, session, writes, onChanged }: { team: TeamDto; session: Session; writes: boolean; onChanged: () => void }) {
    const [editing, setEditing] = useState(false);
    return (
        <tr>
            <td>{editing ? <Rename team={team} session={session} onDone={changed => { setEditing(false); if (changed) onChanged(); }} /> : team.team_alias ?? <em>none</em>}</td>
            <td><code>{team.team_id}</code></td>
            <td>{team.members_with_roles.length}</td>
            <td>{team.max_budget ?? "unlimited"}</td>
            <td>{team.blocked ? "blocked" : "active"}</td>
            {writes && (
                <td>
                    {!editing && (
                        <button type="button" onClick={() => setEditing(true)} aria-label={`Rename ${team.team_alias ?? team.team_id}`}>
                            Rename
                        </button>
                    )}
                </td>
            )}
        </tr>
    );
}

/** Renames with the ETag the form was filled from: a change by someone else meanwhile is a 412, shown with a reload. */
function Rename({ team, session, onDone }: { team: TeamDto; session: Session; onDone: (changed: boolean) => void }) {
    const [alias, setAlias] = useState(team.team_alias ?? "");
    const [tag, setTag] = useState<string | undefined>(undefined);
    const [error, setError] = useState<ShownError | null>(null);
    const [busy, setBusy] = useState(true);

    const reload = useCallback(async () => {
        setBusy(true);
        setError(null);
        try {
            const info = await session.api.teams.info(team.team_id);
            setAlias(info.team_info.team_alias ?? "");
            setTag(entityTagOf(info));
        } catch (failure) {
            setError(shownError(failure));
        } finally {
            setBusy(false);
        }
    }, [session, team.team_id]);

    useEffect(() => {
        void reload();
    }, [reload]);

    async function submit(event: FormEvent) {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
            await session.api.teams.update({ team_id: team.team_id, team_alias: alias }, tag);
            onDone(true);
        } catch (failure) {
            setError(shownError(failure));
            setBusy(false);
        }
    }

    const stale = error?.status === 412;
    return (
        <form className="rename" onSubmit={submit}>
            <label htmlFor={`alias-${team.team_id}`}>New alias</label>
            <input id={`alias-${team.team_id}`} value={alias} onChange={e => setAlias(e.target.value)} aria-invalid={!!error?.fields["team_alias"]} />
            <button type="submit" disabled={busy || stale}>Save</button>
            <button type="button" onClick={() => onDone(false)}>Cancel</button>
            {stale && (
                <p className="error" role="alert">
                    This team was changed by someone else since it was loaded.{" "}
                    <button type="button" onClick={() => void reload()}>Reload</button>
                </p>
            )}
            {error && !stale && <p className="error" role="alert">{error.fields["team_alias"] ?? error.message}</p>}
        </form>
    );
}

function Field({ label, name, error, children }: { label: string; name: string; error: string | undefined; children: ReactNode }) {
    return (
        <div className="field">
            <label htmlFor={name}>{label}</label>
            {children}
            <p id={`${name}-error`} className="field-error" role={error ? "alert" : undefined}>
                {error ?? ""}
            </p>
        </div>
    );
}
