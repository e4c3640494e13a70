#!/usr/bin/env node
// `npx qalam …`: runs the CLI built ahead by `npm run build` / `npm install` (out/cli/,
// scripts/build-cli.mjs). Without a build, or with QALAM_CLI_SOURCE=1 while developing, it runs
// the TypeScript sources through tsx instead (about half a second more per call).
// CommonJS, as is `translate`'s own bundle (out/cli/translate.cjs): a call that answers there never
// starts Node's ES module loader (its resolver, fs/promises, readline and streams: ~10-20 ms of a
// 0.3 s pipeline step); the whole CLI, split into ES module chunks, is required.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const cli = join(__dirname, '..', 'out', 'cli');
const built = join(cli, 'qalam.mjs');
/** `qalam translate` in its common case, one module of its own (src-main/cli-translate.ts). */
const translate = join(cli, 'translate.cjs');

/**
 * The whole CLI, which runs itself once loaded by this file: required (Node ≥ 20.19 loads an ES
 * module graph without top-level await in step, with no ES loader of its own to start), else
 * imported.
 */
function wholeCli() {
  try {
    require(built);
    return undefined;
  } catch (e) {
    if (e && (e.code === 'ERR_REQUIRE_ASYNC_MODULE' || e.code === 'ERR_REQUIRE_ESM')) return import(pathToFileURL(built).href);
    throw e;
  }
}

async function main() {
  if (process.env.QALAM_CLI_SOURCE !== '1' && existsSync(built)) {
    // Null when the command is not that case: the whole CLI then runs it from the start.
    const code =
      process.argv[2] === 'translate' && existsSync(translate)
        ? await require(translate).runPlainTranslate(process.argv.slice(2))
        : null;
    if (code === null) await wholeCli();
    else process.exitCode = code;
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(join(__dirname, '..', 'src-main', 'cli.ts')).href);
  }
}

void main();
