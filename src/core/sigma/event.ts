import type { EvtxRecord } from '../evtx';
import { type Node, NodeKind } from '../evtx/binxml/nodes';
import { type FieldRecord, type FieldValue, flattenJson, type JsonObject, type JsonValue, readFieldValues, renderJson } from '../evtx';
import { FieldScan, UNREAD, type ValueVisitor, visitStringValues } from '../evtx/utf16-scan';

export type { FieldValue, ValueVisitor };
export { UNREAD };

/**
 * One event as the Sigma engine sees it. The engine never looks inside a record itself: any
 * source (EVTX records, Event Viewer XML, JSON lines, a test's object) supplies this.
 *
 * Field names are Sigma's (after log source field mapping): event data names as they are
 * (`CommandLine`, `TargetUserName`; UserData leaves by element name), and System fields by the
 * names SigmaHQ rules use (`EventID`, `Channel`, `Computer`, `Provider_Name`, `Level`, `Keywords`…,
 * see SYSTEM_FIELDS).
 */
export interface SigmaEvent {
  /** System/Channel ("" when unknown). */
  readonly channel: string;
  /** System/EventID (NaN when unknown). */
  readonly eventId: number;
  /**
   * Fills `out[i]` with the value of `names[i]` (undefined: no such field; null: present, empty).
   * The engine passes the same array for every event of a (channel, event id) pair, so a source
   * may cache a plan by its identity.
   */
  read(names: readonly string[], out: (FieldValue | undefined)[]): void;
  /** Every value of the event, for keyword (field-less) search. */
  values(): readonly FieldValue[];
  /**
   * Optional, for the keyword prefilter: gives `visit` every string value (at least those of
   * `values()` that are strings; numbers, times, SIDs, GUIDs may be left out), as text or, where the
   * source can, as UTF-16 code units in place. False when it could not (some values may have been
   * given already): the caller then scans `values()`.
   */
  stringValues?(visit: ValueVisitor): boolean;
  /**
   * Optional, for the field prefilter: gives `visitors[i]` the text of the value `read` would give
   * for `names[i]` (each element of a list; more text is allowed, never less), and sets `done[i]` to
   * 1 where that is all of it, 0 where the caller must `read` the field itself. The engine passes
   * the same `names` array for every event of a (channel, event id) pair.
   */
  scanFields?(names: readonly string[], visitors: readonly ValueVisitor[], done: Uint8Array): void;
  /**
   * Optional: the value `read(names, out)` would put in `out[i]`, read alone, where the source can
   * (cheaply: the engine reads a rule's fields one by one as its tests ask for them); UNREAD where
   * it cannot (the engine then calls `read`). The engine passes the same `names` array for every
   * event of a (channel, event id) pair.
   */
  readField?(names: readonly string[], i: number): FieldValue | undefined | typeof UNREAD;
  /**
   * Optional: the value `read(['EventID'], out)` gives, where the source already has it (the
   * engine then does not read it again for rules' `EventID` tests).
   */
  eventIdField?(): FieldValue | undefined;
  /** For hits: record id, time (ISO 8601), computer. */
  readonly recordId: number;
  readonly time: string;
  readonly computer: string;
}

/** Sigma names of System fields → our flattened names (`System.X`, `System.X.Attribute`). */
export const SYSTEM_FIELDS: Readonly<Record<string, string>> = {
  EventID: 'System.EventID',
  Channel: 'System.Channel',
  Computer: 'System.Computer',
  Provider_Name: 'System.Provider.Name',
  Provider_Guid: 'System.Provider.Guid',
  Provider_EventSourceName: 'System.Provider.EventSourceName',
  Level: 'System.Level',
  Keywords: 'System.Keywords',
  Task: 'System.Task',
  Opcode: 'System.Opcode',
  Version: 'System.Version',
  EventRecordID: 'System.EventRecordID',
  Qualifiers: 'System.EventID.Qualifiers',
  SystemTime: 'System.TimeCreated.SystemTime',
  TimeCreated_SystemTime: 'System.TimeCreated.SystemTime',
  Execution_ProcessID: 'System.Execution.ProcessID',
  Execution_ThreadID: 'System.Execution.ThreadID',
  Security_UserID: 'System.Security.UserID',
  UserID: 'System.Security.UserID',
  Correlation_ActivityID: 'System.Correlation.ActivityID',
  Correlation_RelatedActivityID: 'System.Correlation.RelatedActivityID',
};

/**
 * System names that events also use as event data names: System/Channel, but also the `Channel`
 * of a System 104 "log cleared" event's UserData, which is what rules about it test. For these
 * the event data field wins when the event has one.
 */
export const DATA_FIRST = new Set(['Channel', 'Computer', 'Level', 'Keywords', 'Task', 'Opcode', 'Version']);

/** A Sigma field name as our flattened name: System fields mapped, `EventData.X`/`Event.EventData.X` stripped. */
export function flatName(sigmaName: string): string {
  const sys = SYSTEM_FIELDS[sigmaName];
  if (sys) return sys;
  if (sigmaName.startsWith('Event.System.')) return `System.${sigmaName.slice(13)}`;
  if (sigmaName.startsWith('System.')) return sigmaName;
  const m = /^(?:Event\.)?(?:EventData|UserData)\.(.+)$/.exec(sigmaName);
  return m ? m[1]! : sigmaName;
}

/** Unnamed `<Data>` items (classic events such as Windows PowerShell 400/800): the `Data` field. */
function unnamedData(json: JsonObject): FieldValue | undefined {
  const ev = json['Event'];
  const data = isObj(ev) ? ev['EventData'] : undefined;
  const d = isObj(data) ? data['Data'] : undefined;
  if (d === undefined) return undefined;
  if (isObj(d)) return scalarOrList(d['#text']);
  return scalarOrList(d);
}

function scalarOrList(v: JsonValue | undefined): FieldValue | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.filter((x) => x === null || typeof x !== 'object') as FieldValue;
  if (v !== null && typeof v === 'object') return undefined;
  return v;
}

const isObj = (v: JsonValue | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

const toNumber = (v: FieldValue | undefined): number => (typeof v === 'number' ? v : v === undefined || v === null || Array.isArray(v) ? NaN : Number(v));
const toText = (v: FieldValue | undefined): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(',') : String(v));

/** An event from flattened fields (`flattenJson`'s names: `System.X…` and event data names). */
export class FlatEvent implements SigmaEvent {
  readonly channel: string;
  readonly eventId: number;
  readonly recordId: number;
  readonly time: string;
  readonly computer: string;
  private valueList?: FieldValue[];
  constructor(
    readonly fields: FieldRecord,
    private readonly data?: FieldValue,
  ) {
    this.channel = toText(fields['System.Channel']);
    this.eventId = toNumber(fields['System.EventID']);
    this.recordId = toNumber(fields['System.EventRecordID']);
    this.time = toText(fields['System.TimeCreated.SystemTime']);
    this.computer = toText(fields['System.Computer']);
  }
  read(names: readonly string[], out: (FieldValue | undefined)[]): void {
    out.length = names.length;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const n = flatName(name);
      const v = n === 'Data' && this.fields['Data'] === undefined ? this.data : this.fields[n];
      out[i] = DATA_FIRST.has(name) ? this.fields[name] ?? v : v;
    }
  }
  stringValues(visit: ValueVisitor): boolean {
    for (const v of this.values()) visitStrings(v, visit);
    return true;
  }
  values(): readonly FieldValue[] {
    if (!this.valueList) {
      this.valueList = [];
      for (const v of Object.values(this.fields)) if (v !== undefined) this.valueList.push(v);
      if (this.data !== undefined && this.fields['Data'] === undefined) this.valueList.push(this.data);
    }
    return this.valueList;
  }
}

/** An event from evtx_dump-shaped JSON (`{"Event":{"System":…,"EventData":…}}`), e.g. read from Event Viewer XML. */
export function jsonEvent(json: JsonObject): FlatEvent {
  return new FlatEvent(flattenJson(json), unnamedData(json));
}

/** A test's event: Sigma field names → values, with `Channel` and `EventID` among them. */
export function objectEvent(fields: Record<string, FieldValue>): FlatEvent {
  const flat: FieldRecord = {};
  for (const [k, v] of Object.entries(fields)) flat[flatName(k)] = v;
  return new FlatEvent(flat);
}

/** Pushes the substitution values of a record that is one template instance; false when it is not. */
function collectValues(nodes: readonly Node[], out: FieldValue[], depth: number): boolean {
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only?.k !== NodeKind.TemplateInstance || depth > 4) return false;
  const args = only.args;
  for (let i = 0; i < args.count; i++) {
    const v = args.get(i);
    if (v === null) continue;
    if (typeof v === 'object' && !Array.isArray(v)) {
      if (!collectValues(v.nodes, out, depth + 1)) return false;
    } else out.push(v);
  }
  return true;
}

function visitStrings(v: FieldValue, visit: ValueVisitor): void {
  if (typeof v === 'string') visit.text(v);
  else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') visit.text(x);
}

/** A names list as the fast path's names, with where `read` must look apart (see EvtxEventReader.read). */
interface FlatPlan {
  names: string[];
  data: number;
  firsts: [number, number][];
  buf: (FieldValue | undefined)[];
}

const HEAD = ['System.Channel', 'System.EventID', 'System.EventRecordID', 'System.TimeCreated.SystemTime', 'System.Computer'];

/**
 * EVTX records as Sigma events, through the parser's fast path: each (channel, event id)'s field
 * list is read straight from the record's substitutions with a plan compiled once per template.
 * One reader serves a whole scan; `event(record)` returns the same object, refilled (take what a
 * hit needs before the next call).
 */
export class EvtxEventReader implements SigmaEvent {
  channel = '';
  eventId = NaN;
  recordId = 0;
  time = '';
  computer = '';
  private nodes: EvtxRecord['nodes'] = [];
  private head: (FieldValue | undefined)[] = [];
  private flatNames = new WeakMap<readonly string[], FlatPlan>();
  private lastNames: readonly string[] | null = null;
  private lastFlat: FlatPlan | undefined;
  private fieldScans = new WeakMap<readonly string[], FieldScan>();
  private lastReadNames: readonly string[] | null = null;
  private lastReadScan: FieldScan | undefined;
  private json?: JsonObject;
  private valueList?: FieldValue[];

  event(record: EvtxRecord): this {
    this.nodes = record.nodes;
    this.json = undefined;
    this.valueList = undefined;
    const h = readFieldValues(record.nodes, HEAD, this.head);
    this.channel = toText(h[0]);
    this.eventId = toNumber(h[1]);
    const rid = toNumber(h[2]);
    this.recordId = Number.isNaN(rid) ? record.recordId : rid;
    this.time = toText(h[3]) || record.writtenTime;
    this.computer = toText(h[4]);
    return this;
  }

  private render(): JsonObject {
    return (this.json ??= renderJson(this.nodes));
  }

  /** The current record as evtx_dump-shaped JSON (rendered once per record; for a hit's raw event). */
  rawJson(): JsonObject {
    return this.render();
  }

  read(names: readonly string[], out: (FieldValue | undefined)[]): void {
    // The engine reads the same few lists over and over: the last one is checked before the map.
    let plan = names === this.lastNames ? this.lastFlat : this.flatNames.get(names);
    if (!plan) {
      const flat = names.map(flatName);
      // Names that may be event data before System get a second entry, read after the others.
      const firsts: [number, number][] = [];
      names.forEach((n, i) => {
        if (DATA_FIRST.has(n)) firsts.push([i, flat.push(n) - 1]);
      });
      plan = { names: flat, data: flat.indexOf('Data'), firsts, buf: [] };
      this.flatNames.set(names, plan);
    }
    this.lastNames = names;
    this.lastFlat = plan;
    const buf = plan.firsts.length ? plan.buf : out;
    readFieldValues(this.nodes, plan.names, buf);
    if (plan.data >= 0 && buf[plan.data] === undefined) buf[plan.data] = unnamedData(this.render());
    if (buf !== out) {
      out.length = names.length;
      for (let i = 0; i < names.length; i++) out[i] = buf[i];
      for (const [i, d] of plan.firsts) if (buf[d] !== undefined) out[i] = buf[d];
    }
  }

  /** System/EventID as `event` read it, which is what `read(['EventID'])` reads (the same fast path, name and record). */
  eventIdField(): FieldValue | undefined {
    return this.head[1];
  }

  /** The string substitution values, UTF-16 ones in place (see SigmaEvent.stringValues). */
  stringValues(visit: ValueVisitor): boolean {
    return visitStringValues(this.nodes, visit);
  }

  /**
   * Fields located in the record's substitutions, as `read` finds them (see SigmaEvent.scanFields).
   * Names `read` may take from elsewhere (the event data `Channel`… before System's, unnamed
   * `Data`) are left to the caller.
   */
  scanFields(names: readonly string[], visitors: readonly ValueVisitor[], done: Uint8Array): void {
    this.fieldScanOf(names).scan(this.nodes, visitors, done);
  }

  /**
   * One field as `read` gives it, from the substitution that holds it (see SigmaEvent.readField);
   * names `read` may take from elsewhere (as in scanFields) are UNREAD.
   */
  readField(names: readonly string[], i: number): FieldValue | undefined | typeof UNREAD {
    let scan = names === this.lastReadNames ? this.lastReadScan : undefined;
    if (!scan) {
      scan = this.fieldScanOf(names);
      this.lastReadNames = names;
      this.lastReadScan = scan;
    }
    return scan.read(this.nodes, i);
  }

  private fieldScanOf(names: readonly string[]): FieldScan {
    let scan = this.fieldScans.get(names);
    if (!scan) {
      scan = new FieldScan(names.map((n) => {
        const flat = flatName(n);
        return DATA_FIRST.has(n) || flat === 'Data' ? null : flat;
      }));
      this.fieldScans.set(names, scan);
    }
    return scan;
  }

  /** The substitution values (every value an event's template does not fix), without rendering. */
  values(): readonly FieldValue[] {
    if (!this.valueList) {
      const list: FieldValue[] = [];
      if (!collectValues(this.nodes, list, 0)) {
        list.length = 0;
        const json = this.render();
        const flat = flattenJson(json);
        for (const v of Object.values(flat)) if (v !== undefined) list.push(v);
        const data = flat['Data'] === undefined ? unnamedData(json) : undefined;
        if (data !== undefined) list.push(data);
      }
      this.valueList = list;
    }
    return this.valueList;
  }
}
