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
import type { PushProgress } from '../../core/neo4j/push';
import { WRITE_ORDER, type RowKind } from '../../core/neo4j/schema';
import type { Failure, PushOutcome, ServerInfo } from '../../../workers/neo4j-api';
import { errorText } from '../cases/case-client';
import { formatCount } from '../format';
import { type Translate, useT } from '../i18n/i18n';
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

function where(server: ServerInfo, t: Translate): string {
  return server.database ? t('neo4j.where', { url: server.url, database: server.database }) : t('neo4j.whereDefault', { url: server.url });
}

/** Row counts as words (the core's describeCounts says the same in English, for its logs and errors). */
function countsText(c: Partial<Record<RowKind, number>>, t: Translate): string {
  const parts = WRITE_ORDER.filter((k) => (c[k] ?? 0) > 0).map((k) => t(`neo4j.count.${k}`, { count: formatCount(c[k] ?? 0) }));
  return parts.length ? parts.join(t('neo4j.count.separator')) : t('neo4j.count.nothing');
}

function ConnectionSection({ server, onServer }: { server: ServerInfo | null; onServer(s: ServerInfo | null): void }) {
  const t = useT();
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
  // pageWarning has one reason only, so its presence is enough to say it in the page's language.
  const warning = typeof parsed === 'string' || pageWarning(parsed, location.protocol) === '' ? '' : t('neo4j.httpsOnly');

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    if (typeof parsed === 'string') return setError(parsed);
    if (rememberIt && passphrase === '') return setError(t('neo4j.needPassphrase'));
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
        setNotice(t('neo4j.remembered'));
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
      setNotice(t('neo4j.filledIn'));
    } catch (err) {
      setError(err instanceof WrongPassphraseError ? t('neo4j.wrongPassphrase') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const forgetIt = () => {
    const s = storage();
    if (s) forget(s);
    setHasSealed(false);
    setNotice(t('neo4j.forgotten'));
  };

  const disconnect = async () => {
    await neo4jClient().disconnect();
    onServer(null);
  };

  return (
    <section className="neo4j-section" aria-labelledby="neo4j-connection">
      <h2 id="neo4j-connection">{t('neo4j.server')}</h2>
      {hasSealed && (
        <div className="neo4j-row">
          <label>
            {t('neo4j.unlockPassphrase')}{' '}
            <input type="password" value={unlockPassphrase} onChange={(e) => setUnlockPassphrase(e.target.value)} data-testid="neo4j-unlock-passphrase" autoComplete="off" />
          </label>
          <button type="button" onClick={() => void unlock()} disabled={busy || unlockPassphrase === ''}>
            {t('neo4j.unlock')}
          </button>
          <button type="button" onClick={forgetIt} disabled={busy}>
            {t('neo4j.forget')}
          </button>
        </div>
      )}
      <form onSubmit={(e) => void connect(e)}>
        <div className="neo4j-form">
          <label htmlFor="neo4j-url">{t('neo4j.url')}</label>
          <input id="neo4j-url" value={settings.url} onChange={(e) => update({ url: e.target.value })} placeholder="bolt://localhost:7687" spellCheck={false} data-testid="neo4j-url" />
          <label htmlFor="neo4j-user">{t('neo4j.user')}</label>
          <input id="neo4j-user" value={settings.user} onChange={(e) => update({ user: e.target.value })} autoComplete="username" data-testid="neo4j-user" />
          <label htmlFor="neo4j-password">{t('neo4j.password')}</label>
          <input id="neo4j-password" type="password" value={settings.password} onChange={(e) => update({ password: e.target.value })} autoComplete="current-password" data-testid="neo4j-password" />
          <label htmlFor="neo4j-database">{t('neo4j.database')}</label>
          <input id="neo4j-database" value={settings.database} onChange={(e) => update({ database: e.target.value })} placeholder={t('neo4j.databasePlaceholder')} spellCheck={false} data-testid="neo4j-database" />
        </div>
        {typeof parsed === 'string' && settings.url.trim() !== '' && <p className="neo4j-error">{parsed}</p>}
        {warning && <p className="neo4j-warning">{warning}</p>}
        <div className="neo4j-row">
          <label>
            <input type="checkbox" checked={rememberIt} onChange={(e) => setRememberIt(e.target.checked)} data-testid="neo4j-remember" /> {t('neo4j.remember')}
          </label>
          {rememberIt && (
            <label>
              {t('neo4j.passphrase')} <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" data-testid="neo4j-passphrase" />
            </label>
          )}
        </div>
        {rememberIt && (
          <p className="neo4j-warning">{t('neo4j.rememberWarning')}</p>
        )}
        <div className="neo4j-row">
          <button type="submit" disabled={busy} data-testid="neo4j-connect">
            {busy ? t('neo4j.connecting') : server ? t('neo4j.reconnect') : t('neo4j.connect')}
          </button>
          {server && (
            <button type="button" onClick={() => void disconnect()}>
              {t('neo4j.disconnect')}
            </button>
          )}
          <span role="status" data-testid="neo4j-status" data-connected={server ? 'yes' : 'no'}>
            {server ? t('neo4j.connected', { agent: server.agent || 'Neo4j', where: where(server, t) }) : t('neo4j.notConnected')}
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

function PushSection({ client, server }: { client: ViewProps['client']; server: ServerInfo }) {
  const t = useT();
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
      <h2 id="neo4j-push">{t('neo4j.push')}</h2>
      <p className="muted">{t('neo4j.pushIntro')}</p>
      <fieldset className="neo4j-row" disabled={running}>
        <label>
          <input type="radio" name="neo4j-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} data-testid="neo4j-mode-replace" /> {t('neo4j.replace')}
        </label>
        <label>
          <input type="radio" name="neo4j-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} data-testid="neo4j-mode-merge" /> {t('neo4j.merge')}
        </label>
      </fieldset>
      {mode === 'replace' && <p className="neo4j-warning">{t('neo4j.replaceWarning', { where: where(server, t) })}</p>}
      <div className="neo4j-row">
        <button type="button" onClick={() => void push()} disabled={running} data-testid="neo4j-push">
          {t('neo4j.pushButton')}
        </button>
        {running && (
          <button type="button" onClick={() => void neo4jClient().cancelPush()} data-testid="neo4j-push-cancel">
            {t('neo4j.cancel')}
          </button>
        )}
      </div>
      {running && (
        <div className="neo4j-row" data-testid="neo4j-push-progress">
          <progress max={Math.max(1, progress?.total ?? 1)} value={progress?.done ?? 0} />
          <span>
            {progress
              ? t('neo4j.pushProgress', { phase: t(`neo4j.phase.${progress.phase}`), done: formatCount(progress.done), total: formatCount(progress.total), time: seconds(progress.report.elapsedMs) })
              : t('neo4j.preparing')}
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
          {t('neo4j.pushed', { counts: countsText(outcome.report.committed, t), where: where(server, t), time: seconds(outcome.report.elapsedMs) })}
        </p>
      )}
      {outcome && outcome.status !== 'done' && (
        <div className="neo4j-error" role="alert" data-testid="neo4j-push-result" data-status={outcome.status}>
          <p>{outcome.message}</p>
          <details>
            <summary>{t('neo4j.details')}</summary>
            <pre>{outcome.detail}</pre>
          </details>
        </div>
      )}
    </section>
  );
}

function PullSection({ client, server }: { client: ViewProps['client']; server: ServerInfo }) {
  const t = useT();
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
      const counts = countsText(r.counts, t);
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
      <h2 id="neo4j-pull">{t('neo4j.pull')}</h2>
      <p className="muted">{t('neo4j.pullIntro')}</p>
      <div className="neo4j-row">
        <label>
          {t('neo4j.caseName')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="neo4j-pull-name" />
        </label>
        <button type="button" onClick={() => void pull()} disabled={state !== 'idle' || name.trim() === ''} data-testid="neo4j-pull">
          {state === 'pulling' ? t('neo4j.reading') : state === 'storing' ? t('neo4j.storing') : t('neo4j.pull')}
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
            {t('neo4j.pulled', { counts: made.counts, time: seconds(made.elapsedMs), name: made.name, events: formatCount(made.logonEvents) })}
          </p>
          {made.notes.length > 0 && (
            <ul className="neo4j-warning">
              {made.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => go(formatRoute({ caseId: made.id, view: 'graph' }))} data-testid="neo4j-open-new-case">
            {t('neo4j.openNew')}
          </button>
        </div>
      )}
    </section>
  );
}

const EXAMPLES: [`neo4j.example.${'logons' | 'privileged' | 'failures' | 'top'}`, string][] = [
  ['neo4j.example.logons', 'MATCH (h:IPAddress)-[e:Event]->(u:Username) RETURN h, e, u LIMIT 50'],
  ['neo4j.example.privileged', "MATCH (u:Username) WHERE u.rights = 'system' RETURN u.user AS user, u.rank AS rank ORDER BY rank DESC"],
  ['neo4j.example.failures', 'MATCH (h:IPAddress)-[e:Event {id: 4625}]->(u:Username) RETURN h.IP AS host, u.user AS user, sum(e.count) AS failures ORDER BY failures DESC LIMIT 100'],
  ['neo4j.example.top', 'MATCH (u:Username) RETURN u.user AS user, u.rank AS rank ORDER BY rank DESC LIMIT 20'],
];

function ConsoleSection({ server }: { server: ServerInfo }) {
  const t = useT();
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
      <h2 id="neo4j-console">{t('neo4j.console')}</h2>
      <p className="muted">{t('neo4j.consoleIntro', { where: where(server, t) })}</p>
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
            {t(label)}
          </button>
        ))}
      </div>
      <textarea
        className="neo4j-query"
        aria-label={t('neo4j.query')}
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
          {running ? t('neo4j.running') : t('neo4j.run')}
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
            {t('neo4j.rows', {
              rows: formatCount(result.rows.length),
              cut: result.truncated ? t('neo4j.rowsCut') : '',
              time: seconds(result.elapsedMs),
              graph: result.graph.nodes.length ? t('neo4j.rowsGraph', { nodes: formatCount(result.graph.nodes.length), relationships: formatCount(result.graph.relationships.length) }) : '',
            })}
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
