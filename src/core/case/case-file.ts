import { LOGON_EVENT_IDS } from './accumulator';
import { type CaseSnapshot, NotACaseError } from './snapshot';
import { readSnapshotHeader } from './case-file-header';

/**
 * A case as one binary file (`.llcase`), for export, import elsewhere and storage:
 *
 *     LOGONLENS-CASE 1 <header bytes>\n      the magic line: format, file version, header length
 *     {"format":"logonlens-case",…}          the snapshot as JSON, each event column replaced by
 *     \n                                      {type, byteOffset, length}
 *     00…                                     zero padding to a multiple of 8
 *     column bytes                            each column at data start + byteOffset (8-aligned)
 *
 * The columns are raw little-endian typed-array bytes, so a case of millions of events is written
 * and read with a few memory copies instead of element by element, and columns can be viewed in
 * place (every offset is 8-aligned). Strings live only in the JSON, where any name is escaped.
 */

export const CASE_FILE_EXTENSION = '.llcase';
const MAGIC = 'LOGONLENS-CASE';
export const CASE_FILE_VERSION = 1;
/** The magic line is short; anything longer before a newline is not ours. */
const MAX_MAGIC_LINE = 64;

export const COLUMN_TYPES = {
  time: Float64Array,
  user: Uint32Array,
  host: Uint32Array,
  code: Uint8Array,
  logonType: Uint8Array,
  status: Uint32Array,
  auth: Uint32Array,
  recordId: Float64Array,
  source: Uint16Array,
} as const;
export type ColumnName = keyof typeof COLUMN_TYPES;
export const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as ColumnName[];

/** How a column is found in the data part of the file. */
export interface ColumnRef {
  type: string;
  /** From the start of the data part (8-aligned). */
  byteOffset: number;
  /** Elements (not bytes). */
  length: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function requireLittleEndian(): void {
  // Every browser and Node platform LogonLens runs on is little-endian; say so rather than misread.
  if (!littleEndian) throw new Error('LogonLens case files need a little-endian platform');
}

/** Encodes a snapshot to the bytes of one case file. */
export function encodeCaseFile(s: CaseSnapshot): Uint8Array {
  requireLittleEndian();
  const refs = {} as Record<ColumnName, ColumnRef>;
  let dataLength = 0;
  for (const name of COLUMN_NAMES) {
    const col = s.columns[name];
    refs[name] = { type: COLUMN_TYPES[name].name, byteOffset: dataLength, length: col.length };
    dataLength += align8(col.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ ...s, columns: refs }));
  const magic = new TextEncoder().encode(`${MAGIC} ${CASE_FILE_VERSION} ${header.length}\n`);
  const dataStart = align8(magic.length + header.length + 1);
  const out = new Uint8Array(dataStart + dataLength);
  out.set(magic, 0);
  out.set(header, magic.length);
  out[magic.length + header.length] = 0x0a;
  for (const name of COLUMN_NAMES) {
    const col = s.columns[name];
    out.set(new Uint8Array(col.buffer, col.byteOffset, col.byteLength), dataStart + refs[name].byteOffset);
  }
  return out;
}

/** What the first bytes say, without reading the rest (a quick check before a long read). */
export function looksLikeCaseFile(head: Uint8Array): boolean {
  return new TextDecoder().decode(head.subarray(0, MAGIC.length + 1)) === `${MAGIC} `;
}

function fail(message: string): never {
  throw new NotACaseError(message);
}

/** Where the header is, from the magic line; every failure names what is wrong. */
function readMagic(bytes: Uint8Array): { headerStart: number; headerLength: number } {
  const nl = bytes.subarray(0, MAX_MAGIC_LINE).indexOf(0x0a);
  const line = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, nl < 0 ? Math.min(bytes.length, MAX_MAGIC_LINE) : nl));
  if (!line.startsWith(`${MAGIC} `)) {
    if (bytes.length === 0) fail('not a LogonLens case file: the file is empty');
    if (nl < 0 && `${MAGIC} `.startsWith(line)) fail('damaged LogonLens case file: truncated in its first line');
    const first = line.trimStart()[0];
    if (first === '{' || first === '[') fail('not a LogonLens case file: it is a JSON file (a case file starts with "LOGONLENS-CASE")');
    fail('not a LogonLens case file: no "LOGONLENS-CASE" signature at its start');
  }
  const m = /^LOGONLENS-CASE (\d{1,6}) (\d{1,15})$/.exec(line);
  if (nl < 0 || !m) fail('damaged LogonLens case file: unreadable first line');
  const version = Number(m[1]);
  if (version !== CASE_FILE_VERSION) fail(`this LogonLens case file has format version ${version}; this version of LogonLens reads version ${CASE_FILE_VERSION} (it was written by a newer LogonLens?)`);
  const headerLength = Number(m[2]);
  const headerStart = nl + 1;
  if (headerStart + headerLength + 1 > bytes.length) fail(`damaged LogonLens case file: truncated (its header needs ${headerStart + headerLength + 1} bytes, the file has ${bytes.length})`);
  if (bytes[headerStart + headerLength] !== 0x0a) fail('damaged LogonLens case file: the header does not end where the first line says');
  return { headerStart, headerLength };
}

/**
 * Decodes and validates a case file: magic, version, header structure and every value's type,
 * column types, lengths and bounds (and, so a damaged file cannot break the analysis later, that
 * every index in the columns points into its table). Throws NotACaseError saying what is wrong.
 * The returned columns may be views on `bytes` (its buffer must not be reused while they are).
 */
export function decodeCaseFile(input: Uint8Array): CaseSnapshot {
  requireLittleEndian();
  // Typed-array views need 8-aligned offsets: copy once if the caller's view is not aligned.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const { headerStart, headerLength } = readMagic(bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(headerStart, headerStart + headerLength)));
  } catch {
    fail('damaged LogonLens case file: its header is not valid JSON');
  }
  const { snapshot, refs } = readSnapshotHeader(json, COLUMN_NAMES);
  const dataStart = align8(headerStart + headerLength + 1);
  let expectedEnd = dataStart;
  const columns = {} as Record<ColumnName, CaseSnapshot['columns'][ColumnName]>;
  const n = refs.time.length;
  for (const name of COLUMN_NAMES) {
    const ref = refs[name];
    const Type = COLUMN_TYPES[name];
    if (ref.type !== Type.name) fail(`damaged LogonLens case file: column ${name} is ${ref.type}, expected ${Type.name}`);
    if (ref.length !== n) fail(`damaged LogonLens case file: column ${name} has ${ref.length} events, column time ${n}`);
    if (ref.byteOffset % 8 !== 0 || ref.byteOffset !== expectedEnd - dataStart) fail(`damaged LogonLens case file: column ${name} is not where it belongs`);
    const byteLength = ref.length * Type.BYTES_PER_ELEMENT;
    const start = dataStart + ref.byteOffset;
    if (start + byteLength > bytes.length) fail(`damaged LogonLens case file: truncated (column ${name} needs bytes up to ${start + byteLength}, the file has ${bytes.length})`);
    columns[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + start, ref.length) as never;
    expectedEnd = start + align8(byteLength);
  }
  if (bytes.length !== expectedEnd) {
    // The writer pads the last column to 8 bytes too; anything else means a cut or appended file.
    fail(`damaged LogonLens case file: ${bytes.length < expectedEnd ? 'truncated' : 'unexpected bytes after the end'} (expected ${expectedEnd} bytes, the file has ${bytes.length})`);
  }
  const s: CaseSnapshot = { ...snapshot, columns: columns as CaseSnapshot['columns'] };
  checkColumnBounds(s);
  return s;
}

/** Every index column points into its table, every code is a known event id. */
function checkColumnBounds(s: CaseSnapshot): void {
  const check = (name: ColumnName, col: ArrayLike<number>, size: number) => {
    for (let i = 0; i < col.length; i++) if (col[i]! >= size) fail(`damaged LogonLens case file: event ${i} has ${name} ${col[i]}, outside its table of ${size}`);
  };
  const c = s.columns;
  check('user', c.user, s.users.length);
  check('host', c.host, s.hosts.length);
  check('status', c.status, s.values.length);
  check('auth', c.auth, s.values.length);
  check('source', c.source, s.sources.length);
  check('code', c.code, LOGON_EVENT_IDS.length);
  for (let i = 0; i < c.time.length; i++) if (!Number.isFinite(c.time[i]!)) fail(`damaged LogonLens case file: event ${i} has no valid time`);
}
