import { ATTACK_KINDS, type ScenarioOptions } from './types';

/** The app's "open demo case": a few hundred people over five days (Thursday to Monday), every attack. */
export function demoScenarioOptions(): ScenarioOptions {
  return {
    seed: 'logonlens-demo',
    users: 300,
    workstations: 280,
    servers: 14,
    domainControllers: 2,
    days: 5,
    start: '2024-03-07',
    attacks: [...ATTACK_KINDS],
    hostile: false,
  };
}
