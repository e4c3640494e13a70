#!/usr/bin/env node
// `npx qalam …`: runs the CLI built ahead by `npm run build` / `npm install` (out/cli/qalam.mjs,
// scripts/build-cli.mjs). Without a build, or with QALAM_CLI_SOURCE=1 while developing, it runs
// the TypeScript sources through tsx instead (about half a second more per call).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/qalam.mjs', import.meta.url);
if (process.env.QALAM_CLI_SOURCE !== '1' && existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src-main/cli.ts');
}
