import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { currentScanOnImport, onScanOnImportChange, writeScanOnImport } from './scan-on-import';

/**
 * The "scan with Sigma on import" option of the import forms. It sets this browser's preference;
 * the case client adds the scan to imports (scan-on-import.ts). Which rules run is chosen in the
 * Sigma view (by default the LogonLens rules).
 */
export function ScanOnImportField({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const [pref, setPref] = useState(currentScanOnImport);
  useEffect(() => onScanOnImportChange(() => setPref(currentScanOnImport())), []);
  const sets = pref.ruleSetIds.length === 1 && pref.ruleSetIds[0] === 'logonlens' ? t('sigma.onImportBundled') : t('sigma.onImportSets', { count: pref.ruleSetIds.length });
  return (
    <label className="scan-on-import">
      <input
        type="checkbox"
        data-testid="scan-on-import"
        disabled={disabled}
        checked={pref.enabled}
        onChange={(e) => writeScanOnImport({ ...pref, enabled: e.target.checked })}
      />{' '}
      {t('sigma.onImport', { sets, level: pref.minLevel })}
    </label>
  );
}
