export { F, HANDLED_EVENT_IDS, LOGON_FIELDS, type LogonFieldName } from './fields';
export { normalizeRecord, normalizeValues } from './normalize';
export { checkTzHours, formatShifted, hourBucket } from './rules';
export type * from './types';
