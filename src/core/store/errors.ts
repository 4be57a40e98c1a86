/** Failures of the case store, each with a message a user can act on. */

/** The browser refused to store more (quota or disk full). Nothing stored before is lost. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(what: string) {
    super(
      `Not enough storage space to save ${what}: the browser refused to store more (its quota for this site, or the disk, is full). ` +
        'The case is kept as it was before. Free disk space, or delete or export cases you no longer need, and try again.',
    );
  }
}

/** The case is not (or no longer) stored, e.g. deleted in another tab. */
export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
  constructor(id: string) {
    super(`No such case (id ${id}): it may have been deleted, perhaps in another tab.`);
  }
}

/** The case changed since it was read (another tab saved it meanwhile); this save was not applied. */
export class CaseConflictError extends Error {
  override name = 'CaseConflictError';
  constructor(name: string) {
    super(`The case "${name}" was changed elsewhere (another tab?) while this import ran; this import was not saved. Open the case again and repeat the import.`);
  }
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_FILE_NO_DEVICE_SPACE', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Whether an error is the browser running out of storage, however it arrives: a DOMException
 * named QuotaExceededError (legacy code 22), Dexie's QuotaExceededError, or Dexie's AbortError
 * wrapping one (`inner`), as a transaction aborted by a failed put rejects with.
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 5) return false;
  const x = e as { name?: unknown; code?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
  if (typeof x.name === 'string' && QUOTA_NAMES.has(x.name)) return true;
  if (x.name === 'QuotaExceededError' || (typeof DOMException !== 'undefined' && e instanceof DOMException && x.code === 22)) return true;
  if (typeof x.message === 'string' && /quota|no (?:space|device space) left|disk (?:is )?full/i.test(x.message) && /Abort|Quota|Unknown|DataError/i.test(String(x.name))) return true;
  return isQuotaError(x.inner, depth + 1) || isQuotaError(x.cause, depth + 1);
}

/** Maps a storage failure to StorageFullError; anything else is returned unchanged. */
export function storageError(e: unknown, what: string): unknown {
  return isQuotaError(e) ? new StorageFullError(what) : e;
}
