export { AbortError, defaultPoolSize, MAX_WORKERS, type WorkerFactory, type WorkerHandle, WorkerLostError, WorkerPool } from './pool';
export { type FileKind, fileKind, type OpenedFile, type ParseOptions, type ParseProgress, type ParseSink, type ParseSummary, parseFiles } from './parse';
export { fetchRecordDetail, type RecordDetail } from './detail';
export { prettyJson } from './pretty-json';
export { makeDemoFile } from './demo';
