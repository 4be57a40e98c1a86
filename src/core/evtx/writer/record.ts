import { FRAGMENT_HEADER } from './binxml-writer';
import type { ChunkBuilder } from './chunk';
import { dataTemplateFor, type OuterLayout, outerLayout, outerTemplateFor, SYS } from './event-template';
import { type EventSchema, PROVIDER_GUIDS, VT } from './security-schemas';
import { writeTemplateInstance } from './template';
import { type FieldInput, ValueError, writeGuid, writeString, writeU64, writeValue } from './values';

const RECORD_MAGIC = 0x2a2a;
const MAX_VALUE = 0xffff;

/** A record ready to be written: everything checked and converted but the event data values. */
export interface PreparedRecord {
  schema: EventSchema;
  recordId: number;
  /** FILETIME (100 ns ticks since 1601). */
  filetime: bigint;
  computer: string;
  fields: Record<string, FieldInput>;
  processId: number;
  threadId: number;
  keywords: bigint;
}

/** The substitution array: count, (size, type) descriptors, then the values `write` writes in order. */
function writeValues(c: ChunkBuilder, count: number, write: (index: number) => number): void {
  c.u32(count);
  const descriptors = c.at;
  c.room(4 * count);
  c.at += 4 * count; // zero bytes: the chunk starts zeroed and forgotten records are zeroed again
  for (let i = 0; i < count; i++) {
    const start = c.at;
    const type = write(i);
    const size = c.at - start;
    if (size > MAX_VALUE) throw new ValueError(`a value of ${size} bytes is larger than a value can be (${MAX_VALUE})`);
    c.view.setUint16(descriptors + 4 * i, size, true);
    c.buf[descriptors + 4 * i + 2] = type;
  }
}

function writeSystemValue(c: ChunkBuilder, r: PreparedRecord, layout: OuterLayout, i: number, nul: boolean): number {
  const s = r.schema;
  switch (i) {
    case SYS.Level:
      c.u8(s.level);
      return VT.UInt8;
    case SYS.Opcode:
      c.u8(s.opcode);
      return VT.UInt8;
    case SYS.Task:
      c.u16(s.task);
      return VT.UInt16;
    case SYS.EventID:
      c.u16(s.eventId);
      return VT.UInt16;
    case SYS.Keywords:
      writeU64(c, r.keywords);
      return VT.HexInt64;
    case SYS.SystemTime:
      writeU64(c, r.filetime);
      return VT.FileTime;
    case SYS.ProcessID:
      c.u32(r.processId);
      return VT.UInt32;
    case SYS.ThreadID:
      c.u32(r.threadId);
      return VT.UInt32;
    case SYS.EventRecordID:
      writeU64(c, r.recordId);
      return VT.UInt64;
    case SYS.Version:
      c.u8(s.version);
      return VT.UInt8;
    case layout.providerName:
      // Windows stores the provider name and channel without a terminator, whatever it does for event data.
      writeString(c, s.provider, false);
      return VT.String;
    case layout.providerGuid:
      writeGuid(c, PROVIDER_GUIDS[s.provider]);
      return VT.Guid;
    case layout.channel:
      writeString(c, 'Security', false);
      return VT.String;
    case layout.data:
      writeEventData(c, r, nul);
      return VT.BinXml;
    default:
      // Qualifiers, ActivityID, UserID, RelatedActivityID and unused slots: absent, as in Security logs.
      return VT.Null;
  }
}

/** The BinXML value holding the event data: a fragment with the data template's instance and values. */
function writeEventData(c: ChunkBuilder, r: PreparedRecord, nul: boolean): void {
  const fields = r.schema.fields;
  for (const b of FRAGMENT_HEADER) c.u8(b);
  writeTemplateInstance(c, dataTemplateFor(r.schema));
  writeValues(c, fields.length, (i) => {
    const f = fields[i]!;
    try {
      return writeValue(c, f.type, r.fields[f.name], nul);
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError(`field ${f.name}: ${e.message}`);
      throw e;
    }
  });
  c.u8(0x00); // end of stream
}

/**
 * One record at the chunk's position: header, BinXML (fragment header, outer template instance and
 * its values, end of stream), padding to a multiple of 8 bytes as Windows does, and the size again.
 * Throws CHUNK_FULL (leaving the chunk to be rolled back) when it does not fit.
 */
export function writeRecord(c: ChunkBuilder, r: PreparedRecord, nulTerminated: boolean): void {
  c.beginRecord();
  const start = c.at;
  c.u32(RECORD_MAGIC);
  c.u32(0); // size, patched below
  writeU64(c, r.recordId);
  writeU64(c, r.filetime); // written time: the event's time
  for (const b of FRAGMENT_HEADER) c.u8(b);
  const layout = outerLayout(r.schema.provider);
  writeTemplateInstance(c, outerTemplateFor(r.schema.provider, r.computer));
  writeValues(c, layout.count, (i) => writeSystemValue(c, r, layout, i, nulTerminated));
  c.u8(0x00); // end of stream
  const size = (c.at - start + 4 + 7) & ~7;
  c.room(size - (c.at - start));
  c.at = start + size - 4;
  c.u32(size);
  c.view.setUint32(start + 4, size, true);
  c.endRecord(r.recordId);
}
