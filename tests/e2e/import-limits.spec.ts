// A paragraph over the length limit is refused with what the limit is and which paragraph broke it,
// in the import dialog, in both UI languages; nothing is imported.
import { chooseFile, expect, screenshot, test } from './fixtures';

const LONG = ['فقرة أولى.', 'فقرة ثانية.', `CNN قالت ${'وبناءة '.repeat(16_000)}`.slice(0, 110_000)].join('\n');
const file = { name: 'long-line.txt', mimeType: 'text/plain', buffer: Buffer.from(LONG, 'utf8') };

test('a 110,000-character line is refused by paragraph number, first words and the limit', async ({ page, app }) => {
  await chooseFile(page, file);
  const error = page.getByTestId('import-error');
  await expect(error).toHaveText(
    // The quoted words are Arabic source text, isolated right to left (RLI…PDI) inside English.
    'Paragraph 3 (“\u2067CNN قالت وبناءة وبناءة وبناءة وبناءة…\u2069”) has 109,999 characters; a paragraph may have at most 100,000. Split it into shorter paragraphs and import the file again.',
  );
  await expect(error).not.toContainText('too large');

  await page.keyboard.press('Escape');
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  await chooseFile(page, file);
  await expect(page.getByTestId('import-error')).toContainText('عدد أحرف الفقرة 3');
  await expect(page.getByTestId('import-error')).toContainText('100,000');
  // Source text keeps its right-to-left order when quoted: "CNN" is its first word, at the right.
  const [cnn, qalat] = await page.getByTestId('import-error').evaluate((el) => {
    const node = el.firstChild!;
    const text = node.textContent!;
    const x = (needle: string) => {
      const r = document.createRange();
      const at = text.indexOf(needle);
      r.setStart(node, at);
      r.setEnd(node, at + needle.length);
      return r.getBoundingClientRect().left;
    };
    return [x('CNN'), x('قالت')];
  });
  expect(cnn).toBeGreaterThan(qalat!);
  await screenshot(page, 'import-paragraph-limit-ar');
  expect(await app.call('documents:list', {})).toEqual([]);
});
