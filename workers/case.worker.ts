/// <reference lib="webworker" />
/**
 * The case worker: a thin Comlink entry point over src/core/case and src/core/store (see
 * case-api.ts). One per page: it owns the open case in memory and runs imports off the page's thread.
 */
import * as Comlink from 'comlink';
import { CaseStore } from '../src/core/store/case-store';
import { createBrowserPool } from '../src/engine/browser';
import { createCaseApi } from './case-api';
import { RuleStore } from '../src/core/store/rules-db';
import { BUNDLED_RULE_SET_ID, BUNDLED_RULE_SET_NAME, BUNDLED_RULES } from './sigma-bundled';

self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  console.error('case worker: unhandled rejection', e.reason);
});

// EVTX is parsed chunk-parallel by a pool of parsing workers started from this one (nested workers).
Comlink.expose(createCaseApi(new CaseStore(), (value, buffers) => Comlink.transfer(value, buffers), () => createBrowserPool(), {
  rules: new RuleStore(),
  bundled: () => BUNDLED_RULES,
  bundledId: BUNDLED_RULE_SET_ID,
  bundledName: BUNDLED_RULE_SET_NAME,
}));
