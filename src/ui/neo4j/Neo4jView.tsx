import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  forget,
  loadSealed,
  type Neo4jConnection,
  openCredentials,
  pageWarning,
  parseNeo4jUrl,
  remember,
  type VaultStorage,
  WrongPassphraseError,
} from '../../core/neo4j/credentials';
import { cellText, type ConsoleResult } from '../../core/neo4j/plain';
import { describeCounts } from '../../core/neo4j/push';
import type { PushProgress } from '../../core/neo4j/push';
import type { Failure, PushOutcome, ServerInfo } from '../../../workers/neo4j-api';
import { errorText } from '../cases/case-client';
import { go } from '../shell/router';
import { formatRoute } from '../shell/params';
import type { ViewProps } from '../shell/view-props';
import { neo4jClient, session } from './neo4j-client';
import { ResultGraph } from './ResultGraph';
import './neo4j.css';

function storage(): VaultStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused by the browser's settings
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Neo4j sync: connect to a Neo4j server (Bolt over WebSocket, from a worker), push the open case in
 * LogonTracer's schema, make a new case from a database LogonTracer (or LogonLens) wrote, and read it
 * with a read-only Cypher console.
 */
export function Neo4jView({ client }: ViewProps) {
  const [server, setServer] = useState<ServerInfo | null>(session.server);
  return (
    <div className="neo4j-view" data-testid="neo4j-view">
      <ConnectionSection
        server={server}
        onServer={(s) => {
          session.server = s;
          setServer(s);
        }}
      />
      {server && (
        <>
          <PushSection client={client} server={server} />
          <PullSection client={client} server={server} />
          <ConsoleSection server={server} />
        </>
      )}
    </div>
  );
}

function where(server: ServerInfo): string {
  return server.database ? `${server.url}, database "${server.database}"` : `${server.url} (its default database)`;
}

function ConnectionSection({ server, onServer }: { server: ServerInfo | null; onServer(s: ServerInfo | null): void }) {
  const [settings, setSettings] = useState<Neo4jConnection>(session.settings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [rememberIt, setRememberIt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [unlockPassphrase, setUnlockPassphrase] = useState('');
  const [hasSealed, setHasSealed] = useState(() => !!(storage() && loadSealed(storage()!)));
  const [notice, setNotice] = useState('');

  const update = (patch: Partial<Neo4jConnection>) => {
    const next = { ...settings, ...patch };
    session.settings = next;
    setSettings(next);
  };
  const parsed = parseNeo4jUrl(settings.url);
  const warning = typeof parsed === 'string' ? '' : pageWarning(parsed, location.protocol);

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    if (typeof parsed === 'string') return setError(parsed);
    if (rememberIt && passphrase === '') return setError('Choose a passphrase to remember the credentials, or untick "Remember".');
    setBusy(true);
    setError('');
    setNotice('');
    try {
      const r = await neo4jClient().connect(settings);
      if (!r.ok) {
        onServer(null);
        setError(r.message);
        return;
      }
      onServer(r);
      const s = storage();
      if (rememberIt && s) {
        await remember(s, settings, passphrase);
        setHasSealed(true);
        setPassphrase('');
        setRememberIt(false);
        setNotice('The credentials are remembered on this browser, encrypted with your passphrase.');
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const unlock = async () => {
    const s = storage();
    const sealed = s && loadSealed(s);
    if (!sealed) return setHasSealed(false);
    setBusy(true);
    setError('');
    try {
      const c = await openCredentials(sealed, unlockPassphrase);
      update(c);
      setUnlockPassphrase('');
      setNotice('Remembered credentials filled in.');
    } catch (err) {
      setError(err instanceof WrongPassphraseError ? 'Wrong passphrase.' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const forgetIt = () => {
    const s = storage();
    if (s) forget(s);
    setHasSealed(false);
    setNotice('The remembered credentials were deleted from this browser.');
  };

  const disconnect = async () => {
    await neo4jClient().disconnect();
    onServer(null);
  };

  return (
    <section className="neo4j-section" aria-labelledby="neo4j-connection">
      <h2 id="neo4j-connection">Neo4j server</h2>
      {hasSealed && (
        <div className="neo4j-row">
          <label>
            Passphrase of the remembered credentials{' '}
            <input type="password" value={unlockPassphrase} onChange={(e) => setUnlockPassphrase(e.target.value)} data-testid="neo4j-unlock-passphrase" autoComplete="off" />
          </label>
          <button type="button" onClick={() => void unlock()} disabled={busy || unlockPassphrase === ''}>
            Unlock
          </button>
          <button type="button" onClick={forgetIt} disabled={busy}>
            Forget them
          </button>
        </div>
      )}
      <form onSubmit={(e) => void connect(e)}>
        <div className="neo4j-form">
          <label htmlFor="neo4j-url">URL</label>
          <input id="neo4j-url" value={settings.url} onChange={(e) => update({ url: e.target.value })} placeholder="bolt://localhost:7687" spellCheck={false} data-testid="neo4j-url" />
          <label htmlFor="neo4j-user">User</label>
          <input id="neo4j-user" value={settings.user} onChange={(e) => update({ user: e.target.value })} autoComplete="username" data-testid="neo4j-user" />
          <label htmlFor="neo4j-password">Password</label>
          <input id="neo4j-password" type="password" value={settings.password} onChange={(e) => update({ password: e.target.value })} autoComplete="current-password" data-testid="neo4j-password" />
          <label htmlFor="neo4j-database">Database</label>
          <input id="neo4j-database" value={settings.database} onChange={(e) => update({ database: e.target.value })} placeholder="default (neo4j)" spellCheck={false} data-testid="neo4j-database" />
        </div>
        {typeof parsed === 'string' && settings.url.trim() !== '' && <p className="neo4j-error">{parsed}</p>}
        {warning && <p className="neo4j-warning">{warning}</p>}
        <div className="neo4j-row">
          <label>
            <input type="checkbox" checked={rememberIt} onChange={(e) => setRememberIt(e.target.checked)} data-testid="neo4j-remember" /> Remember on this browser
          </label>
          {rememberIt && (
            <label>
              Passphrase <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" data-testid="neo4j-passphrase" />
            </label>
          )}
        </div>
        {rememberIt && (
          <p className="neo4j-warning">
            The URL, user, password and database will be stored in this browser, encrypted with your passphrase (PBKDF2 and AES-GCM). Anyone
            who gets this browser's storage and guesses the passphrase can read them, and anything running in this page can see them once
            unlocked. Without "Remember", they are kept in memory only and gone when the page closes.
          </p>
        )}
        <div className="neo4j-row">
          <button type="submit" disabled={busy} data-testid="neo4j-connect">
            {busy ? 'Connecting…' : server ? 'Reconnect' : 'Connect'}
          </button>
          {server && (
            <button type="button" onClick={() => void disconnect()}>
              Disconnect
            </button>
          )}
          <span role="status" data-testid="neo4j-status" data-connected={server ? 'yes' : 'no'}>
            {server ? `Connected to ${server.agent || 'Neo4j'} at ${where(server)}.` : 'Not connected.'}
          </span>
        </div>
      </form>
      {error && (
        <p className="neo4j-error" role="alert" data-testid="neo4j-connect-error">
          {error}
        </p>
      )}
      {notice && <p className="neo4j-ok">{notice}</p>}
    </section>
  );
}

const PHASES: Record<PushProgress['phase'], string> = {
  connect: 'Connecting',
  clear: 'Emptied the database',
  schema: 'Indexes ready',
  hosts: 'Writing hosts',
  users: 'Writing accounts',
  domains: 'Writing domains',
  events: 'Writing logon relationships',
  groups: 'Writing domain memberships',
  dateRange: 'Writing the date range',
  deletetime: 'Writing the log-cleared time',
  policies: 'Writing policy changes',
  done: 'Done',
};

function PushSection({ client, server }: { client: ViewProps['client']; server: ServerInfo }) {
  const [mode, setMode] = useState<'replace' | 'merge'>('replace');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<PushProgress | null>(null);
  const [outcome, setOutcome] = useState<PushOutcome | null>(null);
  const [error, setError] = useState('');

  const push = async () => {
    setRunning(true);
    setOutcome(null);
    setProgress(null);
    setError('');
    try {
      const { graph } = await client.logonTracerGraph();
      setOutcome(await neo4jClient().push(graph, { mode }, setProgress));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="neo4j-section" aria-labelledby="neo4j-push">
      <h2 id="neo4j-push">Push this case</h2>
      <p className="muted">Writes the case in LogonTracer's schema, so LogonTracer, its queries and Neo4j Browser read it.</p>
      <fieldset className="neo4j-row" disabled={running}>
        <label>
          <input type="radio" name="neo4j-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} data-testid="neo4j-mode-replace" /> Replace: empty the
          database first (one database per case, as LogonTracer's --delete)
        </label>
        <label>
          <input type="radio" name="neo4j-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} data-testid="neo4j-mode-merge" /> Merge into what is there
          (pushing the same case again adds nothing twice)
        </label>
      </fieldset>
      {mode === 'replace' && <p className="neo4j-warning">Replace deletes everything in {where(server)} before writing.</p>}
      <div className="neo4j-row">
        <button type="button" onClick={() => void push()} disabled={running} data-testid="neo4j-push">
          Push
        </button>
        {running && (
          <button type="button" onClick={() => void neo4jClient().cancelPush()} data-testid="neo4j-push-cancel">
            Cancel
          </button>
        )}
      </div>
      {running && (
        <div className="neo4j-row" data-testid="neo4j-push-progress">
          <progress max={Math.max(1, progress?.total ?? 1)} value={progress?.done ?? 0} />
          <span>
            {progress ? `${PHASES[progress.phase]}: ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} rows, ${seconds(progress.report.elapsedMs)}` : 'Preparing the case…'}
          </span>
        </div>
      )}
      {error && (
        <p className="neo4j-error" role="alert">
          {error}
        </p>
      )}
      {outcome?.status === 'done' && (
        <p className="neo4j-ok" data-testid="neo4j-push-result" data-status="done" data-events={outcome.report.committed.events}>
          Pushed {describeCounts(outcome.report.committed)} to {where(server)} in {seconds(outcome.report.elapsedMs)}.
        </p>
      )}
      {outcome && outcome.status !== 'done' && (
        <div className="neo4j-error" role="alert" data-testid="neo4j-push-result" data-status={outcome.status}>
          <p>{outcome.message}</p>
          <details>
            <summary>Details</summary>
            <pre>{outcome.detail}</pre>
          </details>
        </div>
      )}
    </section>
  );
}

function PullSection({ client, server }: { client: ViewProps['client']; server: ServerInfo }) {
  const [name, setName] = useState(() => `Neo4j ${server.database || 'neo4j'} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`);
  const [state, setState] = useState<'idle' | 'pulling' | 'storing'>('idle');
  const [error, setError] = useState('');
  const [made, setMade] = useState<{ id: string; name: string; notes: string[]; logonEvents: number; counts: string; elapsedMs: number } | null>(null);

  const pull = async () => {
    setError('');
    setMade(null);
    setState('pulling');
    try {
      const started = Date.now();
      const r = await neo4jClient().pull();
      if (!r.ok) return setError(r.message);
      const counts = describeCounts(r.counts);
      setState('storing');
      const out = await client.createCaseFromGraph(name, r.graph, `Neo4j ${server.url} (${server.database || 'default database'})`);
      setMade({ id: out.meta.id, name: out.meta.name, notes: out.notes, logonEvents: out.logonEvents, counts, elapsedMs: Date.now() - started });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setState('idle');
    }
  };

  return (
    <section className="neo4j-section" aria-labelledby="neo4j-pull">
      <h2 id="neo4j-pull">New case from Neo4j</h2>
      <p className="muted">Reads a database written by LogonTracer (or pushed from here) into a new case. Hourly relationships become that many logon events at their hour.</p>
      <div className="neo4j-row">
        <label>
          Case name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="neo4j-pull-name" />
        </label>
        <button type="button" onClick={() => void pull()} disabled={state !== 'idle' || name.trim() === ''} data-testid="neo4j-pull">
          {state === 'pulling' ? 'Reading the database…' : state === 'storing' ? 'Storing the case…' : 'New case from Neo4j'}
        </button>
      </div>
      {error && (
        <p className="neo4j-error" role="alert" data-testid="neo4j-pull-error">
          {error}
        </p>
      )}
      {made && (
        <div className="neo4j-ok" data-testid="neo4j-pull-result" data-case-id={made.id} data-logon-events={made.logonEvents}>
          <p>
            Read {made.counts} in {seconds(made.elapsedMs)}; the case "{made.name}" holds {made.logonEvents.toLocaleString('en-US')} logon events.
          </p>
          {made.notes.length > 0 && (
            <ul className="neo4j-warning">
              {made.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => go(formatRoute({ caseId: made.id, view: 'graph' }))} data-testid="neo4j-open-new-case">
            Open the new case
          </button>
        </div>
      )}
    </section>
  );
}

const EXAMPLES: [string, string][] = [
  ['Logons (graph)', 'MATCH (h:IPAddress)-[e:Event]->(u:Username) RETURN h, e, u LIMIT 50'],
  ['Privileged accounts', "MATCH (u:Username) WHERE u.rights = 'system' RETURN u.user AS user, u.rank AS rank ORDER BY rank DESC"],
  ['Logon failures', 'MATCH (h:IPAddress)-[e:Event {id: 4625}]->(u:Username) RETURN h.IP AS host, u.user AS user, sum(e.count) AS failures ORDER BY failures DESC LIMIT 100'],
  ['Top ranked', 'MATCH (u:Username) RETURN u.user AS user, u.rank AS rank ORDER BY rank DESC LIMIT 20'],
];

function ConsoleSection({ server }: { server: ServerInfo }) {
  const [text, setText] = useState(session.query);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<(ConsoleResult & { elapsedMs: number }) | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const r = await neo4jClient().query(text, 1000);
      if (!mounted.current) return;
      if (r.ok) setResult({ ...r.result, elapsedMs: r.elapsedMs });
      else {
        setResult(null);
        setFailure(r);
      }
    } catch (e) {
      setFailure({ ok: false, kind: 'unknown', message: errorText(e), detail: '' });
    } finally {
      if (mounted.current) setRunning(false);
    }
  };

  return (
    <section className="neo4j-section" aria-labelledby="neo4j-console">
      <h2 id="neo4j-console">Cypher console (read only)</h2>
      <p className="muted">Runs against {where(server)}. Queries that would write are refused before they run.</p>
      <div className="neo4j-row">
        {EXAMPLES.map(([label, q]) => (
          <button
            type="button"
            key={label}
            onClick={() => {
              session.query = q;
              setText(q);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <textarea
        className="neo4j-query"
        aria-label="Cypher query"
        value={text}
        spellCheck={false}
        onChange={(e) => {
          session.query = e.target.value;
          setText(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void run();
          }
        }}
        data-testid="neo4j-query"
      />
      <div className="neo4j-row">
        <button type="button" onClick={() => void run()} disabled={running} data-testid="neo4j-run">
          {running ? 'Running…' : 'Run (Ctrl+Enter)'}
        </button>
      </div>
      {failure && (
        <div className="neo4j-error" role="alert" data-testid="console-error" data-kind={failure.kind}>
          <p>{failure.message}</p>
        </div>
      )}
      {result && (
        <div data-testid="console-result" data-rows={result.rows.length}>
          <p className="muted">
            {result.rows.length.toLocaleString('en-US')} rows{result.truncated ? ' (more were cut off)' : ''} in {seconds(result.elapsedMs)}
            {result.graph.nodes.length ? `; ${result.graph.nodes.length} nodes and ${result.graph.relationships.length} relationships drawn below` : ''}.
          </p>
          <div className="neo4j-table-wrap">
            <table className="neo4j-table" data-testid="console-table">
              <thead>
                <tr>
                  {result.keys.map((k) => (
                    <th key={k}>{k}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cellText(cell)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.graph.nodes.length > 0 && <ResultGraph graph={result.graph} />}
        </div>
      )}
    </section>
  );
}
