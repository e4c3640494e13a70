// Crash safety of the real write path: a child process (crash-writer.ts) writes through dispatch
// into a real SQLite file and prints each write once dispatch has acknowledged it; this test
// SIGKILLs it at random moments — mid-import, mid-update, between writes — then reopens the store
// and checks that SQLite is intact and that every acknowledged write is there.
//
// QALAM_CRASH_KILLS sets the number of kills (30 here; `npm run test:crash` runs 300) and
// QALAM_CRASH_SEED replays a failing sequence of kills (the seed is in every failure message).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../../src-main/paths';
import { PARAGRAPHS_PER_IMPORT, targetOrder } from './crash-protocol';
import { seeded as random } from '../seeded';

const KILLS = Number(process.env.QALAM_CRASH_KILLS ?? 30);
const SEED = Number(process.env.QALAM_CRASH_SEED ?? Date.now() % 2 ** 31);
const WRITER = join(__dirname, 'crash-writer.ts');
const TSX = createRequire(import.meta.url).resolve('tsx');

interface Acks {
  targets: Map<number, [number, number]>;
  comments: { id: number; pairId: number; body: string }[];
  imports: number[];
  writes: number;
}

const dir = mkdtempSync(join(tmpdir(), 'qalam-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A writer process, started early (modules loaded, store not yet opened) and released by go(). */
interface Writer {
  /**
   * Opens the store and writes until `kill` says when; settles with the number of writes
   * acknowledged and the kind of write that was under way at the kill (begun, not acknowledged).
   */
  goAndKill(kill: KillPlan): Promise<{ acked: number; inside: string | null }>;
}

/**
 * When to kill: up to 150 ms after go (while the store opens), or inside the writer's
 * `afterWrites + 1`th write, or inside its next import. Counting writes rather than milliseconds
 * keeps the writer busy at the kill however loaded the machine is; `jitter` (0–1) places the kill
 * within the write, scaled by how long the last write of that kind took from begin to
 * acknowledgement, so kills land in parsing, inside the transaction and at the commit alike.
 */
interface KillPlan {
  at: 'go' | 'write' | 'import';
  afterWrites: number;
  jitter: number;
}

/** Begin-to-acknowledgement time of the last write of each kind, in ms, across writers. */
const lastDuration: Record<string, number> = { target: 20, comment: 20, import: 40 };

function startWriter(run: number, acks: Acks): Writer {
  const child = spawn(process.execPath, ['--import', TSX, WRITER, dir, String(run)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let pending = '';
  let stderr = '';
  let acked = 0;
  let begun = 0;
  let inside: string | null = null;
  let plan: KillPlan | null = null;
  let timer: NodeJS.Timeout | undefined;
  let begunAt = 0;
  const arm = (kind?: string) =>
    (timer ??= setTimeout(() => child.kill('SIGKILL'), plan!.jitter * (kind ? 1.2 * lastDuration[kind]! : 150)));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    pending += c.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!; // an unfinished line was not acknowledged yet
    for (const line of lines) {
      const [kind, ...f] = line.split(' ');
      if (kind === 'begin') {
        begun++;
        inside = f[0]!;
        begunAt = performance.now();
        if (plan?.at === 'write' ? begun > plan.afterWrites : plan?.at === 'import' && inside === 'import') arm(inside);
        continue;
      }
      const n = f.map(Number);
      if (kind === 'target') acks.targets.set(n[0]!, [n[1]!, n[2]!]);
      else if (kind === 'comment') acks.comments.push({ id: n[0]!, pairId: n[1]!, body: `Run ${n[2]} comment ${n[3]}` });
      else if (kind === 'import') acks.imports.push(n[0]!);
      else continue;
      acked++;
      if (inside) lastDuration[inside] = performance.now() - begunAt;
      inside = null;
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    async goAndKill(kill) {
      plan = kill;
      if (kill.at === 'go') arm();
      child.stdin.write('go\n');
      const { code, signal } = await exited;
      clearTimeout(timer);
      if (signal !== 'SIGKILL') throw new Error(`writer run ${run} ended by itself (code ${code}): ${stderr.slice(-2000)}`);
      return { acked, inside };
    },
  };
}

/** Everything the store must show after a crash; returns what is wrong. */
function verify(acks: Acks): string[] {
  const acknowledged = acks.imports.length + acks.targets.size + acks.comments.length;
  const file = join(dir, DB_FILE);
  if (!existsSync(file)) return acknowledged ? [`${acknowledged} writes acknowledged, no database`] : [];
  const db = new Database(file, { fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    // Killed before the first migration committed: an empty store, which is right if nothing was acknowledged.
    if (db.pragma('user_version', { simple: true }) === 0) {
      return acknowledged ? [...problems, `${acknowledged} writes acknowledged, store never migrated`] : problems;
    }
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);

    // An import is one transaction: a document is there with all its paragraphs, or not at all.
    const docs = db
      .prepare('SELECT d.id, count(p.id) AS n FROM documents d LEFT JOIN pairs p ON p.document_id = d.id GROUP BY d.id')
      .all() as {
      id: number;
      n: number;
    }[];
    for (const d of docs) if (d.n !== PARAGRAPHS_PER_IMPORT) problems.push(`document ${d.id} has ${d.n} pairs`);
    const docIds = new Set(docs.map((d) => d.id));
    for (const id of acks.imports) if (!docIds.has(id)) problems.push(`acknowledged import ${id} is missing`);

    // A target is overwritten by later writes: it must be the acknowledged one or a later one
    // (written and committed, killed before its line was printed).
    const target = db.prepare('SELECT target FROM pairs WHERE id = ?').pluck();
    for (const [pairId, [run, n]] of acks.targets) {
      const text = target.get(pairId) as string | undefined;
      const order = text === undefined ? null : targetOrder(text);
      if (!order || order[0] < run || (order[0] === run && order[1] < n)) {
        problems.push(`pair ${pairId}: acknowledged run ${run} write ${n}, found ${JSON.stringify(text)}`);
      }
    }
    // A pair and its history change in one transaction: the latest revision holds the pair's text.
    const drifted = db
      .prepare(
        'SELECT p.id FROM pairs p WHERE p.target <> (SELECT r.target FROM revisions r WHERE r.pair_id = p.id ORDER BY r.id DESC LIMIT 1)',
      )
      .pluck()
      .all();
    if (drifted.length) problems.push(`pairs whose latest revision differs from their text: ${drifted.slice(0, 5).join(', ')}`);
    const comment = db.prepare('SELECT pair_id AS pairId, body FROM comments WHERE id = ?');
    for (const c of acks.comments) {
      const row = comment.get(c.id) as { pairId: number; body: string } | undefined;
      if (!row || row.pairId !== c.pairId || row.body !== c.body)
        problems.push(`acknowledged comment ${c.id} is ${JSON.stringify(row)}`);
    }
    return problems;
  } finally {
    db.close();
  }
}

describe('crash safety of the write path', () => {
  it(
    `loses no acknowledged write over ${KILLS} SIGKILLs (seed ${SEED})`,
    async () => {
      const next = random(SEED);
      const acks: Acks = { targets: new Map(), comments: [], imports: [], writes: 0 };
      let killedWithWrites = 0;
      const killedInside: Record<string, number> = { target: 0, comment: 0, import: 0 };
      // Writers load their modules (about a second of CPU each) while the one before runs and is checked.
      const AHEAD = 3;
      const queue = Array.from({ length: Math.min(AHEAD, KILLS) }, (_, i) => startWriter(i + 1, acks));
      for (let run = 1; run <= KILLS; run++) {
        // Mostly inside or between updates and comments; one kill in four inside an import (120
        // paragraphs in one transaction), one in eight while the store opens (WAL recovery,
        // migrations, settings).
        const roll = next();
        const at = roll < 0.125 ? 'go' : roll < 0.375 ? 'import' : 'write';
        const plan: KillPlan = {
          at,
          afterWrites: Math.floor(next() * 16),
          jitter: next(),
        };
        const killed = queue.shift()!.goAndKill(plan);
        if (run + AHEAD <= KILLS) queue.push(startWriter(run + AHEAD, acks));
        const { acked, inside } = await killed;
        if (inside) killedInside[inside]!++;
        acks.writes += acked;
        if (acked > 0) killedWithWrites++;
        const problems = verify(acks);
        expect(problems, `after kill ${run} (${JSON.stringify(plan)}), seed ${SEED}`).toEqual([]);
      }
      // The test proves something only if the writer was mostly busy writing when it died.
      expect(killedWithWrites).toBeGreaterThan(KILLS / 2);
      expect(acks.targets.size + acks.comments.length).toBeGreaterThan(KILLS);
      console.log(
        `crash safety: ${KILLS} kills (inside a write: ${JSON.stringify(killedInside)}), ${acks.writes} acknowledged writes, ${acks.imports.length} imports, seed ${SEED}`,
      );
    },
    60_000 + KILLS * 5_000,
  );
});
