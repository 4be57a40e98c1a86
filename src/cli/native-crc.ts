import * as zlib from 'node:zlib';
import { useNativeCrc32 } from '../core/evtx/crc32';

/**
 * Gives the parser Node's CRC-32 (zlib, SIMD), where this Node has it (20.15 and later): checking
 * every chunk's records is the largest fixed cost of a parse. Called by the CLI and the benchmarks;
 * the app's workers in the browser keep the JS tables.
 */
export function useNodeCrc32(): boolean {
  const fn = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (typeof fn !== 'function') return false;
  useNativeCrc32(fn);
  return true;
}
