import { type ChangeEvent, useId } from 'react';
import { useT } from '../i18n/i18n';

interface Props {
  onFiles(files: File[]): void;
}

/** A labelled multi-file input for .evtx and .xml files. */
export function FilePicker({ onFiles }: Props) {
  const t = useT();
  const id = useId();
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // so choosing the same files again reloads them
    onFiles(files);
  };
  return (
    <div className="file-picker">
      <label htmlFor={id}>{t('picker.open')}</label>
      <input id={id} type="file" multiple accept=".evtx,.xml" data-testid="file-input" onChange={change} />
    </div>
  );
}
