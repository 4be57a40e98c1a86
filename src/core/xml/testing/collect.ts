import { type JsonObject, memorySource } from '../../evtx';
import { readEventXml, type ReadEventXmlOptions } from '../read';

export interface Collected {
  events: { json: JsonObject; index: number; offset: number }[];
  records: number;
  problems: Awaited<ReturnType<typeof readEventXml>>['problems'];
}

/** Reads XML bytes held in memory and keeps every event (tests only). */
export async function collect(bytes: Uint8Array, name = 'test.xml', options?: ReadEventXmlOptions): Promise<Collected> {
  const events: Collected['events'] = [];
  const r = await readEventXml(memorySource(bytes, name), (json, index, offset) => events.push({ json, index, offset }), undefined, options);
  return { events, ...r };
}
