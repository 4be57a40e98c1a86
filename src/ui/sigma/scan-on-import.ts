import type { ImportOptions } from '../../../workers/case-import';

/**
 * "Scan with Sigma on import", a preference of this browser (localStorage) set in the import forms
 * (ScanOnImportField) and applied by the case client to every file import that does not say
 * otherwise: the forms need no other change.
 */
export interface ScanOnImportPreference {
  enabled: boolean;
  ruleSetIds: string[];
  minLevel: string;
  statuses: string[] | null;
}

const KEY = 'logonlens.sigma.scanOnImport';
export const DEFAULT_SCAN_ON_IMPORT: ScanOnImportPreference = { enabled: false, ruleSetIds: ['logonlens'], minLevel: 'informational', statuses: null };

const listeners = new Set<() => void>();

export function readScanOnImport(): ScanOnImportPreference {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return DEFAULT_SCAN_ON_IMPORT;
    const v = JSON.parse(raw) as Partial<ScanOnImportPreference>;
    return {
      enabled: v.enabled === true,
      ruleSetIds: Array.isArray(v.ruleSetIds) ? v.ruleSetIds.filter((x): x is string => typeof x === 'string') : DEFAULT_SCAN_ON_IMPORT.ruleSetIds,
      minLevel: typeof v.minLevel === 'string' ? v.minLevel : 'informational',
      statuses: Array.isArray(v.statuses) ? v.statuses.filter((x): x is string => typeof x === 'string') : null,
    };
  } catch {
    return DEFAULT_SCAN_ON_IMPORT;
  }
}

export function writeScanOnImport(p: ScanOnImportPreference): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(p));
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
  memo = p;
  for (const l of listeners) l();
}

let memo: ScanOnImportPreference | null = null;

export function currentScanOnImport(): ScanOnImportPreference {
  return (memo ??= readScanOnImport());
}

export function onScanOnImportChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The options with the preference's Sigma scan added, unless they already say (sigma set). */
export function withScanOnImport(options: ImportOptions): ImportOptions {
  if (options.sigma !== undefined) return options;
  const p = currentScanOnImport();
  if (!p.enabled || p.ruleSetIds.length === 0) return options;
  return { ...options, sigma: { ruleSetIds: p.ruleSetIds, minLevel: p.minLevel, statuses: p.statuses } };
}
