import { parentPort, workerData } from 'node:worker_threads';
import { parseRange } from './parse-range';

const { path, mode, from, to, checksums, jsCrc } = workerData as { path: string; mode: 'full' | 'fast'; from: number; to: number; checksums: boolean; jsCrc: boolean };
parentPort!.postMessage(await parseRange(path, mode, from, to, checksums, jsCrc));
