import { type ChangeEvent, type DragEvent, useId, useState } from 'react';
import { useT } from '../i18n/i18n';

interface Props {
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  testId: string;
  onFiles(files: File[]): void;
}

/**
 * A labelled file input that also takes files dropped on it. Drops here stop at this element so the
 * page-wide drop handler (which opens files in the records view) does not see them too.
 */
export function FileDrop({ label, accept, multiple = true, disabled, testId, onFiles }: Props) {
  const t = useT();
  const id = useId();
  const [over, setOver] = useState(false);
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length) onFiles(files);
  };
  const stop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      className={`file-drop${over ? ' over' : ''}`}
      onDragEnter={(e) => (stop(e), setOver(true))}
      onDragOver={stop}
      onDragLeave={(e) => (stop(e), setOver(false))}
      onDrop={(e) => {
        stop(e);
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length && !disabled) onFiles(multiple ? files : files.slice(0, 1));
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" multiple={multiple} accept={accept} disabled={disabled} data-testid={testId} onChange={change} />
      <span className="hint">{t(multiple ? 'drop.files' : 'drop.file')}</span>
    </div>
  );
}
