// Building and editing DOCX packages in tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';

/** Zips a directory of package parts (a DOCX laid out on disk). */
export async function zipDirectory(dir: string): Promise<Uint8Array> {
  const zip = new JSZip();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else zip.file(relative(dir, path).split('\\').join('/'), readFileSync(path));
    }
  };
  walk(dir);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export async function readZipText(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(name);
  if (!file) throw new Error(`${name} not in the package`);
  return file.async('string');
}

/** The same package with some parts replaced (or added). */
export async function replaceParts(bytes: Uint8Array, parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export async function zipOf(parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
