import { describe, expect, it } from 'vitest';
import { csvCell, csvText, detailsCsv, detectionsCsv, downloadName, hourLabel, pyFloat, ranksCsv, summaryCsv } from './csv';

const T0 = Date.UTC(2024, 2, 4, 22);

describe('csv cells', () => {
  it('escapes formula starts with a quote', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('+SUM(1+1)')).toBe("'+SUM(1+1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('alice')).toBe('alice');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(3)).toBe('3');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('=HYPERLINK("http://x.invalid/","y")')).toBe(`"'=HYPERLINK(""http://x.invalid/"",""y"")"`);
    expect(csvText([['a', 'b'], ['c']])).toBe('a,b\r\nc\r\n');
  });

  it('prints counts like the reference and hours in the case clock', () => {
    expect(pyFloat(0)).toBe('0.0');
    expect(pyFloat(12)).toBe('12.0');
    expect(pyFloat(0.5)).toBe('0.5');
    expect(hourLabel(T0)).toBe('2024-03-04T22:00:00');
    expect(downloadName('a/b:c', 'timeline.csv')).toBe('a_b_c-timeline.csv');
  });
});

describe('timeline downloads', () => {
  const rows = [
    { name: 'alice', counts: { 4624: [1, 0, 2], 4769: [0, 3, 0] } },
    { name: '=cmd|x', counts: { 4625: [0, 0, 5] } },
  ];

  it('summary: one row per account with its hourly totals', () => {
    expect(summaryCsv(T0, 3, rows)).toBe(
      'username,2024-03-04T22:00:00,2024-03-04T23:00:00,2024-03-05T00:00:00\r\n' + 'alice,1.0,3.0,2.0\r\n' + "'=cmd|x,0.0,0.0,5.0\r\n",
    );
  });

  it('details: five lines per account, the name on the first', () => {
    const lines = detailsCsv(T0, 3, rows).split('\r\n');
    expect(lines[0]).toBe('username,id,2024-03-04T22:00:00,2024-03-04T23:00:00,2024-03-05T00:00:00');
    expect(lines.slice(1, 6)).toEqual(['alice,4624,1.0,0.0,2.0', ',4625,0.0,0.0,0.0', ',4768,0.0,0.0,0.0', ',4769,0.0,3.0,0.0', ',4776,0.0,0.0,0.0']);
    expect(lines[6]).toBe("'=cmd|x,4624,0.0,0.0,0.0");
    expect(lines[7]).toBe(',4625,0.0,0.0,5.0');
    expect(lines).toHaveLength(12); // header, 2 × 5, and the empty string after the last CRLF
    expect(lines[11]).toBe('');
  });

  it('an empty case gives only the header', () => {
    expect(summaryCsv(T0, 0, [])).toBe('username\r\n');
  });
});

describe('detections and rankings CSV', () => {
  it('escapes formulas and quotes names from logs', () => {
    const csv = detectionsCsv(
      [{ kind: 'dcsync', account: '=cmd|x', host: 'DC,01', time: 0, lastTime: 1000, count: 2, recordIds: [5, 9], details: { object: '@SUM(1)' } }],
      (ms) => String(ms),
    );
    expect(csv).toBe('time,last_time,kind,account,host,events,details,record_ids\r\n0,1000,dcsync,\'=cmd|x,"DC,01",2,object=@SUM(1),5 9\r\n');
    expect(ranksCsv([{ name: '-2+3', rank: 1, standardRank: 0.5, changeFinderMax: 3, hmm: true, admin: false }], 'account')).toBe(
      "account,logontracer_rank,standard_rank,changefinder_max,hmm,admin\r\n'-2+3,1,0.5,3,yes,no\r\n",
    );
    expect(ranksCsv([{ name: 'WS1', rank: 0.25, standardRank: 0.1, changeFinderMax: null, hmm: null, admin: null }], 'host')).toBe('host,logontracer_rank,standard_rank\r\nWS1,0.25,0.1\r\n');
  });
});
