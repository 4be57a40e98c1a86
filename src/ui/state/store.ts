import type { Problem, RecordRow } from '../../core/evtx';
import type { OpenedFile, ParseProgress } from '../../engine';

export type ParseStatus = 'idle' | 'parsing' | 'done' | 'cancelled' | 'failed';

export interface RefusedFile {
  name: string;
  message: string;
}

export interface LoadedFile {
  file: OpenedFile;
  /** Index in `rows` of the file's first row: files' rows are contiguous, in the order opened. */
  firstRow: number;
}

export type DetailState =
  | { row: number; status: 'loading' }
  | { row: number; status: 'ready'; json: string; xml: string }
  | { row: number; status: 'error'; message: string };

/**
 * Everything the page shows. Large data (rows, problems) lives in plain arrays that only grow and
 * are read by index; views re-render on `version`, which changes at most every NOTIFY_MS while a
 * parse streams in, and at once for user actions.
 */
export class AppStore {
  rows: RecordRow[] = [];
  /** Records parsed but not listed, past `maxRows`. */
  rowsNotListed = 0;
  files: LoadedFile[] = [];
  problems: Problem[] = [];
  refused: RefusedFile[] = [];
  status: ParseStatus = 'idle';
  /** Why the last parse failed (status 'failed'). */
  error = '';
  progress: ParseProgress | null = null;
  /** The keyboard cursor in the table, and the row whose detail is shown. */
  cursor = -1;
  selected = -1;
  detail: DetailState | null = null;

  private version = 0;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  static readonly NOTIFY_MS = 100;
  /**
   * `maxRows`: rows kept for the table. A row costs ~150 bytes: a DC's multi-GB log has tens of
   * millions of records, and keeping them all would exhaust the tab. Parsing goes on past it; the rest are counted.
   */
  constructor(readonly maxRows = 3_000_000) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  /** Announces a change: at once when `urgent`, else coalesced with others for up to NOTIFY_MS. */
  changed(urgent = false): void {
    if (urgent) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.notify();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.notify();
      }, AppStore.NOTIFY_MS);
    }
  }

  /** Forgets every file, row and problem (a new set of files is being opened). */
  clear(): void {
    this.rows = [];
    this.rowsNotListed = 0;
    this.names.clear();
    this.files = [];
    this.problems = [];
    this.refused = [];
    this.progress = null;
    this.error = '';
    this.cursor = -1;
    this.selected = -1;
    this.detail = null;
  }

  /**
   * Appends rows. Rows arrive as fresh copies from the workers, so the few distinct channel,
   * computer and provider names are shared here: with a million rows that saves ~100 MB.
   */
  addRows(rows: RecordRow[]): void {
    const all = this.rows;
    const room = Math.max(0, this.maxRows - all.length);
    if (rows.length > room) {
      this.rowsNotListed += rows.length - room;
      rows = rows.slice(0, room);
    }
    for (const r of rows) {
      r.channel = this.intern(r.channel);
      r.computer = this.intern(r.computer);
      r.provider = this.intern(r.provider);
      all.push(r);
    }
  }

  private names = new Map<string, string>();

  private intern(s: string): string {
    const known = this.names.get(s);
    if (known !== undefined) return known;
    if (this.names.size < 50_000) this.names.set(s, s);
    return s;
  }

  /** The file a row belongs to. */
  fileOfRow(row: number): OpenedFile | null {
    let lo = 0;
    let hi = this.files.length - 1;
    let found: LoadedFile | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = this.files[mid]!;
      if (f.firstRow <= row) {
        found = f;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return row >= 0 && row < this.rows.length ? (found?.file ?? null) : null;
  }

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
