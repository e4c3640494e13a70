// electron-builder.yml, checked without building an installer (no Electron download here): read
// and validated by electron-builder's own code and schema, then every hardening setting, target and
// icon file the installers need.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron/fake-electron'));

const ROOT = resolve(__dirname, '../../..');
// electron-builder's internals, from the copy `npm run dist` runs (app-builder-lib ships no types here).
const builderRequire = createRequire(join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
type Config = Record<string, unknown> & {
  files?: unknown;
  electronFuses?: Record<string, boolean>;
  extraResources?: { from: string; to: string; filter?: string[] }[];
};
const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const Ajv = (builderRequire('ajv') as { default: new (o: object) => AjvInstance }).default;
interface AjvInstance {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
}
const SCHEMA = JSON.parse(readFileSync(builderRequire.resolve('./scheme.json'), 'utf8')) as object;

let config: Config;
beforeAll(async () => {
  // The same loader electron-builder uses: finds electron-builder.yml in the project folder.
  config = await getConfig(ROOT, null, null);
});

/** electron-builder normalises `files` into file sets; the patterns, in order. */
const filePatterns = () => (config.files as { filter: string[] }[]).flatMap((set) => set.filter);

const strictValidator = () => new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

describe('electron-builder configuration', () => {
  it('is what electron-builder itself accepts', async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('matches the schema without the type coercion electron-builder allows', () => {
    const validate = strictValidator();
    expect(validate(structuredClone(config)), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('the schema check can fail: an unknown key, a fuse with a string value', () => {
    const validate = strictValidator();
    expect(validate({ ...structuredClone(config), enableEverything: true })).toBe(false);
    expect(validate({ ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsNode: 'false' } })).toBe(false);
  });

  it('names the app', () => {
    expect(config.productName).toBe('Qalam');
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/);
  });

  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into an asar and only what the built app needs', () => {
    expect(config.asar).toBe(true);
    const files = filePatterns();
    expect(files).toContain('out/**');
    expect(files).toContain('package.json');
    // Nothing broad: sources, tests, fixtures and the store never reach the installer.
    for (const pattern of files.filter((f) => !f.startsWith('!'))) {
      expect(pattern, pattern).toMatch(/^(out\/\*\*|package\.json|resources\/icons\/512x512\.png)$/);
    }
    expect(files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
  });

  it('ships the Linux window icon inside the app', async () => {
    const { WINDOW_ICON_PATH } = await import('../../../src-main/electron/window');
    expect(filePatterns()).toContain(relative(ROOT, WINDOW_ICON_PATH).split('\\').join('/'));
  });

  it('builds AppImage and deb, NSIS, dmg', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], icon: 'resources/icons' });
    expect(config.win).toMatchObject({ target: ['nsis'], icon: 'resources/icon.ico' });
    expect(config.mac).toMatchObject({ target: ['dmg'], icon: 'resources/icon.icns' });
  });

  it('builds better-sqlite3 for Electron apart from the Node build and ships it beside the asar', async () => {
    // electron-builder's own rebuild would recompile node_modules/better-sqlite3 in place.
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./scripts/electron-builder-native.mjs');
    const hook = (await import('../../../scripts/electron-builder-native.mjs')) as { default: unknown };
    expect(typeof hook.default).toBe('function');
    expect(config.extraResources).toEqual([
      { from: '.electron-native/package/${os}-${arch}', to: 'native', filter: ['better_sqlite3.node'] },
    ]);
  });
});

// ——— icon files, read by their headers ———

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const resource = (name: string) => readFileSync(join(ROOT, 'resources', name));

describe('icons', () => {
  it('icon.png is 1024 px square (macOS, the master raster), from icon.svg', () => {
    expect(pngSize(resource('icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(existsSync(join(ROOT, 'resources', 'icon.svg'))).toBe(true);
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512])('icons/ at %i px for Linux has that size', (size) => {
    expect(pngSize(resource(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
  });

  it('icon.ico holds 16 to 256 px, each entry the size its directory says', () => {
    const ico = resource('icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico.readUInt8(e) || 256;
      expect(ico.readUInt8(e + 1) || 256).toBe(size);
      expect(ico.readUInt16LE(e + 6)).toBe(32);
      const length = ico.readUInt32LE(e + 8);
      const image = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + length);
      expect(image.length).toBe(length);
      if (image.readUInt32BE(0) === 0x89504e47) {
        expect(pngSize(image)).toEqual({ width: size, height: size });
      } else {
        // BITMAPINFOHEADER: 32 bits per pixel, height doubled for the AND mask.
        expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([
          40,
          size,
          size * 2,
          32,
        ]);
        expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      }
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns holds every macOS size, 16 to 1024 px with the @2x variants', () => {
    const icns = resource('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let offset = 8; offset < icns.length;) {
      const type = icns.toString('latin1', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      const { width, height } = pngSize(icns.subarray(offset + 8, offset + length));
      expect(height).toBe(width);
      found[type] = width;
      offset += length;
    }
    expect(found).toEqual({
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });
});
