// Node only (node:fs): not exported from src/core/evtx/index.ts, which browsers and workers import.
import { open } from 'node:fs/promises';
import { type EvtxWriterOptions, EvtxWriter, type SecurityEvent } from './writer';

export interface WrittenFile {
  records: number;
  chunks: number;
  bytes: number;
}

/** Bytes gathered before one write call: 16 chunks (a write per 64 KiB chunk costs about a fifth more). */
const BATCH = 16 * 65536;

/**
 * Writes `events` to a new EVTX file at `path`, streaming in constant memory: chunks are appended as
 * they fill, then the final file header replaces the provisional one at offset 0.
 */
export async function writeEvtxFile(
  path: string,
  events: AsyncIterable<SecurityEvent> | Iterable<SecurityEvent>,
  options: EvtxWriterOptions = {},
): Promise<WrittenFile> {
  const file = await open(path, 'w');
  try {
    let position = 0;
    let batch: Uint8Array[] = [];
    let batched = 0;
    const flush = async () => {
      if (batched === 0) return;
      const bytes = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batched);
      batch = [];
      for (let done = 0; done < bytes.length; ) done += (await file.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
      position += batched;
      batched = 0;
    };
    const writer = new EvtxWriter(async (bytes) => {
      // Chunks are fresh arrays, never reused by the writer: they can wait in the batch.
      batch.push(bytes);
      batched += bytes.length;
      if (batched >= BATCH) await flush();
    }, options);
    for await (const event of events) await writer.write(event);
    await writer.close();
    await flush();
    const header = writer.finalHeader();
    await file.write(header, 0, header.length, 0);
    return { records: writer.records, chunks: writer.chunks, bytes: position };
  } finally {
    await file.close();
  }
}
