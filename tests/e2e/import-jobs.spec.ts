// The import runs as a job in the worker (as in the app): the dialog shows its progress, and
// Cancel stops it and rolls it back, leaving the library as it was.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseFile, expect, screenshot, test } from './fixtures';

test.use({ jobs: 'worker' });

function bigFile(paragraphs: number): string {
  const lines: string[] = [];
  for (let i = 0; i < paragraphs; i++) lines.push(`الفقرة ${i + 1} من تقرير طويل عن الأمن الجماعي في المنطقة.`);
  const path = join(tmpdir(), `qalam-e2e-big-${process.pid}.txt`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

for (const lang of ['en', 'ar'] as const) {
  test(`import progress and Cancel roll the import back (${lang})`, async ({ page, app }) => {
    await app.call('settings:update', { uiLanguage: lang });
    await page.reload();
    const before = await app.call('documents:list', {});
    await chooseFile(page, bigFile(200_000));
    // The preview reads the whole file first (slow on a loaded machine).
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog.getByTestId('import-paragraphs')).toHaveText(/200/, { timeout: 60_000 });
    await dialog.getByTestId('import-confirm').click();
    const progress = dialog.getByTestId('import-progress');
    // A count of paragraphs stored so far, from the job's progress events.
    await expect(progress).toContainText(lang === 'en' ? /Importing: [\d,]+ of 200,000 paragraphs/ : /جارٍ الاستيراد/);
    await expect(progress.locator('progress')).toHaveAttribute('max', '200000');
    // At once: a job past its last checkpoint finishes instead (docs/ARCHITECTURE.md, "Long jobs").
    await dialog.getByTestId('import-cancel').click();
    await screenshot(page, `import-progress-${lang}`);
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: lang === 'en' ? 'Cancelled. Nothing was changed.' : 'أُلغي' }),
    ).toBeVisible();
    expect(await app.call('documents:list', {})).toEqual(before);
    const pairs = app.rt.db.prepare('SELECT count(*) FROM pairs').pluck().get();
    expect(pairs).toBe(0);
  });
}
