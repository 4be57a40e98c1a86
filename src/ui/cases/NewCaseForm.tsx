import { useEffect, useId, useRef, useState } from 'react';
import type { CaseOptions } from '../../core/case/facts';
import { FileDrop } from './FileDrop';
import { EMPTY_OPTIONS, OptionsFields, readOptions } from './OptionsFields';
import { ScanOnImportField } from '../sigma/ScanOnImportField';
import { claimDrop } from './drop';
import { useT } from '../i18n/i18n';

interface Props {
  disabled: boolean;
  onCreate(name: string, options: CaseOptions, files: File[]): void;
  onCaseFile(file: File): void;
  onError(message: string): void;
  /** Files dropped on the page (not on a field) while the Cases view shows: a new case from them. */
  dropped?: { files: File[]; seq: number } | null;
}

/** A new case from log files (name, times, files), or from an exported .llcase file. */
export function NewCaseForm({ disabled, onCreate, onCaseFile, onError, dropped = null }: Props) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [options, setOptions] = useState(EMPTY_OPTIONS);
  const files = (list: File[]) => {
    const o = readOptions(options);
    if (typeof o === 'string') return onError(t(o));
    const caseName = name.trim() || list[0]!.name.replace(/\.(evtx|xml)$/i, '');
    onCreate(caseName, o, list);
  };
  const latest = useRef(files);
  latest.current = files;
  useEffect(() => {
    if (!dropped || disabled || !claimDrop(dropped.seq)) return;
    latest.current(dropped.files);
  }, [dropped, disabled]);
  return (
    <section className="new-case" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('cases.new')}</h2>
      <div className="row">
        <label htmlFor={`${id}-name`}>{t('cases.name')}</label>
        <input id={`${id}-name`} type="text" value={name} maxLength={200} placeholder={t('cases.namePlaceholder')} onChange={(e) => setName(e.target.value)} disabled={disabled} data-testid="new-case-name" />
      </div>
      <OptionsFields value={options} onChange={setOptions} disabled={disabled} />
      <ScanOnImportField disabled={disabled} />
      <FileDrop label={t('cases.createFrom')} accept=".evtx,.xml" testId="new-case-files" disabled={disabled} onFiles={files} />
      <FileDrop label={t('cases.importFile')} accept=".llcase" multiple={false} testId="case-file-input" disabled={disabled} onFiles={(f) => onCaseFile(f[0]!)} />
    </section>
  );
}
