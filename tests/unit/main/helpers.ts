import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import type { Role } from '../../../src-main/shared/domain';
import { openRuntime, type Runtime } from '../../../src-main/runtime';
import { importDocument } from '../../../src-main/services/documents';
import { updateSettings } from '../../../src-main/services/settings';

export const FIXTURES = resolve(__dirname, '../../fixtures');
export const SAMPLE_PATH = join(FIXTURES, 'news-article-ar.txt');
export const sampleBytes = (): Uint8Array => new Uint8Array(readFileSync(SAMPLE_PATH));
export const sampleText = (): string => readFileSync(SAMPLE_PATH, 'utf8');

export interface TestRuntime extends Runtime {
  dir: string;
  dispose(): void;
}

/** A fresh store in its own temporary folder, with a clock that ticks one second per call. */
export function testRuntime(opts: { clock?: boolean } = {}): TestRuntime {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-test-'));
  const rt = openRuntime({ dataDir: dir, transport: 'http' });
  if (opts.clock !== false) {
    let t = Date.parse('2026-01-01T00:00:00.000Z');
    rt.ctx.now = () => new Date((t += 1000)).toISOString();
  }
  return {
    ...rt,
    dir,
    dispose() {
      rt.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function as(rt: Runtime, role: Role, userName = role === 'editor' ? 'Eda Editor' : 'Tariq Translator'): void {
  updateSettings(rt.ctx, { role, userName });
}

export async function importSample(rt: Runtime) {
  return importDocument(rt.ctx, { fileName: 'news-article-ar.txt', bytes: sampleBytes() });
}

export function tableCounts(rt: Runtime): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['documents', 'pairs', 'revisions', 'comments', 'document_skeletons']) {
    out[t] = rt.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  }
  return out;
}

/** Encodes text in a single-byte code page using the platform decoder's own table, reversed. */
export function encodeSingleByte(text: string, encoding: 'windows-1256' | 'iso-8859-6'): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(new Uint8Array([b]));
    if (ch !== '\uFFFD' && !table.has(ch)) table.set(ch, b);
  }
  return new Uint8Array(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`${encoding} cannot encode U+${ch.codePointAt(0)!.toString(16)}`);
      return b;
    }),
  );
}

export function encodeUtf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, endian === 'le');
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
  return out;
}

/** Edits a bilingual review DOCX as a reviewer in Word would: replaces text in its document part. */
export async function editDocx(bytes: Uint8Array, edits: Record<string, string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let xml = await zip.file('word/document.xml')!.async('string');
  for (const [from, to] of Object.entries(edits)) {
    if (!xml.includes(from)) throw new Error(`"${from}" not in the document`);
    xml = xml.replace(from, to);
  }
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'uint8array' });
}
