import { type Node, NodeKind, type Template } from './nodes';

/**
 * Templates shared across chunks. Every chunk repeats the definitions it uses, so a worker would
 * otherwise parse the same few templates again for every 64 KiB. A definition is reused only when
 * its bytes are identical and it is self-contained: all element names inline (a name stored elsewhere
 * in the chunk could differ between chunks with the same bytes) and no nested template instance
 * (whose values belong to one chunk). Bounded, so hostile input cannot grow it without limit.
 */
const MAX_ENTRIES = 4096;
const entries = new Map<string, { bytes: Uint8Array; template: Template }[]>();
let size = 0;

function key(guid: string, dataSize: number): string {
  return `${guid}:${dataSize}`;
}

function equal(a: Uint8Array, b: Uint8Array, start: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

export function findSharedTemplate(guid: string, chunk: Uint8Array, start: number, dataSize: number): Template | undefined {
  const list = entries.get(key(guid, dataSize));
  if (!list) return undefined;
  for (const e of list) if (equal(e.bytes, chunk, start)) return e.template;
  return undefined;
}

export function shareTemplate(template: Template, chunk: Uint8Array, start: number, dataSize: number, namesInline: boolean): void {
  if (!namesInline || containsInstance(template.nodes)) return;
  if (size >= MAX_ENTRIES) {
    entries.clear();
    size = 0;
  }
  const k = key(template.guid, dataSize);
  const list = entries.get(k) ?? [];
  list.push({ bytes: chunk.slice(start, start + dataSize), template });
  entries.set(k, list);
  size++;
}

function containsInstance(nodes: readonly Node[]): boolean {
  for (const n of nodes) {
    if (n.k === NodeKind.TemplateInstance) return true;
    if (n.k === NodeKind.Element && (containsInstance(n.children) || n.attrs.some((a) => containsInstance(a.value)))) return true;
  }
  return false;
}
