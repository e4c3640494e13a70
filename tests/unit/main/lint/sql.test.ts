// No SQL outside src-main/store/: the lint rule that keeps it there, through ESLint's own API.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function reported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const HEADER = `declare const ctx: { db: { prepare(s: string): unknown; pragma(s: string): unknown; exec(s: string): unknown } };\n`;

describe('SQL lives in store/', () => {
  it.each([
    ['a statement string', `export const q = 'SELECT pairs FROM export_snapshots WHERE document_id = ?';`],
    ['a template', 'const t = "x";\nexport const q = `INSERT INTO ${t} (a) VALUES (?)`;'],
    ['an update', `export const q = 'UPDATE pairs SET target = ? WHERE id = ?';`],
    ['a delete across lines', 'export const q = `DELETE\n  FROM pairs WHERE id = ?`;'],
    ['a schema change', `export const q = 'CREATE INDEX x ON pairs (id)';`],
    ['a prepared statement', `export const s = ctx.db.prepare(x);\ndeclare const x: string;`],
    ['a pragma', `export const v = ctx.db.pragma(x);\ndeclare const x: string;`],
    [
      'the statement cache',
      `declare function stmt(db: unknown, s: string): unknown;\nexport const s = stmt(ctx.db, x);\ndeclare const x: string;`,
    ],
  ])('reports %s in a service', async (_what, code) => {
    expect(await reported('src-main/services/fixture.ts', HEADER + code)).toHaveLength(1);
  });

  it('reports it in every main-process layer but store/', async () => {
    const code = `export const q = 'SELECT id FROM pairs';`;
    for (const file of ['src-main/formats/f.ts', 'src-main/transport/f.ts', 'src-main/cli.ts', 'src-main/tm/f.ts']) {
      expect(await reported(file, code), file).toHaveLength(1);
    }
    expect(await reported('src-main/store/repos/fixture.ts', HEADER + code + '\nexport const s = ctx.db.prepare(q);')).toEqual(
      [],
    );
  });

  it('leaves English text and regular expressions alone', async () => {
    const code = `export const a = 'Select the file from the list, then update the settings';
export const b = /^<([A-Za-z_]+)/.exec('<x>');
export const c = \`Delete from the library?\`;`;
    expect(await reported('src-main/services/fixture.ts', code)).toEqual([]);
  });
});
