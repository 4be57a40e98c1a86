import type { RefusedFile } from '../state/store';

/** Files that could not be read at all, each with the reason (which names the file). */
export function RefusedList({ refused }: { refused: readonly RefusedFile[] }) {
  if (refused.length === 0) return null;
  return (
    <section className="refused" role="alert" aria-label="Refused files" data-testid="refused">
      <h2>{refused.length === 1 ? 'One file was refused' : `${refused.length} files were refused`}</h2>
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
