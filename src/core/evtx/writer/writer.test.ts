import { describe, expect, it } from 'vitest';
import { type JsonObject, memorySource, openEvtx, parseFileHeader, readChunks, renderJson } from '..';
import { fileHeader } from './header';
import { generateEvents, writeToMemory } from './test-events';
import { EvtxWriter, type SecurityEvent } from './writer';

async function readBack(bytes: Uint8Array) {
  const source = memorySource(bytes);
  const layout = await openEvtx(source);
  const outcomes = await readChunks(source, layout, 0, layout.blocks, (r) => renderJson(r.nodes)['Event'] as JsonObject);
  return { layout, events: outcomes.flatMap((o) => o.items), problems: [...layout.problems, ...outcomes.flatMap((o) => o.problems)] };
}
const data = (e: JsonObject) => e['EventData'] as JsonObject;
const system = (e: JsonObject) => e['System'] as JsonObject;

const logon = (fields: SecurityEvent['fields'], extra: Partial<SecurityEvent> = {}): SecurityEvent => ({
  eventId: 4776,
  time: Date.UTC(2024, 5, 1),
  computer: 'DC01',
  fields: { PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', TargetUserName: 'bob', Workstation: 'WS1', Status: 0, ...fields },
  ...extra,
});

describe('EVTX writer: values', () => {
  it('converts each value to its field type, whatever form it is given in', async () => {
    const fields = {
      SubjectUserSid: 's-1-5-21-1-2-3-500',
      SubjectUserName: 42,
      SubjectDomainName: 7n,
      SubjectLogonId: '0X3E7',
      TargetUserSid: 'S-1-5-18',
      TargetLogonId: 0xffffffffffffffffn,
      LogonType: '10',
      LogonGuid: '{abcdef01-2345-6789-abcd-ef0123456789}',
      KeyLength: 128,
      ProcessId: -1,
      TargetLinkedLogonId: 12345,
    };
    const { events, problems } = await readBack(await writeToMemory([{ eventId: 4624, time: 0, computer: 'DC01', fields }]));
    expect(problems).toEqual([]);
    expect(data(events[0]!)).toMatchObject({
      SubjectUserSid: 'S-1-5-21-1-2-3-500',
      SubjectUserName: '42',
      SubjectDomainName: '7',
      SubjectLogonId: '0x3e7',
      TargetLogonId: '0xffffffffffffffff',
      LogonType: 10,
      LogonGuid: 'ABCDEF01-2345-6789-ABCD-EF0123456789',
      KeyLength: 128,
      ProcessId: '0xffffffffffffffff',
      TargetLinkedLogonId: '0x3039',
      // Left out: written as Windows writes "nothing" in each type.
      TargetUserName: '',
      TargetUserSid: 'S-1-5-18',
      WorkstationName: '',
      IpPort: '',
    });
    expect(data(events[0]!)['TargetOutboundUserName']).toBe('');
  });

  it('keeps HexInt32 statuses given as negative numbers, and sub-millisecond times to 100 ns', async () => {
    const { events } = await readBack(await writeToMemory([logon({ Status: -1073741718 }, { time: Date.UTC(2024, 5, 1) + 0.25 })]));
    expect(data(events[0]!)['Status']).toBe('0xc000006a');
    expect(((system(events[0]!)['TimeCreated'] as JsonObject)['#attributes'] as JsonObject)['SystemTime']).toBe('2024-06-01T00:00:00.000250Z');
  });

  it('rejects what cannot be converted, naming the event and field, and goes on writing', async () => {
    const parts: Uint8Array[] = [];
    const w = new EvtxWriter((b) => void parts.push(b));
    await w.write(logon({}));
    await expect(w.write(logon({ Status: 'oops' }))).rejects.toThrow(/event 4776, record 2: field Status: "oops" is not a HexInt32/);
    await expect(w.write({ ...logon({}), fields: { Nope: 1 } })).rejects.toThrow(/event 4776 has no field "Nope"/);
    await expect(w.write({ ...logon({}), eventId: 4625.5 })).rejects.toThrow(/no schema for event/);
    await expect(w.write({ eventId: 4624, time: 0, computer: 'x', fields: { LogonGuid: 'not-a-guid' } })).rejects.toThrow(/field LogonGuid: "not-a-guid" is not a GUID/);
    await expect(w.write({ eventId: 4624, time: 0, computer: 'x', fields: { TargetUserSid: 'S-1-x' } })).rejects.toThrow(/is not a SID/);
    await expect(w.write(logon({ TargetUserName: 'x'.repeat(40000) }))).rejects.toThrow(/longer than a value can be/);
    await expect(w.write(logon({}, { time: NaN }))).rejects.toThrow(/not a valid date/);
    // Four long values fit no chunk.
    const huge = 'y'.repeat(16000);
    await expect(w.write(logon({ PackageName: huge, TargetUserName: huge, Workstation: huge }))).rejects.toThrow(/larger than a chunk can hold/);
    await w.write(logon({ TargetUserName: 'after' }));
    await w.close();
    parts[0] = w.finalHeader();
    const { events, problems } = await readBack(Buffer.concat(parts));
    expect(problems).toEqual([]);
    // The failed writes left nothing behind and took no record id.
    expect(events.map((e) => [system(e)['EventRecordID'], data(e)['TargetUserName']])).toEqual([
      [1, 'bob'],
      [2, 'after'],
    ]);
  });

  it('takes given record ids and counts on from them', async () => {
    const { events } = await readBack(await writeToMemory([logon({}), logon({}, { recordId: 100 }), logon({}), logon({}, { recordId: 7 })]));
    expect(events.map((e) => system(e)['EventRecordID'])).toEqual([1, 100, 101, 7]);
  });
});

describe('EVTX writer: streaming', () => {
  it('writes in call order even when writes are not awaited, and waits for a slow sink', async () => {
    const { events, expected } = generateEvents(60, 11, false);
    const parts: Uint8Array[] = [];
    const w = new EvtxWriter(async (b) => {
      await new Promise((r) => setTimeout(r, 1));
      parts.push(b);
    });
    await Promise.all(events.map((e) => w.write(e)));
    await w.close();
    expect(w.records).toBe(events.length);
    expect(parts.length).toBe(1 + w.chunks);
    parts[0] = w.finalHeader();
    const read = await readBack(Buffer.concat(parts));
    expect(read.problems).toEqual([]);
    expect(read.events.map((e) => system(e)['EventRecordID'])).toEqual(expected.map((e) => e.recordId));
  });

  it('a file left with the provisional header (an append-only sink) still reads whole', async () => {
    const { events } = generateEvents(40, 12, false);
    const parts: Uint8Array[] = [];
    const w = new EvtxWriter((b) => void parts.push(b));
    for (const e of events) await w.write(e);
    await w.close();
    const header = parseFileHeader(parts[0]!, 'provisional');
    expect([header.isDirty, header.chunkCount, header.checksumValid]).toEqual([true, 0, true]);
    const read = await readBack(Buffer.concat(parts));
    expect(read.problems).toEqual([]);
    expect(read.events.length).toBe(events.length);
  });

  it('an empty log is a header alone', async () => {
    const parts: Uint8Array[] = [];
    const w = new EvtxWriter((b) => void parts.push(b));
    await w.close();
    expect(parts.map((p) => p.length)).toEqual([4096]);
    expect(parseFileHeader(w.finalHeader(), 'empty')).toMatchObject({ chunkCount: 0, nextRecordId: 1, isDirty: false, checksumValid: true });
    await expect(w.write(logon({}))).rejects.toThrow(/after close/);
  });

  it('past 65,535 chunks the header count stays at its maximum and the last chunk number is exact', () => {
    const h = parseFileHeader(fileHeader({ chunks: 70000, nextRecordId: 9000001n, dirty: false }), 'big');
    expect(h).toMatchObject({ chunkCount: 65535, lastChunkNumber: 69999, nextRecordId: 9000001, checksumValid: true });
  });
});
