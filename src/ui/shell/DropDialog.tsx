import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n';

export type DropChoice = 'add' | 'new' | 'records';

interface Props {
  /** The dropped files, or null when there is nothing to ask. */
  files: File[] | null;
  caseName: string;
  onChoose(choice: DropChoice | null): void;
}

/** Files dropped while a case is open: add them to it, make a new case, or just read them in the record table. */
export function DropDialog({ files, caseName, onChoose }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const open = files !== null;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts drop-dialog" aria-labelledby="drop-dialog-title" onClose={() => onChoose(null)} data-testid="drop-dialog">
      <h2 id="drop-dialog-title">{t('drop.ask', { count: files?.length ?? 0, name: caseName })}</h2>
      <p className="muted drop-files">{t('drop.askFiles', { files: (files ?? []).map((f) => f.name).join(', ') })}</p>
      <div className="drop-choices">
        <button type="button" autoFocus onClick={() => onChoose('add')} data-testid="drop-add">
          {t('drop.add')}
        </button>
        <button type="button" onClick={() => onChoose('new')} data-testid="drop-new">
          {t('drop.newInstead')}
        </button>
        <button type="button" onClick={() => onChoose('records')} data-testid="drop-records">
          {t('drop.records')}
        </button>
        <button type="button" onClick={() => onChoose(null)} data-testid="drop-cancel">
          {t('cases.cancel')}
        </button>
      </div>
    </dialog>
  );
}
