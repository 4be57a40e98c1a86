export { readEventXml, type ReadEventXmlOptions, type ReadEventXmlResult, DEFAULT_SLICE_SIZE, DEFAULT_MAX_EVENT_CHARS } from './read';
export { rowFromJson } from './row';
export { NotEventXmlError } from './errors';
export { looksLikeEventXml, notEventXmlReason, detectEncoding, type XmlEncoding } from './encoding';
export { parseEvent } from './parse-event';
export { normalizeSystemTime } from './system';
