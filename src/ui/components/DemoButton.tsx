import { useState } from 'react';
import { useT } from '../i18n/i18n';

interface Props {
  /** Builds the demo log (in a worker) and opens it: in the record table, or as a new case. */
  onDemo(): Promise<void>;
  /** "Open demo log" on the record table page, "Open demo case" in the Cases panel. */
  label: 'demo.log' | 'demo.case';
  disabled?: boolean;
  testId?: string;
}

/** The demo: a generated domain with every attack, for a first look without real logs. */
export function DemoButton({ onDemo, label, disabled = false, testId = 'demo-button' }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const click = () => {
    setBusy(true);
    setError('');
    onDemo()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <span className="demo">
      <button type="button" onClick={click} disabled={busy || disabled} data-testid={testId}>
        {busy ? t('demo.generating') : t(label)}
      </button>
      {error && <span role="alert"> {t('demo.failed', { message: error })}</span>}
    </span>
  );
}
