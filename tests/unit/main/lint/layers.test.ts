// The main process's layer rules, through the project's own ESLint configuration: in each layer a
// forbidden import is reported and an allowed one is not (docs/ARCHITECTURE.md, "Layers").
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, from: string): Promise<string[]> {
  const code = `import { x } from '${from}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** [a file in the layer, imports it must not make, imports it may make]. */
const LAYERS: [string, string[], string[]][] = [
  [
    'src-main/shared/fixture.ts',
    ['electron', 'node:fs', 'better-sqlite3', '../text/arabic', '../store/connection'],
    ['./domain', 'zod'],
  ],
  [
    'src-main/text/fixture.ts',
    ['electron', 'better-sqlite3', '../store/connection', '../services/pairs', '../transport/http', '../runtime'],
    ['./arabic', '../shared/domain'],
  ],
  [
    'src-main/formats/fixture.ts',
    ['electron', 'better-sqlite3', '../store/repos/pairs', '../services/io', '../electron/host'],
    ['./xml', '../text/paragraphs', '../shared/errors', 'jszip'],
  ],
  [
    'src-main/tm/fixture.ts',
    ['electron', '../store/connection', '../services/tm', '../jobs/pretranslate'],
    ['./score', '../text/arabic'],
  ],
  ['src-main/qa/fixture.ts', ['electron', 'better-sqlite3', '../services/pairs'], ['./numbers', '../text/arabic']],
  [
    'src-main/mt/fixture.ts',
    ['electron', 'better-sqlite3', '../store/repos/mt', '../services/mt'],
    ['./http', '../shared/errors'],
  ],
  [
    'src-main/store/repos/fixture.ts',
    ['electron', '../../services/pairs', '../../formats/model', '../../transport/dispatch', '../../runtime'],
    ['../connection', './statements', '../../shared/domain', '../../text/arabic', 'better-sqlite3'],
  ],
  [
    'src-main/services/fixture.ts',
    ['electron', '../transport/http', '../electron/host', '../runtime'],
    ['../store/repos/pairs', '../formats/model', '../text/words', './pair-writes', 'node:fs'],
  ],
  ['src-main/jobs/fixture.ts', ['electron', '../transport/dispatch'], ['../services/pairs', '../store/connection']],
  ['src-main/transport/fixture.ts', ['electron', '../electron/window'], ['../services/handlers', './dispatch', 'node:http']],
  ['src-main/cli.ts', ['electron'], ['./runtime', './services/io']],
];

describe('main-process layers', () => {
  for (const [file, forbidden, allowed] of LAYERS) {
    it(`${file.replace(/\/fixture\.ts$/, '/')}: reports ${forbidden.join(', ')}`, async () => {
      for (const from of forbidden) expect(await restricted(file, from), from).toHaveLength(1);
      for (const from of allowed) expect(await restricted(file, from), from).toEqual([]);
    });
  }

  it('lets only the shell and transport/ipc.ts import electron', async () => {
    expect(await restricted('src-main/electron/fixture.ts', 'electron')).toEqual([]);
    expect(await restricted('src-main/electron/fixture.ts', '../runtime')).toEqual([]);
    expect(await restricted('src-main/transport/ipc.ts', 'electron')).toEqual([]);
    expect(await restricted('src-main/transport/http.ts', 'electron')).toHaveLength(1);
  });
});
