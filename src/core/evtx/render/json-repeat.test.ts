import { describe, expect, it } from 'vitest';
import { memorySource, openEvtx, readChunks } from '..';
import type { Node } from '../binxml/nodes';
import { writeToMemory } from '../writer';
import { prng } from '../writer/test-events';
import type { SecurityEvent } from '../writer/writer';
import { ByteSink } from './byte-sink';
import { repeatStats, writeJsonRecord } from './json-compiled';
import { renderJsonTextGeneric } from './json-text';

const decoder = new TextDecoder();

/**
 * Security events as logs have them: event types interleaved (4624 and 4672 share the System
 * template, their EventData does not), values repeating from one record to the next, some fields
 * alternating between empty and not (another shape), and hostile text now and then.
 */
function events(count: number, seed: number): SecurityEvent[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const users = ['alice', 'bob', 'DC01$', '', 'a"b\\c\n', '🔥ünï'];
  const out: SecurityEvent[] = [];
  for (let i = 0; i < count; i++) {
    const eventId = pick([4624, 4624, 4672, 4634]);
    const subject = { SubjectUserSid: 'S-1-5-18', SubjectUserName: pick(users), SubjectDomainName: pick(['CORP', '']), SubjectLogonId: pick([999, 0x3e7, 0x1234567]) };
    const fields: SecurityEvent['fields'] =
      eventId === 4624
        ? { ...subject, TargetUserName: pick(users), TargetDomainName: 'CORP', TargetLogonId: 1000 + Math.floor(rand() * 3), LogonType: pick([2, 3, 10]), IpAddress: pick(['10.0.0.5', '-', '']), WorkstationName: pick(['WS1', '']), LogonGuid: pick(['{00000000-0000-0000-0000-000000000000}', '{12345678-1234-1234-1234-123456789ABC}']) }
        : eventId === 4672
          ? { ...subject, PrivilegeList: pick(['SeDebugPrivilege', 'SeBackupPrivilege\n\t\t\tSeRestorePrivilege', '']) }
          : { TargetUserSid: pick(['S-1-5-21-1-2-3-500', 'S-1-5-18']), TargetUserName: pick(users), TargetDomainName: 'CORP', TargetLogonId: 1000, LogonType: 3 };
    out.push({ eventId, time: Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 1000 + (rand() < 0.5 ? 0 : 0.5), computer: pick(['DC01.corp.local', 'DC01.corp.local', 'WS-<&"\'>.corp.local']), fields, processId: pick([4, 4, 612]) });
  }
  return out;
}

describe('json-repeat.ts: records written in one pass against the last of their shape', () => {
  it('writes every record as the generic writer does, records one after another in one buffer', async () => {
    const source = memorySource(await writeToMemory(events(3000, 5)), 'repeat.evtx');
    const layout = await openEvtx(source);
    const sink = new ByteSink(64);
    let records = 0;
    const before = repeatStats.repeated;
    const outcomes = await readChunks(source, layout, 0, layout.blocks, (r) => {
      const start = sink.length;
      writeJsonRecord(r.nodes, sink);
      sink.byte(10);
      records++;
      return [start, sink.length - 1, r.nodes] as [number, number, Node[]];
    });
    for (const o of outcomes) {
      expect(o.problems).toEqual([]);
      for (const [start, end, nodes] of o.items) expect(decoder.decode(sink.bytes.subarray(start, end))).toBe(renderJsonTextGeneric(nodes));
    }
    expect(records).toBe(3000);
    // Most records take the one pass (the rest: the first of a shape in each chunk, new shapes).
    expect(repeatStats.repeated - before).toBeGreaterThan(records / 4);
  });
});
