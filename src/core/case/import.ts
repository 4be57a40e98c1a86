import type { ByteSource, Problem } from '../evtx';
import type { AddOutcome, CaseAccumulator } from './accumulator';
import { type LogonBatch, readLogonItems } from './logon-items';

export interface ImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  records: number;
}

export interface ImportReport {
  records: number;
  accepted: number;
  duplicates: number;
  outsideWindow: number;
  problems: Problem[];
}

/** Adds one batch of a file's normalized events to the case; returns the counts. */
export function addBatch(acc: CaseAccumulator, sourceIndex: number, batch: LogonBatch, report: ImportReport): void {
  const counts: Record<AddOutcome, number> = { accepted: 0, duplicate: 0, 'outside-window': 0 };
  for (const item of batch.items) counts[acc.add(item.event, item.computer, sourceIndex)]++;
  report.records += batch.records;
  report.accepted += counts.accepted;
  report.duplicates += counts.duplicate;
  report.outsideWindow += counts['outside-window'];
  report.problems.push(...batch.problems);
  const s = acc.sources[sourceIndex]!;
  s.records += batch.records;
  s.accepted += counts.accepted;
  s.duplicates += counts.duplicate;
  s.problems += batch.problems.length;
}

/**
 * Imports sources one after the other, in order, on this thread (CLI, tests, a worker that owns the
 * files). A file that is neither EVTX nor event XML throws NotEvtxError naming it; the caller decides
 * whether the case is kept (the page imports into a copy and keeps the case as it was on failure).
 */
export async function importSources(
  acc: CaseAccumulator,
  sources: readonly ByteSource[],
  options: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal; now?: () => number } = {},
): Promise<ImportReport> {
  const report: ImportReport = { records: 0, accepted: 0, duplicates: 0, outsideWindow: 0, problems: [] };
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0);
  let before = 0;
  for (const source of sources) {
    const index = acc.addSource({ name: source.name, size: source.size, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: (options.now ?? Date.now)() });
    await readLogonItems(
      source,
      acc.options.tzHours,
      (batch) => {
        addBatch(acc, index, batch, report);
        options.onProgress?.({ file: source.name, bytesDone: before + batch.bytesDone, bytesTotal, records: report.records });
      },
      options.signal,
    );
    before += source.size;
  }
  return report;
}
