import type { Problem } from '../../core/evtx';
import { formatCount, hex } from '../format';

const SHOWN = 500;

/** Damage found while parsing: file, chunk, offset (hex) and message. Shows the first SHOWN. */
export function ProblemList({ problems, count }: { problems: readonly Problem[]; count: number }) {
  if (count === 0) return null;
  const shown = problems.slice(0, SHOWN);
  return (
    <details className="problems" open>
      <summary>
        Problems ({formatCount(count)})
      </summary>
      <table data-testid="problems">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Chunk</th>
            <th scope="col">Offset</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p, i) => (
            <tr key={i} data-testid="problem-row" data-kind={p.kind}>
              <td>{p.file}</td>
              <td>{p.chunk >= 0 ? p.chunk : 'header'}</td>
              <td className="mono">{hex(p.offset)}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {count > SHOWN && <p className="more">… and {formatCount(count - SHOWN)} more.</p>}
    </details>
  );
}
