import { useEffect, useState } from 'react';
import { currentScanOnImport, onScanOnImportChange, writeScanOnImport } from './scan-on-import';

/**
 * The "scan with Sigma on import" option of the import forms. It sets this browser's preference;
 * the case client adds the scan to imports (scan-on-import.ts). Which rules run is chosen in the
 * Sigma view (by default the LogonLens rules).
 */
export function ScanOnImportField({ disabled }: { disabled?: boolean }) {
  const [pref, setPref] = useState(currentScanOnImport);
  useEffect(() => onScanOnImportChange(() => setPref(currentScanOnImport())), []);
  const sets = pref.ruleSetIds.length === 1 && pref.ruleSetIds[0] === 'logonlens' ? 'the LogonLens rules' : `${pref.ruleSetIds.length} rule sets chosen in the Sigma view`;
  return (
    <label className="scan-on-import">
      <input
        type="checkbox"
        data-testid="scan-on-import"
        disabled={disabled}
        checked={pref.enabled}
        onChange={(e) => writeScanOnImport({ ...pref, enabled: e.target.checked })}
      />{' '}
      Scan with Sigma on import ({sets}, level {pref.minLevel} and above)
    </label>
  );
}
