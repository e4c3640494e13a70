// The built CLI bundles better-sqlite3's JavaScript, so it names the addon itself: build/Release,
// else wherever better-sqlite3's own search (`bindings`, from the package's folder) would find it.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteBinding } from '../../../../src-main/cli';

// Inside the repository, so `bindings` resolves from the stand-in package as from the real one.
const ROOT = resolve(__dirname, '../../../..');
const dir = join(ROOT, 'out', `sqlite-binding-test-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqliteBinding', () => {
  it("names better-sqlite3's own build", () => {
    const file = sqliteBinding();
    expect(file).toMatch(/[\\/]better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/);
    expect(existsSync(file!)).toBe(true);
  });

  it('finds a build elsewhere in the package as better-sqlite3 would, and names none when there is none', () => {
    const pkg = join(dir, 'node_modules', 'better-sqlite3');
    mkdirSync(join(pkg, 'build', 'Debug'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3"}');
    expect(sqliteBinding(pkg)).toBeUndefined();
    writeFileSync(join(pkg, 'build', 'Debug', 'better_sqlite3.node'), '');
    expect(sqliteBinding(pkg)).toBe(join(pkg, 'build', 'Debug', 'better_sqlite3.node'));
  });
});
