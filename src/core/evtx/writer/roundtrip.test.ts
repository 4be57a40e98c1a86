import { describe, expect, it } from 'vitest';
import { crc32, type JsonObject, memorySource, openEvtx, readChunks, renderJson } from '..';
import { CHUNK_SIZE, FILE_HEADER_SIZE } from '../file-header';
import { SECURITY_SCHEMAS } from './security-schemas';
import { type Expected, generateEvents, writeToMemory } from './test-events';

/** Every record of a file as JSON, with all problems the parser reports. */
async function parse(bytes: Uint8Array) {
  const source = memorySource(bytes, 'written.evtx');
  const layout = await openEvtx(source);
  const outcomes = await readChunks(source, layout, 0, layout.blocks, (r) => ({ id: r.recordId, json: renderJson(r.nodes) }));
  return { layout, records: outcomes.flatMap((o) => o.items), problems: [...layout.problems, ...outcomes.flatMap((o) => o.problems)] };
}

function check(json: JsonObject, want: Expected): void {
  const event = json['Event'] as JsonObject;
  const system = event['System'] as JsonObject;
  const attrs = (k: string) => (system[k] as JsonObject)['#attributes'] as JsonObject;
  const schema = SECURITY_SCHEMAS.get(want.eventId)!;
  expect(attrs('Provider')['Name']).toBe(schema.provider);
  expect(system['EventID']).toBe(want.eventId);
  expect(system['Version']).toBe(schema.version);
  expect(system['Level']).toBe(schema.level);
  expect(system['Task']).toBe(schema.task);
  expect(system['Opcode']).toBe(schema.opcode);
  expect(system['Keywords']).toBe(want.keywords);
  expect(attrs('TimeCreated')['SystemTime']).toBe(want.systemTime);
  expect(system['EventRecordID']).toBe(want.recordId);
  expect(attrs('Execution')).toEqual({ ProcessID: want.processId, ThreadID: want.threadId });
  expect(system['Channel']).toBe('Security');
  expect(system['Computer']).toBe(want.computer);
  const data = schema.userData ? ((event['UserData'] as JsonObject)[schema.userData.element] as JsonObject) : (event['EventData'] as JsonObject);
  const { ['#attributes']: _ns, ...fields } = data;
  // Exactly the fields written, in the schema's order.
  expect(Object.keys(fields)).toEqual(schema.fields.map((f) => f.name));
  expect({ ...fields }).toEqual(want.data);
}

describe('EVTX writer: our parser reads back what was written', () => {
  it('every supported event id, 2,000 records each, hostile values, no problems, valid checksums', async () => {
    const { events, expected } = generateEvents(2000, 1, true);
    const bytes = await writeToMemory(events);
    const { layout, records, problems } = await parse(bytes);

    // (3) The parser reports nothing at all, and the checksums verify independently too.
    expect(problems).toEqual([]);
    const chunks = (bytes.length - FILE_HEADER_SIZE) / CHUNK_SIZE;
    expect(Number.isInteger(chunks)).toBe(true);
    const h = layout.header;
    expect([h.majorVersion, h.minorVersion, h.chunkCount, h.lastChunkNumber, h.isDirty, h.checksumValid]).toEqual([3, 1, chunks, chunks - 1, false, true]);
    expect(h.nextRecordId).toBe(expected.at(-1)!.recordId + 1);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    expect(view.getUint32(124, true)).toBe(crc32(bytes, 0, 120));
    for (let i = 0; i < chunks; i++) {
      const at = FILE_HEADER_SIZE + i * CHUNK_SIZE;
      const free = view.getUint32(at + 48, true);
      // Like Windows, at least 8 bytes stay free (libevtx skips the last record of a full chunk).
      expect(free).toBeLessThanOrEqual(CHUNK_SIZE - 8);
      expect(view.getUint32(at + 52, true)).toBe(crc32(bytes, at + 512, at + free));
      expect(view.getUint32(at + 124, true)).toBe(crc32(bytes, at + 128, at + 512, crc32(bytes, at, at + 120)));
    }

    // (1) Every record, with exactly its fields.
    expect(records.length).toBe(expected.length);
    records.forEach((r, i) => {
      expect(r.id).toBe(expected[i]!.recordId);
      check(r.json, expected[i]!);
    });
  }, 120_000);

  it('NUL-terminated strings (older Windows) read back the same', async () => {
    const { events, expected } = generateEvents(50, 2, true);
    const { records, problems } = await parse(await writeToMemory(events, { nulTerminatedStrings: true }));
    expect(problems).toEqual([]);
    records.forEach((r, i) => check(r.json, expected[i]!));
  });

  it('(4) is deterministic: the same events give the same bytes', async () => {
    const a = await writeToMemory(generateEvents(300, 3, true).events);
    const b = await writeToMemory(generateEvents(300, 3, true).events);
    expect(a.length).toBeGreaterThan(FILE_HEADER_SIZE + CHUNK_SIZE);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
