export { type CompiledRule, type CompileOptions, type Expr, type Predicate, type RuleMeta, compileRule, compileDetection } from './compile';
export { type ConditionNode, parseCondition } from './condition';
export { type CorrelationHit, type CorrelationRule, type CorrelationType, compileCorrelation, correlate } from './correlation';
export { type EngineOptions, type SigmaHit, SigmaEngine, requiredEventIds } from './engine';
export { type FieldValue, type SigmaEvent, EvtxEventReader, FlatEvent, jsonEvent, objectEvent, SYSTEM_FIELDS, flatName } from './event';
export { type LogSource, type SourceTarget, CATEGORIES, SERVICES, resolveLogSource } from './logsource';
export { type Placeholders, SigmaCompileError } from './modifiers';
export { type RejectedRule, type RuleFile, type RuleSet, createEngine, correlateHits, isReported, loadRuleSet } from './ruleset';
export { loadRuleDocuments } from './yaml-load';
export { compileParts, parseSigmaString } from './wildcard';
export {
  type RuleChoice, type ScanCorrelationHit, type ScanHit, type ScanOptions, type ScanSummary,
  HIT_LIMIT, SIGMA_LEVELS, SIGMA_STATUSES, chooseRules, levelRank, loadChosenRules, scanSource, scanSources,
} from './scan';
