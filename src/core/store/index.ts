export { CaseStore, type CommitExtra } from './case-store';
export { CaseDatabase } from './db';
export { CaseConflictError, CaseNotFoundError, isQuotaError, StorageFullError, storageError } from './errors';
export { type CaseCounts, type CaseMeta, cleanCaseName, contentMeta } from './meta';
