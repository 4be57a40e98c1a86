import { CHUNK_SIZE, type EvtxLayout, FILE_HEADER_SIZE, type Problem, type RecordRow } from '../core/evtx';
import type { ChunkRows } from '../../workers/evtx-api';
import { chunkBatches, inOrder } from './ordered';
import { AbortError, type WorkerPool } from './pool';

export type FileKind = 'evtx' | 'xml';

/** A file that was accepted for parsing. */
export interface OpenedFile {
  /** Position in the list given to parseFiles. */
  readonly index: number;
  readonly name: string;
  readonly size: number;
  readonly kind: FileKind;
  readonly blob: Blob;
  /** The EVTX layout (null for XML imports): needed to fetch a record again. */
  readonly layout: EvtxLayout | null;
}

export interface ParseProgress {
  bytesDone: number;
  bytesTotal: number;
  records: number;
  recordsPerSecond: number;
  elapsedMs: number;
  /** The file being parsed (index in the list), and how many are finished. */
  fileIndex: number;
  fileName: string;
  filesDone: number;
  files: number;
}

/** Where parseFiles delivers: everything arrives in file order, rows of a file strictly in record order. */
export interface ParseSink {
  fileStarted?(file: OpenedFile): void;
  rows(file: OpenedFile, rows: RecordRow[]): void;
  problems(file: OpenedFile, problems: Problem[]): void;
  /** A file that cannot be read at all (not EVTX, no reader, unreadable), with a message naming it. */
  refused(name: string, message: string): void;
  fileDone?(file: OpenedFile): void;
  progress?(progress: ParseProgress): void;
}

export interface ParseOptions {
  signal?: AbortSignal;
  /** Chunks per request to a worker (default 4, i.e. 256 KiB). */
  batchChunks?: number;
  /**
   * How many batches may be handed out beyond the first one not yet delivered (default 2 × pool size).
   * Finished batches wait in a buffer until their turn, so this bounds it: O(workers × batch).
   */
  maxAhead?: number;
  now?: () => number;
}

export interface ParseSummary {
  status: 'done' | 'cancelled';
  records: number;
  problems: number;
  refused: number;
  elapsedMs: number;
}

export function fileKind(name: string): FileKind {
  return /\.xml$/i.test(name) ? 'xml' : 'evtx';
}

/**
 * Parses `files` one after the other on the pool's workers and delivers rows to `sink` in file order.
 * Cancelling (options.signal) terminates and restarts the pool's workers, and resolves with
 * status 'cancelled'. Errors thrown by the sink reject the promise.
 */
export async function parseFiles(pool: WorkerPool, files: readonly File[], sink: ParseSink, options: ParseOptions = {}): Promise<ParseSummary> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  const totals = { records: 0, problems: 0, refused: 0, bytesBefore: 0, filesDone: 0 };
  // Our own controller, so a failing step also stops the other lanes; it follows the caller's signal.
  const stop = new AbortController();
  const follow = () => stop.abort();
  options.signal?.addEventListener('abort', follow, { once: true });
  if (options.signal?.aborted) stop.abort();

  const progress = (fileIndex: number, fileName: string, bytesInFile: number) => {
    if (stop.signal.aborted) return;
    const elapsedMs = now() - start;
    sink.progress?.({
      bytesDone: totals.bytesBefore + bytesInFile,
      bytesTotal,
      records: totals.records,
      recordsPerSecond: elapsedMs > 0 ? (totals.records * 1000) / elapsedMs : 0,
      elapsedMs,
      fileIndex,
      fileName,
      filesDone: totals.filesDone,
      files: files.length,
    });
  };
  const ctx: FileContext = {
    pool,
    sink,
    signal: stop.signal,
    batchChunks: Math.max(1, options.batchChunks ?? 4),
    maxAhead: Math.max(1, options.maxAhead ?? pool.size * 2),
    deliver(file, rows, problems) {
      if (stop.signal.aborted) return; // nothing reaches the sink after a cancel
      if (rows.length) sink.rows(file, rows);
      if (problems.length) sink.problems(file, problems);
      totals.records += rows.length;
      totals.problems += problems.length;
    },
    progress,
  };

  try {
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      if (stop.signal.aborted) throw new AbortError();
      const kind = fileKind(f.name);
      const refused = kind === 'xml' ? await parseXml(ctx, f, i) : await parseEvtx(ctx, f, i);
      if (refused !== null) {
        totals.refused++;
        sink.refused(f.name, refused);
      }
      totals.bytesBefore += f.size;
      totals.filesDone++;
      progress(i, f.name, 0);
    }
  } catch (e) {
    stop.abort();
    // Whatever was running on the workers is abandoned: end them, so nothing of it survives.
    pool.reset();
    if (!options.signal?.aborted) throw e;
    return { status: 'cancelled', records: totals.records, problems: totals.problems, refused: totals.refused, elapsedMs: now() - start };
  } finally {
    options.signal?.removeEventListener('abort', follow);
  }
  return { status: 'done', records: totals.records, problems: totals.problems, refused: totals.refused, elapsedMs: now() - start };
}

interface FileContext {
  pool: WorkerPool;
  sink: ParseSink;
  signal: AbortSignal;
  batchChunks: number;
  maxAhead: number;
  deliver(file: OpenedFile, rows: RecordRow[], problems: Problem[]): void;
  progress(fileIndex: number, fileName: string, bytesInFile: number): void;
}

/** Parses one EVTX file; returns a refusal message when it is not one. */
async function parseEvtx(ctx: FileContext, blob: File, index: number): Promise<string | null> {
  const { pool, signal } = ctx;
  const opened = await pool.run((api) => api.open(blob, blob.name), signal).catch(rethrowAbort);
  if (opened instanceof Error) return `${blob.name}: could not be read (${opened.message})`;
  if (!opened.ok) return opened.error.kind === 'not-evtx' ? opened.error.message : `${blob.name}: ${opened.error.message}`;
  const layout = opened.value;
  const file: OpenedFile = { index, name: blob.name, size: blob.size, kind: 'evtx', blob, layout };
  ctx.sink.fileStarted?.(file);
  ctx.deliver(file, [], layout.problems);

  let bytesInFile = Math.min(FILE_HEADER_SIZE, blob.size);
  await inOrder(
    pool,
    chunkBatches(layout.blocks, ctx.batchChunks),
    async (indices) => {
      const reply = await pool.run((api) => api.readChunks(blob, layout, indices), signal).catch(rethrowAbort);
      if (reply instanceof Error) return failedBatch(layout, indices, reply.message);
      return reply.ok ? reply.value : failedBatch(layout, indices, reply.error.message);
    },
    (chunks) => {
      for (const chunk of chunks) {
        ctx.deliver(file, chunk.rows, chunk.problems);
        bytesInFile += chunk.bytes;
      }
      ctx.progress(index, file.name, Math.min(bytesInFile, blob.size));
    },
    signal,
    ctx.maxAhead,
  );
  ctx.sink.fileDone?.(file);
  return null;
}

/** Parses one XML event file in a single worker (the reader streams it); returns a refusal message when it cannot. */
async function parseXml(ctx: FileContext, blob: File, index: number): Promise<string | null> {
  const file: OpenedFile = { index, name: blob.name, size: blob.size, kind: 'xml', blob, layout: null };
  let started = false;
  let bytesInFile = 0;
  const start = () => {
    if (!started) ctx.sink.fileStarted?.(file);
    started = true;
  };
  const reply = await ctx.pool
    .run(
      (api) =>
        api.readXml(blob, blob.name, (batch) => {
          if (ctx.signal.aborted) return;
          start();
          ctx.deliver(file, batch.rows, batch.problems);
          // Rows carry their byte offset: the last one tells how far the reader got.
          bytesInFile = Math.max(bytesInFile, batch.rows.at(-1)?.offset ?? 0);
          ctx.progress(index, file.name, bytesInFile);
        }),
      ctx.signal,
    )
    .catch(rethrowAbort);
  if (reply instanceof Error) return `${blob.name}: could not be read (${reply.message})`;
  if (!reply.ok) return reply.error.kind === 'unsupported' || reply.error.message.includes(blob.name) ? reply.error.message : `${blob.name}: ${reply.error.message}`;
  start();
  ctx.sink.fileDone?.(file);
  return null;
}

/** Turns a rejected worker call into a value, except for cancellation, which propagates. */
function rethrowAbort(e: unknown): Error {
  if (e instanceof AbortError) throw e;
  return e instanceof Error ? e : new Error(String(e));
}

function failedBatch(layout: EvtxLayout, indices: number[], message: string): ChunkRows[] {
  return indices.map((index) => {
    const offset = FILE_HEADER_SIZE + index * CHUNK_SIZE;
    return {
      index,
      rows: [],
      records: 0,
      skippedRecords: 0,
      problems: [{ file: layout.file, chunk: index, offset, kind: 'read-error', message: `chunk not parsed: ${message}` }],
      bytes: Math.max(0, Math.min(CHUNK_SIZE, layout.size - offset)),
    };
  });
}
