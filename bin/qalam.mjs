#!/usr/bin/env node
// `npx qalam …`: runs the CLI built ahead by `npm run build` / `npm install` (out/cli/qalam.mjs,
// scripts/build-cli.mjs). Without a build, or with QALAM_CLI_SOURCE=1 while developing, it runs
// the TypeScript sources through tsx instead (about half a second more per call).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/qalam.mjs', import.meta.url);
/** `qalam translate` in its common case, one module of its own (src-main/cli-translate.ts). */
const translate = new URL('../out/cli/translate.mjs', import.meta.url);
if (process.env.QALAM_CLI_SOURCE !== '1' && existsSync(built)) {
  // Null when the command is not that case: the whole CLI then runs it from the start.
  const code =
    process.argv[2] === 'translate' && existsSync(translate)
      ? await (await import(translate.href)).runPlainTranslate(process.argv.slice(2))
      : null;
  if (code === null) await import(built.href);
  else process.exitCode = code;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src-main/cli.ts');
}
