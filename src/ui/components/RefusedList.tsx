import { useT } from '../i18n/i18n';
import type { RefusedFile } from '../state/store';

/** Files that could not be read at all, each with the reason (which names the file). */
export function RefusedList({ refused }: { refused: readonly RefusedFile[] }) {
  const t = useT();
  if (refused.length === 0) return null;
  return (
    <section className="refused" role="alert" aria-label={t('refused.label')} data-testid="refused">
      <h2>{refused.length === 1 ? t('refused.one') : t('refused.many', { count: refused.length })}</h2>
      <ul>
        {refused.map((r, i) => (
          <li key={i} data-testid="refused-file" data-name={r.name}>
            {r.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
