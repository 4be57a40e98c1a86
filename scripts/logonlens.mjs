#!/usr/bin/env node
// The `logonlens` command: runs the TypeScript CLI in src/cli through tsx, so the checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
