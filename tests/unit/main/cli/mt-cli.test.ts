// `qalam mt DOC` as a user runs it, against a fake DeepL on 127.0.0.1: the key from QALAM_MT_KEY,
// refused without the document's opt-in, a dry run that sends nothing, one batch, translated errors.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PATH } from '../helpers';
import { fakeProvider, json, type FakeProvider } from '../mt/fake-server';

const BIN = resolve(__dirname, '../../../../bin/qalam.cjs');
const KEY = 'cli-5ecret-key-77:fx';
const dir = mkdtempSync(join(tmpdir(), 'qalam-mt-cli-'));
const db = join(dir, 'cli.db');
let deepl: FakeProvider;

/** Asynchronous, so that the fake provider in this process can answer while the CLI waits. */
function qalam(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args, '--db', db], {
      env: { ...process.env, LANG: 'C', QALAM_CLI_SOURCE: '1', QALAM_MT_KEY: KEY, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  deepl = await fakeProvider((req, res) => {
    if (req.headers.authorization !== `DeepL-Auth-Key ${KEY}`) return json(res, 403, { message: 'Wrong key' });
    const text = (req.body as { text: string[] }).text;
    json(res, 200, { translations: text.map((t) => ({ text: `EN ${t.length}` })) });
  });
});
afterAll(async () => {
  await deepl.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('qalam mt', () => {
  it('refuses without the opt-in, counts with --dry-run, then fills every empty segment in one batch', async () => {
    expect((await qalam(['import', SAMPLE_PATH])).code).toBe(0);
    // Settings as the app stores them: the provider and its address.
    const { openContext } = await import('../../../../src-main/services/context');
    const { updateSettings } = await import('../../../../src-main/services/settings');
    const opened = openContext({ dataDir: dir, dbPath: db, transport: 'cli', ownDataDir: false });
    updateSettings(opened.ctx, { mtProvider: 'deepl', mtEndpoint: deepl.url });
    opened.close();

    const refused = await qalam(['mt', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not allowed to be sent to a machine-translation provider/);
    expect(deepl.requests).toHaveLength(0);

    const dry = await qalam(['mt', '1', '--allow', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ segments: 12, sendSegments: 12 });
    expect(deepl.requests).toHaveLength(0);

    const run = await qalam(['mt', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Filled 12 segments as Draft; sent \d+ characters in 1 requests, 0 from the cache; batch #\d+\.$/m,
    );
    expect(deepl.requests).toHaveLength(1);

    expect((await qalam(['mt', '1', '--dry-run'])).stdout).toMatch(/^0 empty segments/);

    // The same paragraphs in another document are in the cache: filled without a request.
    expect((await qalam(['import', SAMPLE_PATH, '--allow-duplicate'])).code).toBe(0);
    expect((await qalam(['mt', '2', '--allow'])).stdout).toMatch(/in 0 requests, 12 from the cache/);
    expect(deepl.requests).toHaveLength(1);

    // A wrong key: the provider's refusal, translated, and nothing filled.
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'فقرة لم تترجم من قبل.\n\nوفقرة ثانية.\n');
    expect((await qalam(['import', other])).code).toBe(0);
    const bad = await qalam(['mt', '3', '--allow'], { QALAM_MT_KEY: 'wrong' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DeepL refused the key \(HTTP 403\): “Wrong key”/);
    expect(JSON.parse((await qalam(['mt', '3', '--dry-run', '--json'])).stdout)).toMatchObject({ segments: 2 });
    expect(`${run.stdout}${run.stderr}${dry.stdout}${refused.stderr}`).not.toContain(KEY);
  });
});
