import type { Content, ElementSpec } from './binxml-writer';
import { type EventSchema, PROVIDER_GUIDS, type Provider, VT } from './security-schemas';
import { type TemplateSpec, templateSpec } from './template';

/**
 * The templates of Security events, as Windows writes them: an outer template holding System (its
 * values are substitutions, the computer name is literal text) whose last value is BinXML holding a
 * second template instance with the event data.
 */

const opt = (sub: number, type: number): Content => ({ sub, type, optional: true });
const text = (t: string): Content => ({ text: t });
const el = (name: string, attrs: ElementSpec['attrs'], ...children: (ElementSpec | Content)[]): ElementSpec => ({
  name,
  ...(attrs && attrs.length ? { attrs } : {}),
  ...(children.length ? { children } : {}),
});

/** Substitution indexes of the outer template: the order Windows uses. */
export const SYS = {
  Level: 0,
  Opcode: 1,
  Task: 2,
  EventID: 3,
  Qualifiers: 4,
  Keywords: 5,
  SystemTime: 6,
  ActivityID: 7,
  ProcessID: 8,
  ThreadID: 9,
  EventRecordID: 10,
  Version: 11,
  UserID: 12,
} as const;

export interface OuterLayout {
  /** Number of values of the outer template. */
  readonly count: number;
  /** Index of the provider name, GUID and channel values, or -1 where the template holds them as text. */
  readonly providerName: number;
  readonly providerGuid: number;
  readonly channel: number;
  readonly relatedActivityID: number;
  /** Index of the BinXML value holding the event data. */
  readonly data: number;
}

/** Security-Auditing: provider and channel are values (18 in all). */
const AUDITING: OuterLayout = { count: 18, providerName: 14, providerGuid: 15, channel: 16, relatedActivityID: 13, data: 17 };
/** Eventlog (1102): provider and channel are text; values 13–17 are unused and null (20 in all). */
const EVENTLOG: OuterLayout = { count: 20, providerName: -1, providerGuid: -1, channel: -1, relatedActivityID: 18, data: 19 };

export function outerLayout(provider: Provider): OuterLayout {
  return provider === 'Microsoft-Windows-Eventlog' ? EVENTLOG : AUDITING;
}

function systemElement(provider: Provider, layout: OuterLayout, computer: string): ElementSpec {
  const literal = layout.providerName < 0;
  return el(
    'System',
    [],
    el('Provider', literal ? [['Name', text(provider)], ['Guid', text(`{${PROVIDER_GUIDS[provider].toLowerCase()}}`)]] : [['Name', opt(layout.providerName, VT.String)], ['Guid', opt(layout.providerGuid, VT.Guid)]]),
    el('EventID', [['Qualifiers', opt(SYS.Qualifiers, VT.UInt16)]], opt(SYS.EventID, VT.UInt16)),
    el('Version', [], opt(SYS.Version, VT.UInt8)),
    el('Level', [], opt(SYS.Level, VT.UInt8)),
    el('Task', [], opt(SYS.Task, VT.UInt16)),
    el('Opcode', [], opt(SYS.Opcode, VT.UInt8)),
    el('Keywords', [], opt(SYS.Keywords, VT.HexInt64)),
    el('TimeCreated', [['SystemTime', opt(SYS.SystemTime, VT.FileTime)]]),
    el('EventRecordID', [], opt(SYS.EventRecordID, VT.UInt64)),
    el('Correlation', [['ActivityID', opt(SYS.ActivityID, VT.Guid)], ['RelatedActivityID', opt(layout.relatedActivityID, VT.Guid)]]),
    el('Execution', [['ProcessID', opt(SYS.ProcessID, VT.UInt32)], ['ThreadID', opt(SYS.ThreadID, VT.UInt32)]]),
    el('Channel', [], literal ? text('Security') : opt(layout.channel, VT.String)),
    // An empty text token reads as no content at all: an empty computer name is an empty element.
    computer === '' ? el('Computer', []) : el('Computer', [], text(computer)),
    el('Security', [['UserID', opt(SYS.UserID, VT.Sid)]]),
  );
}

const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function outerTemplate(provider: Provider, computer: string): TemplateSpec {
  const layout = outerLayout(provider);
  const data = opt(layout.data, VT.BinXml);
  const body = layout.providerName < 0 ? el('UserData', [], data) : data;
  return templateSpec(el('Event', [['xmlns', text(EVENT_NS)]], systemElement(provider, layout, computer), body));
}

/** Outer templates by provider and computer, bounded (a log usually names a handful of computers). */
const outerCache = new Map<string, TemplateSpec>();

export function outerTemplateFor(provider: Provider, computer: string): TemplateSpec {
  const key = provider + '\0' + computer;
  let spec = outerCache.get(key);
  if (!spec) {
    if (outerCache.size >= 1024) outerCache.clear();
    spec = outerTemplate(provider, computer);
    outerCache.set(key, spec);
  }
  return spec;
}

/** The event data template: `<EventData><Data Name="…">` per field, or the UserData element of the schema. */
function dataTemplate(schema: EventSchema): TemplateSpec {
  const sub = (i: number): Content => ({ sub: i, type: schema.fields[i]!.declared, optional: false });
  if (schema.userData) {
    const { element, attributes } = schema.userData;
    return templateSpec(el(element, attributes.map(([n, v]) => [n, text(v)] as const), ...schema.fields.map((f, i) => el(f.name, [], sub(i)))));
  }
  return templateSpec(el('EventData', [], ...schema.fields.map((f, i) => el('Data', [['Name', text(f.name)]], sub(i)))));
}

const dataCache = new Map<EventSchema, TemplateSpec>();

export function dataTemplateFor(schema: EventSchema): TemplateSpec {
  let spec = dataCache.get(schema);
  if (!spec) dataCache.set(schema, (spec = dataTemplate(schema)));
  return spec;
}
