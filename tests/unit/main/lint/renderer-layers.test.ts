// The renderer's layer rule, through the project's own ESLint configuration: only state/** may
// import lib/api (so every write goes through a state method that saves the draft first).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const IMPORT_API = (from: string) => `import { api } from '${from}';\nexport const x = api;\n`;

describe('renderer layers', () => {
  it('reports lib/api imported from a component, a view, App and lib', async () => {
    for (const [file, from] of [
      ['src-renderer/components/review/Fixture.svelte.ts', '../../lib/api'],
      ['src-renderer/views/Fixture.ts', '../lib/api'],
      ['src-renderer/Fixture.ts', './lib/api'],
      ['src-renderer/lib/fixture.ts', './api'],
    ] as const) {
      const messages = await restricted(file, IMPORT_API(from));
      expect(messages, file).toHaveLength(1);
      expect(messages[0]).toContain('state class');
    }
  });

  it('reports it in a Svelte component', async () => {
    const code = `<script lang="ts">\n  import { api } from '../lib/api';\n  void api;\n</script>\n`;
    expect(await restricted('src-renderer/components/Fixture.svelte', code)).toHaveLength(1);
  });

  it('lets state classes import it, and components import state', async () => {
    expect(await restricted('src-renderer/state/fixture.svelte.ts', IMPORT_API('../lib/api'))).toEqual([]);
    const usesState = `import { library } from '../state/library.svelte';\nexport const x = library;\n`;
    expect(await restricted('src-renderer/components/Fixture.ts', usesState)).toEqual([]);
  });

  it('keeps the older renderer rules beside it (no node, no main-process code)', async () => {
    const messages = await restricted(
      'src-renderer/components/Fixture.ts',
      `import { readFileSync } from 'node:fs';\nimport { x } from '../../src-main/services/pairs';\nexport const y = [readFileSync, x];\n`,
    );
    expect(messages).toHaveLength(2);
  });
});
