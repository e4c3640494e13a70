// One major error on a segment that was rejected and then fixed: the Quality dialog scores it
// against that segment's words and says how the score is made, in both UI languages.
import { expect, openDocument, screenshot, test } from './fixtures';

test('a rejected-then-fixed segment keeps its error in the score, in English and Arabic', async ({ page, app }) => {
  const documentId = await app.importText('quality.txt', 'قالت المتحدثة باسم وزارة الخارجية الروسية.\nفقرة ثانية لم تراجع.');
  const [p] = (await app.call('pairs:list', { documentId, offset: 0, limit: 1 })).items;
  let pair = await app.call('pairs:set-status', {
    pairId: p!.id,
    expectedVersion: p!.version,
    action: 'confirm',
    target: 'The spokeswoman said.',
  });
  await app.setUser({ name: 'Sami Editor', role: 'editor' });
  pair = await app.call('pairs:set-status', {
    pairId: pair.id,
    expectedVersion: pair.version,
    action: 'reject',
    comment: 'Which ministry?',
    category: 'accuracy',
    severity: 'major',
  });
  await app.setUser({ name: 'Test Translator', role: 'translator' });
  pair = await app.call('pairs:set-status', {
    pairId: pair.id,
    expectedVersion: pair.version,
    action: 'confirm',
    target: 'The Russian Foreign Ministry spokeswoman said.',
  });
  expect(pair.status).toBe('translated');
  // 5 points over the 6 reviewed words: 833.3 per 1,000 words, score 0 (floored), not "no errors".
  const words = pair.sourceWords;

  for (const lang of ['en', 'ar'] as const) {
    await app.call('settings:update', { uiLanguage: lang });
    await openDocument(page, app, documentId);
    await page.reload();
    await page.getByRole('button', { name: lang === 'en' ? 'Quality…' : 'الجودة…', exact: true }).click();
    const dialog = page.getByTestId('quality-dialog');
    await expect(dialog.getByTestId('quality-formula')).toContainText(
      lang === 'en' ? `5 penalty points × 1,000 ÷ ${words} reviewed words` : `الكلمات المراجَعة (${words})`,
    );
    await expect(dialog.getByTestId('quality-definition')).toBeVisible();
    await screenshot(page, `quality-${lang}`);
    await page.keyboard.press('Escape');
  }
});
