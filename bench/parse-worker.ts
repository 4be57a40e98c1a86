import { parentPort, workerData } from 'node:worker_threads';
import { parseRange } from './parse-range';

const { path, mode, from, to, checksums } = workerData as { path: string; mode: 'full' | 'fast'; from: number; to: number; checksums: boolean };
parentPort!.postMessage(await parseRange(path, mode, from, to, checksums));
