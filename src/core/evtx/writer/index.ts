// The EVTX writer (DOM-free: runs in Node, in workers and in pages). The Node file helper,
// writeEvtxFile, lives in ./file (it imports node:fs) and is not re-exported here.
export { type SecurityEvent, type EvtxWriterOptions, EvtxWriter } from './writer';
export { eventViewerXml } from './xml';
export { type EventSchema, type FieldSchema, SECURITY_SCHEMAS, securitySchema } from './security-schemas';
export { writeToMemory } from './memory';
