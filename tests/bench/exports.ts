// Export times for a fully translated and approved document, per format.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, LAYOUT_EXPORTS, type ExportFormat } from '../../src-main/shared/domain';
import { openRuntime } from '../../src-main/runtime';
import { storeImported } from '../../src-main/services/documents';
import { renderExport } from '../../src-main/services/io';
import { generateParagraphs, round } from './store';

export interface ExportBench {
  pairs: number;
  formats: { format: ExportFormat; ms: number; bytes: number }[];
}

export async function benchExports(n: number, log: (s: string) => void): Promise<ExportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'qalam-bench-export-'));
  const rt = openRuntime({ dataDir: dir, transport: 'cli' });
  try {
    const sources = generateParagraphs(n, 7);
    const documentId = storeImported(
      rt.ctx,
      {
        format: 'xliff20',
        sourceLang: 'ar',
        targetLang: 'en',
        warnings: [],
        paragraphs: sources.map((source, i) => ({
          source,
          target: `The spokeswoman for the Russian Foreign Ministry said in paragraph ${i} that peacekeepers ended the bloodshed.`,
          status: 'approved' as const,
        })),
      },
      { fileName: 'bench-export.xlf', hash: '1'.repeat(64) },
      () => {},
    );
    const formats: ExportBench['formats'] = [];
    // The source-layout exports need the imported file's skeleton, which a generated document has
    // not; their cost is the skeleton's rewrite, measured by the formatting tests' fixtures.
    for (const format of EXPORT_FORMATS.filter((f) => LAYOUT_EXPORTS[f] === undefined)) {
      const t0 = performance.now();
      const { file } = await renderExport(rt.ctx, { documentId, format });
      const ms = performance.now() - t0;
      formats.push({ format, ms: round(ms), bytes: file.bytes.length });
      log(`export ${format}: ${round(ms)} ms`);
    }
    return { pairs: n, formats };
  } finally {
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
