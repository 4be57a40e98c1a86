import { useId } from 'react';
import { useT } from '../i18n/i18n';

export type NodeKind = 'account' | 'host';

export const readKind = (p: URLSearchParams): NodeKind => (p.get('kind') === 'host' ? 'host' : 'account');

export function readPage(p: URLSearchParams): number {
  const n = Number(p.get('page'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Accounts or hosts, as a pair of radio buttons. */
export function KindSwitch({ value, onChange }: { value: NodeKind; onChange(k: NodeKind): void }) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="kind-switch">
      <legend>{t('rank.kind')}</legend>
      {(['account', 'host'] as const).map((k) => (
        <label key={k}>
          <input type="radio" name={id} value={k} checked={value === k} onChange={() => onChange(k)} data-testid={`kind-${k}`} />
          {t(k === 'account' ? 'common.accounts' : 'common.hosts')}
        </label>
      ))}
    </fieldset>
  );
}

export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage(p: number): void }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('common.pageOf', { page, pages })}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {t('common.prev')}
      </button>
      <span>{t('common.pageOf', { page, pages })}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {t('common.next')}
      </button>
    </nav>
  );
}
