import { parseAllDocuments } from 'yaml';

export type RawRule = Record<string, unknown>;

export interface LoadedDocument {
  /** The rule document, with a collection's `action: global` attributes merged in. */
  doc: RawRule;
  /** Position of the document in its file (0-based, counting every document). */
  index: number;
}

export interface LoadResult {
  docs: LoadedDocument[];
  /** File-level problems (YAML syntax), each one a reason the whole file or a document was refused. */
  errors: { index: number; message: string }[];
}

const isMap = (v: unknown): v is RawRule => v !== null && typeof v === 'object' && !Array.isArray(v);

function deepMerge(base: RawRule, over: RawRule): RawRule {
  const out: RawRule = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isMap(b) && isMap(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/**
 * Parses a rule file: one rule, or several YAML documents (a correlation rule next to the rules it
 * counts, or a Sigma 1 rule collection with `action: global` / `reset` / `repeat`).
 */
export function loadRuleDocuments(text: string): LoadResult {
  const docs: LoadedDocument[] = [];
  const errors: LoadResult['errors'] = [];
  let global: RawRule = {};
  let previous: RawRule | undefined;
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, merge: true });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((d, index) => {
    if (d.errors.length > 0) {
      errors.push({ index, message: `YAML: ${d.errors[0]!.message.split('\n')[0]}` });
      return;
    }
    const value: unknown = d.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    if (!isMap(value)) {
      errors.push({ index, message: 'document is not a map' });
      return;
    }
    const action = value['action'];
    if (action === 'global') {
      const { action: _a, ...rest } = value;
      global = deepMerge(global, rest);
      return;
    }
    if (action === 'reset') {
      global = {};
      return;
    }
    if (action === 'repeat') {
      if (!previous) {
        errors.push({ index, message: 'action: repeat without a previous rule' });
        return;
      }
      const { action: _a, ...rest } = value;
      previous = deepMerge(previous, rest);
      docs.push({ doc: previous, index });
      return;
    }
    previous = deepMerge(global, value);
    docs.push({ doc: previous, index });
  });
  return { docs, errors };
}
