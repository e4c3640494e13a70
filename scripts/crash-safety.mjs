#!/usr/bin/env node
// `npm run test:crash [-- KILLS [SEED]]`: the crash-safety test of the write path with many more
// SIGKILLs than `npm test` spends on it (300 by default; 30 in the unit suite).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(createRequire(join(root, 'package.json')).resolve('vitest/package.json')), 'vitest.mjs');
const [kills = '300', seed] = process.argv.slice(2);
const r = spawnSync(process.execPath, [vitest, 'run', '--project', 'main', 'tests/unit/main/store/crash-safety.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, QALAM_CRASH_KILLS: kills, ...(seed ? { QALAM_CRASH_SEED: seed } : {}) },
});
process.exit(r.status ?? 1);
