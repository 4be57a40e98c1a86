import type { Expr } from './compile';

/**
 * A rule's expression as it stands for events of one event id. The engine tests an event only
 * against the rules of its (channel, event id), and some of those rules hold tests for other ids
 * ("Metasploit SMB Authentication": `EventID: [4624, 4625] and …` or `EventID: 4776 and …`). For
 * the 4624 events the second branch is false whatever the event holds, so it is folded away: the
 * prefilter then finds texts the rule needs (it had none, because of that branch, and the rule was
 * evaluated, all its fields read, on every 4624 event).
 *
 * Only the false direction is folded, which is exact: the bucket's id is the number the event's
 * `EventID` reads as (SigmaEvent.eventId), so an `EventID` equal to a digit string naming another
 * number is false. A test naming the bucket's own id is left as it is (the text could still differ,
 * e.g. "04624").
 */
export function specializeForEventId(e: Expr, eventId: number, fieldName: (ruleField: string) => string): Expr {
  switch (e.k) {
    case 'field': {
      if (fieldName(e.field) !== 'EventID' || e.preds.length === 0) return e;
      for (const p of e.preds) {
        if (p.k !== 'str') return e;
        const values = p.exacts ?? (p.exact !== undefined ? [p.exact] : null);
        if (!values) return e;
        for (const v of values) if (!/^\d+$/.test(v) || Number(v) === eventId) return e;
      }
      return FALSE;
    }
    case 'and':
    case 'or': {
      const items: Expr[] = [];
      let changed = false;
      for (const item of e.items) {
        const s = specializeForEventId(item, eventId, fieldName);
        if (s !== item) changed = true;
        if (s.k === 'const') {
          // false decides an AND, true an OR; the other value drops out.
          if (s.value === (e.k === 'or')) return s;
          continue;
        }
        items.push(s);
      }
      if (!changed) return e;
      if (items.length === 0) return { k: 'const', value: e.k === 'and' };
      return items.length === 1 ? items[0]! : { k: e.k, items };
    }
    case 'not': {
      const s = specializeForEventId(e.item, eventId, fieldName);
      if (s === e.item) return e;
      return s.k === 'const' ? { k: 'const', value: !s.value } : { k: 'not', item: s };
    }
    default:
      return e;
  }
}

const FALSE: Expr = { k: 'const', value: false };
