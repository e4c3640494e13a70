#!/usr/bin/env node
// Renders resources/icon.svg into the icon files the installers need, with Chromium (through
// Playwright) so that the Arabic letter is shaped by a real text engine:
//   resources/icon.png          1024×1024  (macOS dmg, and the master raster)
//   resources/icons/N×N.png     16…512     (Linux: AppImage and deb install these as hicolor icons;
//                                           512×512 is also the window icon on Linux)
//   resources/icon.ico          16, 24, 32, 48, 64, 128, 256 (Windows, NSIS)
//   resources/icon.icns         16…1024 with the @2x variants (macOS)
// Each size is rendered from the vector, not scaled down from 1024, so small sizes stay crisp.
// Run it after changing icon.svg: `node scripts/icon.mjs`; the outputs are committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePng, packIcns, packIco } from './icon-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { chromium } = require('@playwright/test');

const RENDER_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = readFileSync(join(root, 'resources', 'icon.svg'), 'utf8');
const font = readFileSync(
  require.resolve('@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2'),
).toString('base64');
const page = `<!doctype html><html><head><style>
@font-face { font-family: 'Noto Naskh Arabic'; font-weight: 700; src: url(data:font/woff2;base64,${font}) format('woff2'); }
html, body { margin: 0; background: transparent; }
svg { display: block; width: 100vw; height: 100vh; }
</style></head><body>${svg}</body></html>`;

const browser = await chromium.launch({ executablePath: process.env.QALAM_CHROMIUM ?? '/usr/bin/chromium' });
/** @type {Map<number, Buffer>} */
const png = new Map();
try {
  for (const size of RENDER_SIZES) {
    const tab = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await tab.setContent(page);
    await tab.evaluate(() => document.fonts.ready);
    png.set(size, await tab.screenshot({ omitBackground: true, type: 'png' }));
    await tab.close();
  }
} finally {
  await browser.close();
}
const at = (size) => /** @type {Buffer} */ (png.get(size));

const out = join(root, 'resources');
mkdirSync(join(out, 'icons'), { recursive: true });
writeFileSync(join(out, 'icon.png'), at(1024));
for (const size of LINUX_SIZES) writeFileSync(join(out, 'icons', `${size}x${size}.png`), at(size));
writeFileSync(join(out, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: at(size), rgba: decodePng(at(size)).rgba }))));
writeFileSync(
  join(out, 'icon.icns'),
  packIcns([
    ['icp4', at(16)],
    ['icp5', at(32)],
    ['icp6', at(64)],
    ['ic07', at(128)],
    ['ic08', at(256)],
    ['ic09', at(512)],
    ['ic10', at(1024)], // 512@2x
    ['ic11', at(32)], // 16@2x
    ['ic12', at(64)], // 32@2x
    ['ic13', at(256)], // 128@2x
    ['ic14', at(512)], // 256@2x
  ]),
);
console.log(`icons written to ${out}`);
