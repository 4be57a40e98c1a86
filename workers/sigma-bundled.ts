import type { RuleFile } from '../src/core/sigma';

/**
 * LogonLens's own Sigma rules (sigma/ in the repository), bundled into the app at build time by
 * Vite. Only the worker and page import this (import.meta.glob is Vite's; Node tests read sigma/
 * from disk).
 */
const modules = import.meta.glob('/sigma/**/*.{yml,yaml}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const BUNDLED_RULE_SET_ID = 'logonlens';
export const BUNDLED_RULE_SET_NAME = 'LogonLens rules';
export const BUNDLED_RULES: RuleFile[] = Object.keys(modules)
  .sort()
  .map((path) => ({ path: path.replace(/^\//, ''), text: modules[path]! }));
