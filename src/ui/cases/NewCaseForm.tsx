import { useId, useState } from 'react';
import type { CaseOptions } from '../../core/case/facts';
import { FileDrop } from './FileDrop';
import { EMPTY_OPTIONS, OptionsFields, readOptions } from './OptionsFields';
import { ScanOnImportField } from '../sigma/ScanOnImportField';

interface Props {
  disabled: boolean;
  onCreate(name: string, options: CaseOptions, files: File[]): void;
  onCaseFile(file: File): void;
  onError(message: string): void;
}

/** A new case from log files (name, times, files), or from an exported .llcase file. */
export function NewCaseForm({ disabled, onCreate, onCaseFile, onError }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const [options, setOptions] = useState(EMPTY_OPTIONS);
  const files = (list: File[]) => {
    const o = readOptions(options);
    if (typeof o === 'string') return onError(o);
    const caseName = name.trim() || list[0]!.name.replace(/\.(evtx|xml)$/i, '');
    onCreate(caseName, o, list);
  };
  return (
    <section className="new-case" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>New case</h2>
      <div className="row">
        <label htmlFor={`${id}-name`}>Case name</label>
        <input id={`${id}-name`} type="text" value={name} maxLength={200} placeholder="(the first file's name)" onChange={(e) => setName(e.target.value)} disabled={disabled} />
      </div>
      <OptionsFields value={options} onChange={setOptions} disabled={disabled} />
      <ScanOnImportField disabled={disabled} />
      <FileDrop label="Create a case from EVTX or XML files" accept=".evtx,.xml" testId="new-case-files" disabled={disabled} onFiles={files} />
      <FileDrop label="Import a case file (.llcase)" accept=".llcase" multiple={false} testId="case-file-input" disabled={disabled} onFiles={(f) => onCaseFile(f[0]!)} />
    </section>
  );
}
