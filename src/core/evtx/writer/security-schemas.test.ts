import { describe, expect, it } from 'vitest';
import { CORPUS, hasCorpus, NO_CORPUS } from '../testing/corpus';
import { scanSecuritySchemas } from './schema-scan';
import { SECURITY_SCHEMAS } from './security-schemas';

if (!hasCorpus) console.log(NO_CORPUS);

describe.skipIf(!hasCorpus)('security-schemas.ts agrees with the corpus', () => {
  it('each corpus event: the newest version, its field names in order, declared and value types, System values', async () => {
    const variants = await scanSecuritySchemas(CORPUS, [...SECURITY_SCHEMAS.keys()]);
    for (const schema of SECURITY_SCHEMAS.values()) {
      const seen = variants.filter((v) => v.eventId === schema.eventId);
      if (schema.source === 'documented') {
        // The comment in security-schemas.ts says the corpus lacks this event.
        expect(seen, `event ${schema.eventId}`).toEqual([]);
        continue;
      }
      expect(Math.max(...seen.map((v) => v.version)), `newest version of ${schema.eventId}`).toBe(schema.version);
      const match = seen.find((v) => v.version === schema.version && v.fields.map((f) => f.name).join() === schema.fields.map((f) => f.name).join());
      expect(match, `event ${schema.eventId} v${schema.version} with the schema's fields`).toBeDefined();
      schema.fields.forEach((f, i) => {
        const s = match!.fields[i]!;
        expect(s.declared, `${schema.eventId} ${f.name} declared`).toBe(f.declared);
        expect([...s.values.keys()], `${schema.eventId} ${f.name} value types`).toContain(f.type);
      });
      const system = [...match!.system.keys()];
      const keywords = `0x${schema.keywords.toString(16)}`;
      expect(
        system.some((s) => s.startsWith(`Level=${schema.level} Task=${schema.task} Opcode=${schema.opcode} Keywords=${keywords} `)),
        `${schema.eventId} System values (seen: ${system.join('; ')})`,
      ).toBe(true);
    }
  }, 120_000);
});
