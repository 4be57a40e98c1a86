import { useId } from 'react';
import type { CaseOptions } from '../../core/case/facts';
import { parseWindowInput } from './time-input';
import { useT } from '../i18n/i18n';

export interface OptionsDraft {
  tz: string;
  from: string;
  to: string;
}

export const EMPTY_OPTIONS: OptionsDraft = { tz: '0', from: '', to: '' };

/** The draft as case options, or the key of the message saying which field is wrong. */
export function readOptions(d: OptionsDraft): CaseOptions | OptionsProblem {
  const tzHours = Number(d.tz);
  if (d.tz.trim() === '' || !Number.isFinite(tzHours) || Math.abs(tzHours) > 14) return 'opts.badTz';
  const from = parseWindowInput(d.from);
  const to = parseWindowInput(d.to);
  if (d.from && from === null) return 'opts.badFrom';
  if (d.to && to === null) return 'opts.badTo';
  if (from !== null && to !== null && from > to) return 'opts.fromAfterTo';
  return { tzHours, from, to };
}

export type OptionsProblem = 'opts.badTz' | 'opts.badFrom' | 'opts.badTo' | 'opts.fromAfterTo';

/** Time zone offset and time window: how a case reads its events' times. */
export function OptionsFields({ value, onChange, disabled }: { value: OptionsDraft; onChange(v: OptionsDraft): void; disabled?: boolean }) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="case-options" disabled={disabled}>
      <legend>{t('opts.times')}</legend>
      <label htmlFor={`${id}-tz`}>{t('opts.tz')}</label>
      <input id={`${id}-tz`} type="number" step="0.25" min={-14} max={14} value={value.tz} onChange={(e) => onChange({ ...value, tz: e.target.value })} />
      <label htmlFor={`${id}-from`}>{t('time.from')}</label>
      <input id={`${id}-from`} type="datetime-local" value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} />
      <label htmlFor={`${id}-to`}>{t('time.to')}</label>
      <input id={`${id}-to`} type="datetime-local" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
    </fieldset>
  );
}
