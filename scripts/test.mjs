#!/usr/bin/env node
// `npm test`: every check and every test, in order, then one summary line.
// Steps: typecheck, lint, format, unit tests (vitest), renderer build, end-to-end tests (Playwright).
// `npm run check` (`--static`) runs only the checks before the unit tests: the quick gate before a commit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const steps = [
  { name: 'typecheck (main)', cmd: ['tsc', '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'typecheck (tests)', cmd: ['tsc', '-p', 'tsconfig.tests.json', '--noEmit'] },
  {
    name: 'typecheck (renderer)',
    cmd: ['svelte-check', '--tsconfig', 'tsconfig.web.json', '--threshold', 'error', '--output', 'human'],
  },
  { name: 'lint', cmd: ['eslint', '--max-warnings', '0', '.'] },
  { name: 'format', cmd: ['prettier', '--check', '--log-level', 'warn', '.'] },
  {
    name: 'unit tests',
    cmd: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`],
    report: () => vitestCounts(`${results}/vitest.json`),
  },
  { name: 'build', cmd: ['electron-vite', 'build', '--logLevel', 'warn'] },
  {
    name: 'e2e tests',
    cmd: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json` },
    report: () => playwrightCounts(`${results}/playwright.json`),
  },
];

const staticOnly = process.argv.includes('--static');
const toRun = staticOnly
  ? steps.slice(
      0,
      steps.findIndex((s) => s.name === 'unit tests'),
    )
  : steps;

let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps = [];
for (const step of toRun) {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const r = spawnSync(npx, step.cmd, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const ok = r.status === 0;
  process.stdout.write(`=== ${step.name}: ${ok ? 'ok' : 'FAILED'} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  const counts = step.report?.();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  }
  if (!ok) {
    failedSteps.push(step.name);
    if (!counts || counts.failed === 0) failed += 1; // a failed check counts as a failure
    if (step.name === 'build') break; // e2e tests need the build
  }
}
if (failedSteps.length) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedSteps.length === 0 ? 0 : 1);

function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: j.numPassedTests ?? 0,
    failed: j.numFailedTests ?? 0,
    skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
  };
}

function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}
