import { useT } from '../i18n/i18n';

export type DropTarget = 'records' | 'new-case' | 'open-case';

const TEXT = { records: 'drop.open', 'new-case': 'drop.newCase', 'open-case': 'drop.addCase' } as const;

/** Shown while files are dragged over the page: says where they will go. */
export function DropOverlay({ active, target = 'records' }: { active: boolean; target?: DropTarget }) {
  const t = useT();
  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true" data-target={target}>
      <p>{t(TEXT[target])}</p>
    </div>
  );
}
