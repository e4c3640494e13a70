// The sample article and its English translation, shared by the review and export specs, and a
// quick way to bring the document to a given stage through the services (the UI parts under test
// are driven by the specs themselves).
import type { Page } from '@playwright/test';
import type { Pair } from '../../src-main/shared/domain';
import { expect, fixturePath, type QalamApp } from './fixtures';

export const ARTICLE = fixturePath('news-article-ar.txt');

/** The 11 real paragraphs; the 12th line of the article is website boilerplate. */
export const TRANSLATIONS = [
  'Russian Foreign Ministry spokeswoman Maria Zakharova said her country is not an aggressor and that the peacekeeping forces put an end to the bloodshed in Kazakhstan.',
  'The news network Russia Today reported that this came in response to Western statements accusing Russia of being an "aggressor" over the recent events in Kazakhstan and the deployment of collective peacekeeping forces there.',
  'Zakharova said: "Statements that Russia is an aggressor are nonsense. This operation (the deployment of collective peacekeeping forces) put an end to the bloodshed and stopped it. And then, at the same time, we read nonsense from people who were never analysts or deep experts on this situation, who do not belong to this world (field) at all and are not professionals."',
  'In a related development, Kazakh President Kassym-Jomart Tokayev announced earlier today that the peacekeeping forces had completed their mission successfully and that their withdrawal from his country would begin within two days.',
  "The president explained that his country's request to the Collective Security Treaty Organization to send peacekeeping forces was within the law, and that otherwise control over Almaty could have been lost.",
  "Under a decision of the Collective Security Council of the Collective Security Treaty Organization adopted on 6 January, the organization's peacekeeping forces were sent to Kazakhstan for a limited period to stabilise and normalise the situation there.",
  'The peacekeeping forces included units from the armed forces of Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan.',
  'In another development, Maria Zakharova said that Russia is ready for further work with the United States and the West on security guarantees.',
  'Commenting on the recent talks between Russia and the United States held yesterday in Geneva, Zakharova added that "the talks were professional, constructive and practical. We set out our position. We are ready for further work."',
  "On 9 and 10 January 2022, Russia and the United States held consultations in Geneva on Moscow's proposals for security guarantees; a meeting of the Russia-NATO Council will follow in Brussels, and further consultations will take place within the Organization for Security and Co-operation in Europe in Vienna.",
  'At the end of 2021, Russia published a draft agreement with the United States and an agreement with the North Atlantic Treaty Organization (NATO) on security guarantees; Moscow demands, in particular, legal guarantees from its Western partners ruling out further NATO expansion eastward and the creation of military bases in the former Soviet republics.',
];

export const BOILERPLATE = 'تم أضافة تعليقك سوف يظهر بعد المراجعة';
export const TRANSLATOR = 'Huda Translator';
export const EDITOR = 'Sami Editor';

export async function pairsOf(app: QalamApp, documentId: number): Promise<Pair[]> {
  return (await app.call('pairs:list', { documentId, offset: 0, limit: 1000 })).items;
}

export type Stage = 'imported' | 'excluded' | 'translated' | 'approved';

/**
 * Imports the article and takes it to `stage` through the contract: the boilerplate excluded by an
 * editor, the 11 paragraphs translated and confirmed by a translator, then approved by an editor.
 * Leaves the user as `finalRole`.
 */
export async function prepareArticle(
  app: QalamApp,
  stage: Stage,
  finalRole: 'translator' | 'editor',
): Promise<{ documentId: number; pairs: Pair[] }> {
  const documentId = await app.importFile(ARTICLE);
  let pairs = await pairsOf(app, documentId);
  expect(pairs).toHaveLength(12);
  expect(pairs[11]!.source).toBe(BOILERPLATE);
  if (stage !== 'imported') {
    await app.setUser({ name: EDITOR, role: 'editor' });
    await app.call('pairs:set-excluded', { pairId: pairs[11]!.id, expectedVersion: pairs[11]!.version, excluded: true });
  }
  if (stage === 'translated' || stage === 'approved') {
    await app.setUser({ name: TRANSLATOR, role: 'translator' });
    for (const [i, text] of TRANSLATIONS.entries()) {
      await app.call('pairs:set-status', {
        pairId: pairs[i]!.id,
        expectedVersion: pairs[i]!.version,
        action: 'confirm',
        target: text,
      });
    }
  }
  if (stage === 'approved') {
    await app.setUser({ name: EDITOR, role: 'editor' });
    const r = await app.call('pairs:bulk-approve', { documentId });
    expect(r.count).toBe(11);
  }
  await app.setUser(finalRole === 'editor' ? { name: EDITOR, role: 'editor' } : { name: TRANSLATOR, role: 'translator' });
  pairs = await pairsOf(app, documentId);
  return { documentId, pairs };
}

/** Switches the user through the Settings view, as a person sharing the machine would. */
export async function becomeUser(page: Page, app: QalamApp, name: string, role: 'translator' | 'editor'): Promise<void> {
  await page.getByTestId('nav-settings').click();
  const nameBox = page.getByLabel('Your name');
  await nameBox.fill(name);
  await nameBox.press('Enter');
  const radio = page.getByRole('radio', { name: role === 'editor' ? /^Editor/ : /^Translator/ });
  await radio.check();
  await expect(radio).toBeChecked();
  // Every change is recorded with the name and role in the store: wait until they are there.
  await expect.poll(async () => app.call('settings:get', {})).toMatchObject({ userName: name, role });
}
