// The document QA report runs as a job in the worker (as in the app): its dialog shows how many
// segments are checked so far, and Cancel stops it, leaving the stored QA summary as it was.
import { expect, openDocument, screenshot, test } from './fixtures';

test.use({ jobs: 'worker' });

/** A translated document (CSV: source, target), so that every check has English to read. */
function translated(n: number): string {
  const lines = ['source,target'];
  for (let i = 1; i <= n; i++) {
    lines.push(
      `الفقرة ${i} من تقرير طويل عن قوات حفظ السلام في المنطقة عام 2022.,"Paragraph ${i} of a long report on the peacekeeping forces in the region in 2022."`,
    );
  }
  return lines.join('\n');
}

for (const lang of ['en', 'ar'] as const) {
  test(`QA report progress and Cancel (${lang})`, async ({ page, app }) => {
    test.setTimeout(240_000);
    await app.call('settings:update', { uiLanguage: lang });
    const documentId = await app.importText('long-report.csv', translated(100_000));
    // The search index job queued behind the import runs first: the report would wait behind it.
    const indexed = () => app.rt.db.prepare('SELECT count(*) FROM search_indexed').pluck().get();
    await expect.poll(indexed, { timeout: 60_000 }).toBe(1);
    await openDocument(page, app, documentId);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    const summary = () => app.rt.db.prepare('SELECT qa_state, count(*) FROM pairs GROUP BY qa_state ORDER BY 1').raw().all();
    const judgedWith = () => app.rt.db.prepare('SELECT qa_judged_with FROM documents').pluck().all();
    const before = { states: summary(), judgedWith: judgedWith() };

    // The test's connection holds the write lock until Cancel has reached the app: however fast the
    // report checks, it cannot store before (it waits for the lock, then meets its last checkpoint).
    app.rt.db.prepare('BEGIN IMMEDIATE').run();
    await page.getByTestId('open-qa-report').click();
    const dialog = page.getByTestId('qa-report');
    const progress = dialog.getByTestId('qa-report-progress');
    // A count of segments checked so far, from the job's progress events (past the first thousand;
    // the workspace's own jobs, such as counting repetitions, may run first).
    await expect(progress).toContainText(lang === 'en' ? /Checked [1-9][\d,]* of 100,000 segments/ : /فُحص [1-9]\S* من \S+ مقطع/, {
      timeout: 60_000,
    });
    const bar = dialog.getByRole('progressbar', { name: lang === 'en' ? 'Quality check progress' : 'تقدم فحص الجودة' });
    await expect(bar).toHaveAttribute('max', '100000');
    await screenshot(page, `qa-report-progress-${lang}`);
    // At once: a job past its last checkpoint finishes instead (docs/ARCHITECTURE.md, "Long jobs").
    const cancelled = page.waitForResponse((r) => r.url().endsWith('/jobs:cancel'));
    await dialog.getByTestId('qa-report-cancel').click();
    expect((await cancelled).ok()).toBe(true);
    app.rt.db.prepare('COMMIT').run();
    const notice = dialog.getByTestId('qa-report-cancelled');
    await expect(notice).toHaveText(
      lang === 'en' ? 'Check stopped. Nothing was changed; choose Check again to run it.' : /^أُوقف الفحص/,
    );
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(progress).toBeHidden();
    await screenshot(page, `qa-report-cancelled-${lang}`);
    expect({ states: summary(), judgedWith: judgedWith() }).toEqual(before);
  });
}
