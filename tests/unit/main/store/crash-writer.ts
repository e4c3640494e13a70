// The child process of crash-safety.test.ts: writes through the real dispatch (contract validation,
// services, a real SQLite file) and prints one line per write *after* dispatch has returned ok —
// the moment the UI would tell the user "saved". The parent SIGKILLs it at a random moment and
// checks that every printed write survived.
//
// argv: <dataDir> <run>; starts writing when a line arrives on stdin. Lines: "ready", then for
// each write "begin <kind>" and, once acknowledged, "target <pairId> <run> <n>", "comment
// <commentId> <pairId> <run> <n>" or "import <documentId> <pairs>".
import { writeSync } from 'node:fs';
import { openRuntime } from '../../../../src-main/runtime';
import type { PairPage } from '../../../../src-main/shared/contract';
import type { DocumentSummary } from '../../../../src-main/shared/domain';
import { crashArticle, PARAGRAPHS_PER_IMPORT, targetText } from './crash-protocol';

async function main(): Promise<void> {
  const [dataDir, runArg] = process.argv.slice(2);
  const run = Number(runArg);
  if (!dataDir || !Number.isInteger(run)) throw new Error('usage: crash-writer <dataDir> <run>');
  // Started early with every module loaded, the writer waits for the parent's go (a line on stdin):
  // the parent can verify the store after one kill while the next writer is starting.
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const rt = openRuntime({ dataDir, transport: 'http' });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await rt.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
    return r.value as T;
  };
  // Synchronous: the line is in the pipe before the next write starts.
  const ack = (line: string) => writeSync(1, `${line}\n`);
  const article = Buffer.from(crashArticle()).toString('base64');
  const importOne = async () => {
    ack('begin import');
    const doc = await call<DocumentSummary>('documents:import', {
      fileName: 'crash.txt',
      dataBase64: article,
      allowDuplicate: true,
      name: `Crash run ${run}`,
    });
    ack(`import ${doc.id} ${PARAGRAPHS_PER_IMPORT}`);
    return doc;
  };

  await call('settings:update', { userName: 'Crash Writer', role: 'translator' });
  const docs = await call<DocumentSummary[]>('documents:list', {});
  const documentIds = docs.map((d) => d.id);
  if (documentIds.length === 0) documentIds.push((await importOne()).id);
  ack('ready');

  let n = 0;
  for (;;) {
    n++;
    const roll = Math.random();
    if (roll < 0.08) {
      documentIds.push((await importOne()).id);
      continue;
    }
    const documentId = documentIds[Math.floor(Math.random() * documentIds.length)]!;
    const page = await call<PairPage>('pairs:list', {
      documentId,
      offset: Math.floor(Math.random() * (PARAGRAPHS_PER_IMPORT - 5)),
      limit: 5,
    });
    const pair = page.items[Math.floor(Math.random() * page.items.length)]!;
    if (roll < 0.75) {
      ack('begin target');
      await call('pairs:update-target', { pairId: pair.id, target: targetText(run, n), expectedVersion: pair.version });
      ack(`target ${pair.id} ${run} ${n}`);
    } else {
      ack('begin comment');
      const comment = await call<{ id: number }>('comments:add', { pairId: pair.id, body: `Run ${run} comment ${n}` });
      ack(`comment ${comment.id} ${pair.id} ${run} ${n}`);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`crash-writer: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
