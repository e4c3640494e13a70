// buildProgram defines only the command a call names (start-up: commander builds every option and
// argument object up front); with none named, or an unknown one, it defines them all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS } from '../../../../src-main/cli';

describe('buildProgram', () => {
  it('defines every command when none is named, and COMMANDS names them all', () => {
    expect(buildProgram().commands.map((c) => c.name())).toEqual([...COMMANDS]);
  });

  it('defines only the named command, with the options and subcommands of the full program', () => {
    const full = buildProgram();
    for (const name of COMMANDS) {
      const only = buildProgram(name);
      expect(only.commands.map((c) => c.name())).toEqual([name]);
      const a = only.commands[0]!;
      const b = full.commands.find((c) => c.name() === name)!;
      expect(a.helpInformation()).toBe(b.helpInformation());
      expect(a.commands.map((c) => c.helpInformation())).toEqual(b.commands.map((c) => c.helpInformation()));
    }
  });

  it("answers --version with package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(buildProgram().version()).toBe(pkg.version);
    expect(buildProgram().helpInformation()).toContain('-V, --version');
  });
});
