import type { Problem } from '../../core/evtx';
import { formatCount, hex } from '../format';
import { useT } from '../i18n/i18n';

const SHOWN = 500;

/** Damage found while parsing: file, chunk, offset (hex) and message. Shows the first SHOWN. */
export function ProblemList({ problems, count }: { problems: readonly Problem[]; count: number }) {
  const t = useT();
  if (count === 0) return null;
  const shown = problems.slice(0, SHOWN);
  return (
    <details className="problems" open>
      <summary>{t('problems.title', { count: formatCount(count) })}</summary>
      <table data-testid="problems">
        <thead>
          <tr>
            <th scope="col">{t('problems.col.file')}</th>
            <th scope="col">{t('problems.col.chunk')}</th>
            <th scope="col">{t('problems.col.offset')}</th>
            <th scope="col">{t('problems.col.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p, i) => (
            <tr key={i} data-testid="problem-row" data-kind={p.kind}>
              <td>{p.file}</td>
              <td>{p.chunk >= 0 ? p.chunk : t('problems.header')}</td>
              <td className="mono">{hex(p.offset)}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > SHOWN && <p className="more">{t('problems.more', { count: formatCount(count - SHOWN) })}</p>}
    </details>
  );
}
