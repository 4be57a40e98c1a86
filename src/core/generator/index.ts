export { ATTACK_KINDS, GENERATED_EVENT_IDS, type AttackKind, type GroundTruth, type ScenarioOptions, type SecurityEvent } from './types';
export { createScenario, groundTruth, type DayBatch, type PlannedAttack, type Scenario } from './scenario';
export { demoScenarioOptions } from './demo';
export { HOSTILE_PAYLOADS, HOSTILE_DOMAIN, HOSTILE_ROGUE, containsHostile, type HostileCategory } from './hostile';
export { hashSeed, Rng } from './rng';
export type { Account, Domain, Host } from './domain';
