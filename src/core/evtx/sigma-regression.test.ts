import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJson, stringifyJson } from '.';
import { CORPUS, corpusFiles, hasCorpus, NO_CORPUS } from './testing/corpus';
import { readAll } from './testing/read-all';

/** Removes the whitespace outside strings, and splits concatenated top-level JSON documents. */
function compactDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      cur += c;
      if (c === '\\') cur += text[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    cur += c;
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        docs.push(cur);
        cur = '';
      }
    }
  }
  return docs;
}

// evtx_dump's output for each SigmaHQ regression log: our JSON must be the same text, with one
// documented exception. Those .json files trim trailing whitespace from string values ("chcp  "
// becomes "chcp"), while the .evtx bytes, python-evtx and evtx_dump 0.15 all keep it; an analyst
// needs the exact command line, so we keep it too, and compare with trailing whitespace trimmed on
// both sides where the exact text differs (the count of such records is printed).
function trimTrailingWhitespace(v: unknown): unknown {
  if (typeof v === 'string') return v.trimEnd();
  if (Array.isArray(v)) return v.map(trimTrailingWhitespace);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimTrailingWhitespace(x)]));
  return v;
}
const trimmed = (json: string) => JSON.stringify(trimTrailingWhitespace(JSON.parse(json)));

// One record's .json was not written by evtx_dump as it stands (see the corpus README): record
// 23419552's ParentCommandLine reads "Explorer.EXE" in the .evtx (python-evtx and the bytes agree)
// but "Explorer.exe" in its .json, and its SystemTime has 9 fractional digits where evtx_dump
// writes 6. That record is compared with what the bytes hold.
const KNOWN_ORACLE_ERRORS: Record<number, [string, string][]> = {
  23419552: [
    ['"ParentCommandLine":"C:\\\\Windows\\\\Explorer.exe"', '"ParentCommandLine":"C:\\\\Windows\\\\Explorer.EXE"'],
    ['"SystemTime":"2026-03-20T08:31:26.751156500Z"', '"SystemTime":"2026-03-20T08:31:26.751156Z"'],
  ],
};

describe.skipIf(!hasCorpus)('JSON equals evtx_dump on SigmaHQ regression data', () => {
  it('every record of every regression log', async () => {
    const files = corpusFiles('sigma-regression', '.evtx');
    expect(files.length).toBeGreaterThan(100);
    let records = 0;
    let equalOnlyTrimmed = 0;
    const mismatches: string[] = [];
    for (const f of files) {
      const expected = compactDocuments(readFileSync(join(CORPUS, f.replace(/\.evtx$/, '.json')), 'utf8'));
      const { items } = await readAll(join(CORPUS, f), (r) => stringifyJson(renderJson(r.nodes)));
      if (items.length !== expected.length) mismatches.push(`${f}: ${items.length} records, evtx_dump ${expected.length}`);
      for (let i = 0; i < Math.min(items.length, expected.length); i++) {
        records++;
        let want = expected[i]!;
        const id = Number(/"EventRecordID":(\d+)/.exec(want)?.[1]);
        for (const [wrong, right] of KNOWN_ORACLE_ERRORS[id] ?? []) want = want.replace(wrong, right);
        const ours = items[i]!;
        if (ours !== want && trimmed(ours) === trimmed(want)) equalOnlyTrimmed++;
        else if (ours !== want) {
          let at = 0;
          while (ours[at] === want[at]) at++;
          mismatches.push(`${f} record ${id} at ${at}:\n  ours …${ours.slice(at - 80, at + 80)}\n  want …${want.slice(at - 80, at + 80)}`);
        }
      }
    }
    console.log(`sigma-regression: ${files.length} files, ${records} records compared, ${records - equalOnlyTrimmed - mismatches.length} identical, ${equalOnlyTrimmed} equal once trailing whitespace is trimmed, ${mismatches.length} mismatches`);
    for (const m of mismatches.slice(0, 20)) console.log(m);
    expect(mismatches).toEqual([]);
  });
});
if (!hasCorpus) console.warn(NO_CORPUS);
