// Prints, for the Security events the EVTX writer supports, the event data fields Windows writes:
// their names in order, the type each template declares and the value type each record carries.
// `npx tsx scripts/security-schemas.ts [CORPUS_DIR]` (default ../shared/corpus: attack-samples and evtx-samples;
// EVENT_IDS=4740,4767 to look at other events). The committed table
// src/core/evtx/writer/security-schemas.ts was made from this output (security-schemas.test.ts checks it).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SECURITY_SCHEMAS } from '../src/core/evtx/writer/security-schemas';
import { scanSecuritySchemas } from '../src/core/evtx/writer/schema-scan';

const EVENT_IDS = process.env.EVENT_IDS ? process.env.EVENT_IDS.split(',').map(Number) : [...SECURITY_SCHEMAS.keys()];
const corpus = resolve(process.argv[2] ?? join(import.meta.dirname, '../../shared/corpus'));
if (!existsSync(join(corpus, 'attack-samples')) && !existsSync(join(corpus, 'evtx-samples'))) {
  console.log(`corpus not found at ${corpus} (attack-samples, evtx-samples): nothing to scan`);
  process.exit(0);
}
const sorted = await scanSecuritySchemas(corpus, EVENT_IDS);
const hex = (t: number) => '0x' + t.toString(16).padStart(2, '0');
for (const v of sorted) {
  console.log(`\n${v.eventId} v${v.version} ${v.provider} ${v.container}: ${v.records} records in ${v.files.size} files (e.g. ${[...v.files][0]})`);
  for (const [system, n] of v.system) console.log(`  system ${system} ×${n}`);
  for (const f of v.fields) {
    const values = [...f.values].map(([t, n]) => `${hex(t)}×${n}`).join(' ');
    const nul = f.strings ? ` nul-ended ${f.nulEnded}/${f.strings}` : '';
    console.log(`  ${f.name.padEnd(28)} declared ${hex(f.declared)} values ${values}${nul}`);
  }
}
const missing = EVENT_IDS.filter((id) => !sorted.some((v) => v.eventId === id));
console.log(`\nevent ids not in the corpus: ${missing.join(', ') || 'none'}`);
