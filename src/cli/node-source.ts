import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource } from '../core/evtx';

/** A file on disk as a ByteSource, read with positional reads (no whole-file buffering). */
export async function nodeFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    name: basename(path),
    size,
    async read(offset, length) {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await handle.read(buf, done, buf.length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === buf.length ? buf : buf.subarray(0, done);
    },
    close: () => handle.close(),
  };
}
