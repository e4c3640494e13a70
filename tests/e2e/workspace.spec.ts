// The review workspace against the real store: the keyboard loop, persistence, filters and Arabic
// search, directions in both UI languages, hostile text, conflicts, live statistics.
import type { Page } from '@playwright/test';
import { EventBus } from '../../src-main/services/events';
import { updateTarget } from '../../src-main/services/pairs';
import { chooseFile, expect, fixturePath, openDocument, row, screenshot, test, type QalamApp } from './fixtures';

const ARTICLE = fixturePath('news-article-ar.txt');

const TRANSLATIONS = [
  'Russian Foreign Ministry spokeswoman Maria Zakharova said her country is not an aggressor.',
  'The Russia Today network reported that this came in response to Western statements.',
  'Zakharova said: "Statements that Russia is an aggressor are nonsense."',
];

async function pairsOf(app: QalamApp, documentId: number) {
  return (await app.call('pairs:list', { documentId, offset: 0, limit: 100 })).items;
}

async function statusCount(page: Page, status: string) {
  return page.getByTestId(`stat-${status}`).locator('strong');
}

test('translate three paragraphs with the keyboard only; a reload shows them with their statuses', async ({ page, app }) => {
  await chooseFile(page, ARTICLE);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expect(row(page, 0)).toBeVisible();
  // The benchmark hook fires once the first rows are on screen.
  await expect(page.locator('html')).toHaveAttribute('data-first-rows-painted', /^\d+(\.\d+)?$/);

  // Alt+↓ enters the first pair's editor.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(row(page, 0).getByTestId('target')).toBeFocused();
  await expect(row(page, 0)).toHaveClass(/focused/);
  await page.keyboard.type(TRANSLATIONS[0]!);
  // Ctrl+Enter confirms and moves to the next pair needing work.
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 1).getByTestId('target')).toBeFocused();
  await expect(row(page, 0)).toHaveAttribute('data-status', 'translated');

  // Plain Enter and Shift+Enter are newlines in the editor, not commands.
  await page.keyboard.type('The Russia Today network reported');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' that this came in response to Western statements.');
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 2).getByTestId('target')).toBeFocused();
  await expect(row(page, 1)).toHaveAttribute('data-status', 'translated');

  // The third is left as a draft: autosave, then Alt+↓ moves on.
  await page.keyboard.type(TRANSLATIONS[2]!);
  await expect(row(page, 2)).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(row(page, 3).getByTestId('target')).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(row(page, 2).getByTestId('target')).toBeFocused();

  await expect(await statusCount(page, 'translated')).toHaveText('2');
  await expect(await statusCount(page, 'draft')).toHaveText('1');
  await expect(await statusCount(page, 'new')).toHaveText('9');

  await page.reload();
  await expect(row(page, 0)).toBeVisible();
  for (let i = 0; i < 3; i++) await expect(row(page, i).getByTestId('target')).toHaveValue(TRANSLATIONS[i]!);
  await expect(row(page, 0)).toHaveAttribute('data-status', 'translated');
  await expect(row(page, 1)).toHaveAttribute('data-status', 'translated');
  await expect(row(page, 2)).toHaveAttribute('data-status', 'draft');
  await expect(row(page, 3)).toHaveAttribute('data-status', 'new');

  const [doc] = await app.call('documents:list', {});
  const stored = await pairsOf(app, doc!.id);
  expect(stored.slice(0, 4).map((p) => [p.status, p.target])).toEqual([
    ['translated', TRANSLATIONS[0]],
    ['translated', TRANSLATIONS[1]],
    ['draft', TRANSLATIONS[2]],
    ['new', ''],
  ]);
  await screenshot(page, 'workspace-en');
});

test('editing keys stay with the editor; Escape, row arrows, copy source and the help overlay', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  await openDocument(page, app, id);
  await row(page, 0).getByTestId('target').click();
  await page.keyboard.type('alpha beta');
  // Ctrl+A, Ctrl+X, Ctrl+Z, Home/End and Ctrl+arrows keep their text-box meaning.
  await page.keyboard.press('Control+ArrowLeft');
  await page.keyboard.type('X');
  await page.keyboard.press('Home');
  await page.keyboard.type('Y');
  await page.keyboard.press('End');
  await page.keyboard.type('?');
  await expect(row(page, 0).getByTestId('target')).toHaveValue('Yalpha Xbeta?');
  await expect(page.getByTestId('help')).toHaveCount(0);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(row(page, 0).getByTestId('target')).toHaveValue('');

  // Ctrl+Shift+C copies the source into the translation.
  await page.keyboard.press('Control+Shift+C');
  const source = await row(page, 0).getByTestId('source').textContent();
  await expect(row(page, 0).getByTestId('target')).toHaveValue(source!);

  // Escape leaves the editor for the row; arrows then move between rows; Enter edits.
  await page.keyboard.press('Escape');
  await expect(row(page, 0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row(page, 1).getByTestId('target')).toBeFocused();

  // Ctrl+Shift+↓ goes to the next untranslated pair: row 0 now has text, so from row 1 → row 2.
  await page.keyboard.press('Control+Shift+ArrowDown');
  await expect(row(page, 2).getByTestId('target')).toBeFocused();

  // "?" outside a text field and F1 anywhere open the help, which lists the shortcuts.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Slash');
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Confirm (editors: approve) and go to the next segment to do');
  await screenshot(page, 'help-en');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await row(page, 2).getByTestId('target').focus();
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');

  // Ctrl+F focuses the search box.
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('search')).toBeFocused();
});

test.describe('as an editor', () => {
  test.use({ user: { name: 'Test Editor', role: 'editor' } });

  test('Ctrl+Enter approves and jumps to the next pair to review; exclude and reject are offered', async ({ page, app }) => {
    const id = await app.importFile(ARTICLE);
    const pairs = await pairsOf(app, id);
    // Pairs 2 and 5 are translated (waiting for review).
    for (const i of [2, 5]) {
      const p = pairs[i]!;
      await app.call('pairs:set-status', {
        pairId: p.id,
        expectedVersion: p.version,
        action: 'confirm',
        target: `Translation ${i + 1}`,
      });
    }
    await openDocument(page, app, id);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect(row(page, 2).getByTestId('target')).toBeFocused();
    await page.keyboard.press('Control+Enter');
    await expect(row(page, 2)).toHaveAttribute('data-status', 'approved');
    await expect(row(page, 5).getByTestId('target')).toBeFocused();
    await expect(await statusCount(page, 'approved')).toHaveText('1');
    // Approved pairs are locked: the editor is read-only.
    await expect(row(page, 2).getByTestId('target')).toHaveAttribute('readonly', '');

    // Shift+Ctrl+Enter opens the reject form for the focused pair.
    await page.keyboard.press('Shift+Control+Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Excluding dims the pair and takes it out of the counts.
    await row(page, 5).getByTestId('toggle-excluded').click();
    await expect(row(page, 5)).toHaveClass(/excluded/);
    await expect(row(page, 5)).toContainText('Excluded');
    await expect(page.getByTestId('statusbar')).toContainText('+ 1 excluded');
    expect((await app.call('pairs:get', { pairId: pairs[5]!.id })).excluded).toBe(true);
  });
});

test('filter by status and search Arabic without diacritics; result counts with Arabic plurals', async ({ page, app }) => {
  const id = await app.importText(
    'harakat.txt',
    [
      'وَقَالَ الرَّئِيسُ إِنَّ الْمُفَاوَضَاتِ مُسْتَمِرَّةٌ حَتَّى الْآنَ.',
      'قالت الوزارة إن الاجتمـــاع سيعقد في جنيف.',
      'وأضافت المتحدثة أن المحادثات كانت مهنية وبنّاءة.',
    ].join('\n'),
  );
  const pairs = await pairsOf(app, id);
  await app.call('pairs:update-target', {
    pairId: pairs[1]!.id,
    target: 'The ministry said the meeting will be held in Geneva.',
    expectedVersion: pairs[1]!.version,
  });
  await openDocument(page, app, id);
  await expect(page.getByTestId('result-count')).toHaveText('3 segments');

  // Typed plainly (no harakat; bare alef for إِنَّ and الْآنَ; haa for taa marbuta; yaa for alef
  // maqsura): the vowelled pair is found.
  await page.getByTestId('search').fill('ان المفاوضات مستمره حتي الان');
  await expect(page.getByTestId('result-count')).toHaveText('1 of 3 segments');
  await expect(page.getByTestId('pair-row')).toHaveCount(1);
  await expect(row(page, 0).getByTestId('source')).toContainText('الْمُفَاوَضَاتِ');
  // Tatweel in the stored text does not hide it.
  await page.getByTestId('search').fill('الاجتماع');
  await expect(page.getByTestId('result-count')).toHaveText('1 of 3 segments');
  await expect(row(page, 0).getByTestId('source')).toContainText('الاجتمـــاع');

  // Target-only search in English.
  await page.getByTestId('search').fill('geneva');
  await page.getByTestId('search-in').selectOption('target');
  await expect(page.getByTestId('result-count')).toHaveText('1 of 3 segments');
  await expect(row(page, 0).getByTestId('target')).toHaveValue(/Geneva/);
  await page.getByTestId('search-in').selectOption('source');
  await expect(page.getByTestId('no-results')).toBeVisible();

  // Status chips.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('button', { name: /^New/ }).click();
  await expect(page.getByTestId('result-count')).toHaveText('2 of 3 segments');
  await page.getByRole('button', { name: /^Draft/ }).click();
  await expect(page.getByTestId('result-count')).toHaveText('3 of 3 segments');
  await page.getByRole('button', { name: /^New/ }).click();
  await expect(page.getByTestId('result-count')).toHaveText('1 of 3 segments');
  await expect(row(page, 0)).toHaveAttribute('data-status', 'draft');

  // In Arabic, the count uses the "few" plural form for 3.
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.reload();
  const n = (x: number) => new Intl.NumberFormat('ar').format(x);
  await expect(page.getByTestId('result-count')).toHaveText(`${n(3)} مقاطع`);
  await page.getByTestId('search').fill('الرئيس');
  await expect(page.getByTestId('result-count')).toHaveText(`${n(1)} من أصل ${n(3)} مقاطع`);
});

test('the Arabic UI mirrors the shell while each text column keeps its own direction', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const pairs = await pairsOf(app, id);
  await app.call('pairs:set-status', {
    pairId: pairs[0]!.id,
    expectedVersion: pairs[0]!.version,
    action: 'confirm',
    target: TRANSLATIONS[0]!,
  });
  await openDocument(page, app, id);
  const dirs = () =>
    page.evaluate(() => {
      const dir = (el: Element | null) => (el ? getComputedStyle(el).direction : null);
      const first = document.querySelector('[data-testid="pair-row"]');
      return {
        html: dir(document.documentElement),
        lang: document.documentElement.lang,
        shell: dir(document.querySelector('[data-testid="shell"]')),
        toolbar: dir(document.querySelector('.toolbar')),
        source: dir(first?.querySelector('[data-testid="source"]') ?? null),
        target: dir(first?.querySelector('[data-testid="target"]') ?? null),
        sourceBidi: first ? getComputedStyle(first.querySelector('[data-testid="source"]')!).unicodeBidi : null,
      };
    });
  expect(await dirs()).toEqual({
    html: 'ltr',
    lang: 'en',
    shell: 'ltr',
    toolbar: 'ltr',
    source: 'rtl',
    target: 'ltr',
    sourceBidi: 'isolate',
  });

  // Switch the language in Settings, as a user does.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('ui-language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goBack();
  await expect(row(page, 0)).toBeVisible();
  expect(await dirs()).toEqual({
    html: 'rtl',
    lang: 'ar',
    shell: 'rtl',
    toolbar: 'rtl',
    source: 'rtl',
    target: 'ltr',
    sourceBidi: 'isolate',
  });
  // Mirrored layout: in RTL the row number sits at the right edge, the source right of the target.
  const box = async (sel: string) => (await row(page, 0).locator(sel).boundingBox())!;
  const num = await box('.num');
  const src = await box('[data-testid="source"]');
  const tgt = await box('[data-testid="target"]');
  expect(num.x).toBeGreaterThan(src.x);
  expect(src.x).toBeGreaterThan(tgt.x);
  await expect(page.getByTestId('workspace')).toContainText('النص العربي');
  await row(page, 1).getByTestId('target').click();
  await screenshot(page, 'workspace-ar');
});

test('imported markup is shown as text and never runs', async ({ page, app }) => {
  const hostile = '<img src=x onerror=window.__xss=1> قال <b>المتحدث</b> <script>window.__xss=2</script>';
  const id = await app.importText('<img src=x onerror=window.__xss=3>.txt', [hostile, 'فقرة عادية'].join('\n'));
  await openDocument(page, app, id);
  const first = row(page, 0);
  await expect(first.getByTestId('source')).toHaveText(hostile);
  await expect(first.locator('img, script, b')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror=window.__xss=3>');
  await page.goto(`${app.url}/#/`);
  await expect(page.getByTestId('document')).toContainText('<img src=x onerror=window.__xss=3>');
  await expect(page.locator('main img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('a pair changed behind the UI’s back shows a conflict with both texts; nothing is lost', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const [p0] = await pairsOf(app, id);
  await openDocument(page, app, id);
  await expect(row(page, 0).getByTestId('target')).toHaveValue('');

  // Another writer saves the pair without the UI hearing about it.
  const silent = { ...app.rt.ctx, events: new EventBus() };
  updateTarget(silent, { pairId: p0!.id, target: 'Their translation', expectedVersion: p0!.version });

  await row(page, 0).getByTestId('target').click();
  await page.keyboard.type('My translation');
  const conflict = row(page, 0).getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Their translation');
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('My translation');
  await expect(page.getByTestId('save-state')).toHaveText('Conflict');
  await screenshot(page, 'workspace-conflict-en');
  // The stored text is still theirs until the user decides.
  expect((await app.call('pairs:get', { pairId: p0!.id })).target).toBe('Their translation');

  await conflict.getByTestId('conflict-keep-mine').click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  expect((await app.call('pairs:get', { pairId: p0!.id })).target).toBe('My translation');

  // The other way: keep theirs (after a reload, so no event of our own save is still on its way).
  await page.reload();
  await expect(row(page, 0).getByTestId('target')).toHaveValue('My translation');
  const fresh = await app.call('pairs:get', { pairId: p0!.id });
  updateTarget(silent, { pairId: p0!.id, target: 'Their second try', expectedVersion: fresh.version });
  await row(page, 0).getByTestId('target').click();
  await page.keyboard.type(' again');
  await expect(conflict).toBeVisible();
  await conflict.getByTestId('conflict-keep-theirs').click();
  await expect(row(page, 0).getByTestId('target')).toHaveValue('Their second try');
  expect((await app.call('pairs:get', { pairId: p0!.id })).target).toBe('Their second try');
});

test('application menu commands reach the renderer', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const menu = (command: 'settings' | 'library' | 'help' | 'find' | 'open-recent', documentId?: number) =>
    app.rt.ctx.events.emit('menu:command', documentId === undefined ? { command } : { command, documentId });
  await expect(page.getByTestId('document')).toBeVisible();
  menu('settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  menu('open-recent', id);
  await expect(row(page, 0)).toBeVisible();
  menu('find');
  await expect(page.getByTestId('search')).toBeFocused();
  menu('help');
  await expect(page.getByTestId('help')).toBeVisible();
  await page.keyboard.press('Escape');
  menu('library');
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
});

test('statistics and rows follow changes made elsewhere, live', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  const pairs = await pairsOf(app, id);
  await openDocument(page, app, id);
  await expect(await statusCount(page, 'translated')).toHaveText('0');
  // Through the services, with events: the UI hears and refreshes.
  await app.call('pairs:set-status', {
    pairId: pairs[3]!.id,
    expectedVersion: pairs[3]!.version,
    action: 'confirm',
    target: 'Done elsewhere',
  });
  await expect(await statusCount(page, 'translated')).toHaveText('1');
  await expect(row(page, 3)).toHaveAttribute('data-status', 'translated');
  await expect(row(page, 3).getByTestId('target')).toHaveValue('Done elsewhere');
});

test('rows show rejection reasons, open comments, exclusion and locks', async ({ page, app }) => {
  const id = await app.importFile(ARTICLE);
  let pairs = await pairsOf(app, id);
  const confirm = async (i: number, target: string) => {
    const p = (await pairsOf(app, id))[i]!;
    await app.call('pairs:set-status', { pairId: p.id, expectedVersion: p.version, action: 'confirm', target });
  };
  await confirm(0, TRANSLATIONS[0]!);
  await confirm(1, TRANSLATIONS[1]!);
  await confirm(2, TRANSLATIONS[2]!);
  await app.setUser({ name: 'Test Editor', role: 'editor' });
  pairs = await pairsOf(app, id);
  await app.call('pairs:set-status', { pairId: pairs[0]!.id, expectedVersion: pairs[0]!.version, action: 'approve' });
  await app.call('pairs:set-status', {
    pairId: pairs[1]!.id,
    expectedVersion: pairs[1]!.version,
    action: 'reject',
    comment: 'Say "RT", the channel’s own name.',
    category: 'terminology',
    severity: 'minor',
  });
  await app.call('comments:add', { pairId: pairs[2]!.id, body: 'Check the quotation marks.' });
  await app.call('pairs:set-excluded', { pairId: pairs[11]!.id, expectedVersion: pairs[11]!.version, excluded: true });
  await app.setUser({ name: 'Test Translator', role: 'translator' });

  await openDocument(page, app, id);
  await expect(row(page, 0)).toHaveAttribute('data-status', 'approved');
  await expect(row(page, 0).getByTestId('target')).toHaveAttribute('readonly', '');
  await expect(row(page, 1).getByTestId('rejection-reason')).toHaveText('Rejected: Say "RT", the channel’s own name.');
  await expect(row(page, 1)).toContainText('1 comment');
  await expect(row(page, 2)).toContainText('1 comment');
  await page.getByTestId('pair-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(page, 11)).toHaveClass(/excluded/);
  await expect(row(page, 11).getByTestId('target')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('statusbar')).toContainText('+ 1 excluded');
  // A translator sees no exclude button; the rejected pair can be worked on again.
  await row(page, 11).getByTestId('target').focus();
  await expect(row(page, 11).getByTestId('toggle-excluded')).toHaveCount(0);
  await page.getByTestId('pair-list').evaluate((el) => (el.scrollTop = 0));
  await row(page, 1).getByTestId('target').click();
  await expect(row(page, 1).getByTestId('target')).not.toHaveAttribute('readonly', '');
  await screenshot(page, 'workspace-states-en');

  // "Open comments" keeps the two pairs with unresolved threads (the rejection counts as one).
  await page.getByRole('button', { name: 'Open comments' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('2 of 11 segments + 1 excluded');
  await expect(page.getByTestId('pair-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Open comments' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('11 segments + 1 excluded');

  await app.call('settings:update', { theme: 'dark', uiLanguage: 'ar' });
  await page.reload();
  await row(page, 1).getByTestId('target').click();
  await expect(row(page, 1).getByTestId('rejection-reason')).toContainText('مرفوض:');
  await screenshot(page, 'workspace-states-ar-dark');
});

test('the document’s name stays readable beside its actions: a narrower window moves the actions to a line of their own, and the name sits by the back button in both UI languages', async ({
  page,
  app,
}) => {
  const id = await app.importFile(ARTICLE);
  const title = page.locator('#doc-title');
  /** The name's own text box (not the heading's, which stretches), and the back button's. */
  const boxes = () =>
    page.evaluate(() => {
      const h1 = document.getElementById('doc-title')!;
      const range = document.createRange();
      range.selectNodeContents(h1);
      const text = range.getBoundingClientRect();
      const back = document.querySelector('.toolbar .back')!.getBoundingClientRect();
      return {
        textLeft: text.left,
        textRight: text.right,
        backLeft: back.left,
        backRight: back.right,
        truncated: h1.scrollWidth > h1.clientWidth,
      };
    });

  // 1300 px: the actions and the name do not fit one line; the name is whole, not "n.".
  await page.setViewportSize({ width: 1300, height: 800 });
  await openDocument(page, app, id);
  await expect(title).toHaveText('news-article-ar');
  expect((await boxes()).truncated).toBe(false);
  await expect(page.getByTestId('glossary-button')).toBeVisible();
  const titleBox = (await title.boundingBox())!;
  const glossaryBox = (await page.getByTestId('glossary-button').boundingBox())!;
  expect(glossaryBox.y).toBeGreaterThan(titleBox.y + titleBox.height / 2);
  await screenshot(page, 'workspace-1300');

  // Wide enough, one line: the actions beside the name.
  await page.setViewportSize({ width: 1600, height: 800 });
  await expect(async () => {
    const t = (await title.boundingBox())!;
    const g = (await page.getByTestId('glossary-button').boundingBox())!;
    expect(Math.abs(g.y + g.height / 2 - (t.y + t.height / 2))).toBeLessThan(8);
  }).toPass();

  // In Arabic the whole shell mirrors: the Latin name sits just left of the back button, not at the far end.
  await app.call('settings:update', { uiLanguage: 'ar' });
  await page.setViewportSize({ width: 1900, height: 800 });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('pair-row').first()).toBeVisible();
  const ar = await boxes();
  expect(ar.textRight).toBeLessThan(ar.backLeft);
  expect(ar.backLeft - ar.textRight).toBeLessThan(40);
  await screenshot(page, 'workspace-ar-1900');
});
