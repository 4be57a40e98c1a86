import { useState } from 'react';

interface Props {
  /** Builds the demo log (in a worker) and opens it. */
  onDemo(): Promise<void>;
}

/** "Open demo case": a generated domain with every attack, for a first look without real logs. */
export function DemoButton({ onDemo }: Props) {
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
      <button type="button" onClick={click} disabled={busy} data-testid="demo-button">
        {busy ? 'Generating demo…' : 'Open demo case'}
      </button>
      {error && <span role="alert"> Demo failed: {error}</span>}
    </span>
  );
}
