import { describe, expect, it } from 'vitest';
import { type JsonObject, stringifyJson } from '../evtx';
import { parseEvent } from './parse-event';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const event = (body: string) => `<Event xmlns="${NS}">${body}</Event>`;
const system = (json: JsonObject) => (json['Event'] as JsonObject)['System'] as JsonObject;
const eventData = (json: JsonObject) => (json['Event'] as JsonObject)['EventData'] as JsonObject;

describe('parseEvent: the evtx_dump JSON shape', () => {
  it('reads System even when whitespace comes before it (LogonTracer drops those events)', () => {
    const json = parseEvent(`<Event xmlns="${NS}">\r\n  <System>\r\n    <EventID>4624</EventID>\r\n  </System>\r\n</Event>`);
    expect(json).toEqual({ Event: { '#attributes': { xmlns: NS }, System: { EventID: 4624 } } });
  });

  it('types System integers, and only plain decimal ones', () => {
    const s = system(
      parseEvent(
        event(
          '<System><EventID Qualifiers="16384">7036</EventID><Version>2</Version><Level>0</Level><Task>abc</Task><Opcode>007</Opcode>' +
            '<Keywords>0x8080000000000000</Keywords><EventRecordID>123456789012345678901</EventRecordID>' +
            '<Execution ProcessID="4" ThreadID="-1"/><Channel>7</Channel></System>',
        ),
      ),
    );
    expect(s['EventID']).toEqual({ '#attributes': { Qualifiers: 16384 }, '#text': 7036 });
    expect([s['Version'], s['Level'], s['Task'], s['Opcode'], s['Keywords'], s['Channel']]).toEqual([2, 0, 'abc', '007', '0x8080000000000000', '7']);
    expect(s['EventRecordID']).toBe(123456789012345678901n);
    expect(s['Execution']).toEqual({ '#attributes': { ProcessID: 4, ThreadID: '-1' } });
  });

  it('writes SystemTime with microseconds, as EVTX does', () => {
    const time = (t: string) =>
      ((system(parseEvent(event(`<System><TimeCreated SystemTime="${t}"/></System>`)))['TimeCreated'] as JsonObject)['#attributes'] as JsonObject)['SystemTime'];
    expect(time('2016-07-08T18:12:51.681640100Z')).toBe('2016-07-08T18:12:51.681640Z');
    expect(time('2016-07-08T18:12:51.6816401Z')).toBe('2016-07-08T18:12:51.681640Z');
    expect(time('2016-07-08T18:12:51.681640Z')).toBe('2016-07-08T18:12:51.681640Z');
    expect(time('2016-07-08T18:12:51Z')).toBe('2016-07-08T18:12:51.000000Z');
    expect(time('2016-07-08 18:12:51.681641')).toBe('2016-07-08 18:12:51.681641');
  });

  it('names Data by Name, collects unnamed Data, suffixes repeats, keeps attributes and text apart', () => {
    const json = parseEvent(
      event(
        '<EventData><Data Name="A">1</Data><Data Name="B"></Data><Data Name="A" Type="x">2</Data>' +
          '<Data>u1</Data><Data></Data><Data>u3</Data><Binary/><Extra k="v">t</Extra><Extra/></EventData>',
      ),
    );
    expect(eventData(json)).toEqual({
      A: '1',
      B: '',
      A_1: '2',
      Data: { '#text': ['u1', '', 'u3'] },
      Binary: null,
      Extra: { '#attributes': { k: 'v' }, '#text': 't' },
      Extra_1: null,
    });
    expect(eventData(parseEvent(event('<EventData><Data>only</Data></EventData>')))).toEqual({ Data: { '#text': 'only' } });
  });

  it('keeps text exactly: spaces, CR LF, entities, character references, CDATA', () => {
    const json = parseEvent(
      event(
        '<EventData><Data Name="s">  two  </Data><Data Name="crlf">a\r\nb\rc</Data>' +
          '<Data Name="e">&lt;&amp;&gt;&quot;&apos;&#13;&#x1F600;&#233;</Data><Data Name="unknown">&nbsp;&xxe;</Data>' +
          '<Data Name="cdata"><![CDATA[<&amp;>]]></Data><Data Name="attr" Foo="x"/></EventData>' +
          '<UserData><X a="1&#10;2&amp;" b="l1\r\nl2"\r\n c="3"/></UserData>',
      ),
    );
    expect((json['Event'] as JsonObject)['UserData']).toEqual({ X: { '#attributes': { a: '1\n2&', b: 'l1\r\nl2', c: '3' } } });
    expect(eventData(json)).toEqual({ s: '  two  ', crlf: 'a\r\nb\rc', e: '<&>"\'\r😀é', unknown: '&nbsp;&xxe;', cdata: '<&amp;>', attr: '' });
  });

  it('maps UserData and RenderingInfo with any nesting', () => {
    const json = parseEvent(
      event(
        '<UserData><LogFileCleared xmlns="ns"><SubjectUserName>bob</SubjectUserName><Deep><Deeper><Leaf>1</Leaf><Leaf>2</Leaf></Deeper></Deep></LogFileCleared></UserData>' +
          '<RenderingInfo Culture="en-US"><Message>The log\r\nwas cleared.</Message><Level>Information</Level><Keywords><Keyword>Audit Success</Keyword><Keyword>Classic</Keyword></Keywords></RenderingInfo>',
      ),
    );
    const e = json['Event'] as JsonObject;
    expect(e['UserData']).toEqual({
      LogFileCleared: { '#attributes': { xmlns: 'ns' }, SubjectUserName: 'bob', Deep: { Deeper: { Leaf: '1', Leaf_1: '2' } } },
    });
    expect(e['RenderingInfo']).toEqual({
      '#attributes': { Culture: 'en-US' },
      Message: 'The log\r\nwas cleared.',
      Level: 'Information',
      Keywords: { Keyword: 'Audit Success', Keyword_1: 'Classic' },
    });
  });

  it('keeps names that are Object.prototype members as plain own keys', () => {
    const json = parseEvent(event('<EventData><Data Name="__proto__">p</Data><Data Name="toString">t</Data><Data Name="constructor">c</Data></EventData>'));
    const data = eventData(json);
    expect(Object.keys(data)).toEqual(['__proto__', 'toString', 'constructor']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(stringifyJson(json)).toContain('"__proto__":"p","toString":"t","constructor":"c"');
  });

  it('refuses malformed events with a message', () => {
    expect(() => parseEvent('<Event><System></Event>')).toThrow(/System/);
    expect(() => parseEvent('<Event><A b=1/></Event>')).toThrow(/without value/);
    expect(() => parseEvent('<Event><A>x & y</A></Event>')).toThrow(/&/);
    expect(() => parseEvent('<Event><!DOCTYPE x [<!ENTITY a "b">]><A>&a;</A></Event>')).toThrow(/DOCTYPE declaration inside an event/);
  });
});
