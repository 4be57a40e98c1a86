import { analyze as analyzeCase, CaseAccumulator, caseDocument } from '../core/case';
import { importFiles } from './import-files';

export interface AnalyzeOptions {
  tzHours: number;
  /** `YYYY-MM-DDTHH:MM:SS` (shifted time, as the reference's -f/-t), or null. */
  from: string | null;
  to: string | null;
  json: boolean;
}

/** Parses the reference's `YYYY-MM-DDTHH:MM:SS` as a shifted wall-clock time (ms read as UTC). */
export function parseWindowTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`) {
    throw new RangeError(`not a time (YYYY-MM-DDTHH:MM:SS): ${text}`);
  }
  return ms;
}

type Out = NodeJS.WritableStream;

/**
 * `logonlens analyze FILE…`: imports the logs into one case in memory, analyses it, and prints the
 * case document (--json) or a short summary. Exit 1 when a file cannot be read at all.
 */
export async function analyze(files: string[], opts: AnalyzeOptions, out: Out, err: Out): Promise<number> {
  const acc = new CaseAccumulator({ tzHours: opts.tzHours, from: opts.from === null ? null : parseWindowTime(opts.from), to: opts.to === null ? null : parseWindowTime(opts.to) });
  if (!(await importFiles(acc, files, err))) return 1;
  const analysis = analyzeCase(acc);
  const doc = caseDocument(acc, analysis);
  if (opts.json) {
    out.write(JSON.stringify(doc) + '\n');
    return 0;
  }
  const accounts = doc.nodes.filter((n) => n.kind === 'account');
  const hosts = doc.nodes.filter((n) => n.kind === 'host');
  const top = (nodes: typeof accounts) => [...nodes].sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0)).slice(0, 10).map((n) => `  ${(n.rank ?? 0).toFixed(3)}  ${JSON.stringify(n.name)}`);
  const kinds = new Map<string, number>();
  for (const d of doc.detections) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
  out.write(
    [
      `logon events: ${doc.case.logonEvents}, accounts: ${accounts.length}, hosts: ${hosts.length}, edges: ${doc.edges.filter((e) => e.kind === 'logon').length}`,
      `time span: ${doc.case.firstHour ?? '-'} … ${doc.case.lastHour ?? '-'} (UTC${opts.tzHours >= 0 ? '+' : ''}${opts.tzHours})`,
      'detections: ' + ([...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'),
      'top accounts by LogonTracer rank:',
      ...top(accounts),
      'top hosts by LogonTracer rank:',
      ...top(hosts),
    ].join('\n') + '\n',
  );
  return 0;
}
