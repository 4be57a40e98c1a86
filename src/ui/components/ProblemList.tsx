import type { Problem, ProblemKind } from '../../core/evtx';
import { formatCount, hex } from '../format';
import { type MessageKey, useT } from '../i18n/i18n';

const SHOWN = 500;

/**
 * The kind in the page's language. The detail stays as the parser wrote it (English, with offsets
 * and values from the log): it is what an analyst quotes in a report or searches for.
 */
const KIND_LABEL: Record<ProblemKind, MessageKey> = {
  'file-header-checksum': 'problems.kind.file-header-checksum',
  'file-header': 'problems.kind.file-header',
  'chunk-header-checksum': 'problems.kind.chunk-header-checksum',
  'chunk-records-checksum': 'problems.kind.chunk-records-checksum',
  'chunk-skipped': 'problems.kind.chunk-skipped',
  'record-skipped': 'problems.kind.record-skipped',
  'not-evtx': 'problems.kind.not-evtx',
  'xml-record-skipped': 'problems.kind.xml-record-skipped',
  'read-error': 'problems.kind.read-error',
};

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
            <th scope="col">{t('problems.col.kind')}</th>
            <th scope="col">{t('problems.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p, i) => (
            <tr key={i} data-testid="problem-row" data-kind={p.kind}>
              <td>{p.file}</td>
              <td>{p.chunk >= 0 ? p.chunk : t('problems.header')}</td>
              <td className="mono">{hex(p.offset)}</td>
              <td>{t(KIND_LABEL[p.kind])}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > SHOWN && <p className="more">{t('problems.more', { count: formatCount(count - SHOWN) })}</p>}
    </details>
  );
}
