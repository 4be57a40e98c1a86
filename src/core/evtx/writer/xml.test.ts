import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { compare, readerEvents } from './reader-compare';
import { generateEvents } from './test-events';
import { eventViewerXml } from './xml';

describe('eventViewerXml', () => {
  it('is well-formed XML holding every event as written, in pieces', () => {
    const { events, expected } = generateEvents(100, 21, true);
    const pieces = [...eventViewerXml(events)];
    expect(pieces.length).toBe(events.length + 2);
    const xml = pieces.join('');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(compare('eventViewerXml', readerEvents(xml), expected)).toEqual([]);
  });

  it('renders like the event log: single quotes, 100 ns SystemTime, {UPPER} GUIDs, UserData for 1102', () => {
    const [, logon, cleared] = [
      ...eventViewerXml([
        {
          eventId: 4624,
          time: Date.UTC(2024, 0, 2, 3, 4, 5, 678),
          computer: 'DC01',
          fields: { LogonGuid: '{abcdef01-2345-6789-abcd-ef0123456789}', TargetLogonId: 999n, SubjectUserName: 'a<b&c' },
        },
        { eventId: 1102, time: 0, computer: 'DC01', fields: { SubjectUserSid: 's-1-5-18' } },
      ]),
    ];
    expect(logon).toContain("<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/>");
    expect(logon).toContain("<TimeCreated SystemTime='2024-01-02T03:04:05.678000000Z'/><EventRecordID>1</EventRecordID>");
    expect(logon).toContain("<Data Name='LogonGuid'>{ABCDEF01-2345-6789-ABCD-EF0123456789}</Data>");
    expect(logon).toContain("<Data Name='TargetLogonId'>0x3e7</Data>");
    expect(logon).toContain("<Data Name='SubjectUserName'>a&lt;b&amp;c</Data>");
    expect(logon).toContain("<Data Name='TargetUserSid'>S-1-0-0</Data>");
    expect(cleared).toContain(
      "<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'><SubjectUserSid>S-1-5-18</SubjectUserSid>",
    );
    expect(cleared).toContain('<EventRecordID>2</EventRecordID>');
  });
});
