// The Quality dialog states how its score is made and shows the arithmetic with the document's own
// figures (issue 8, item 6); with nothing reviewed it shows no score rather than a flawless 100.
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CATEGORIES, type QualitySummary } from '../../../../src-main/shared/domain';
import QualityDialog from '../../../../src-renderer/components/review/QualityDialog.svelte';
import { i18n } from '../../../../src-renderer/lib/i18n.svelte';
import { DocumentTools } from '../../../../src-renderer/state/document-tools';

const { invoke } = vi.hoisted(() => ({ invoke: vi.fn() }));
vi.mock('../../../../src-renderer/lib/api', () => ({ api: { invoke, call: vi.fn(), on: vi.fn(() => () => {}) } }));

function summary(patch: Partial<QualitySummary>): QualitySummary {
  const byCategory = Object.fromEntries(
    ERROR_CATEGORIES.map((c) => [c, { minor: 0, major: 0, critical: 0 }]),
  ) as QualitySummary['byCategory'];
  return {
    byCategory,
    errors: 0,
    penaltyPoints: 0,
    reviewedWords: 0,
    reviewedSegments: 0,
    penaltyPer1000: 0,
    score: 100,
    ...patch,
  };
}

async function open(s: QualitySummary) {
  invoke.mockResolvedValue({ ok: true, value: s });
  render(QualityDialog, { props: { tools: new DocumentTools(4), onclose: () => {} } });
  const dialog = screen.getByRole('dialog');
  await within(dialog).findByTestId('quality-score');
  return dialog;
}

describe('QualityDialog', () => {
  beforeEach(() => {
    i18n.set('en');
    invoke.mockReset();
  });
  afterEach(() => cleanup());

  it('states the definition and the arithmetic behind the score', async () => {
    const byCategory = summary({}).byCategory;
    byCategory.accuracy.major = 1;
    const dialog = await open(
      summary({
        byCategory,
        errors: 1,
        penaltyPoints: 5,
        reviewedWords: 250,
        reviewedSegments: 3,
        penaltyPer1000: 20,
        score: 80,
      }),
    );
    expect(within(dialog).getByTestId('quality-score').textContent).toContain('80');
    expect(within(dialog).getByTestId('quality-formula').textContent).toBe(
      '5 penalty points × 1,000 ÷ 250 reviewed words = 20 per 1,000 words; 100 − 20 = 80',
    );
    const definition = within(dialog).getByTestId('quality-definition').textContent!;
    expect(definition).toContain('1 penalty point if minor, 5 if major and 10 if critical');
    expect(definition).toContain('multiplied by 1,000');
    expect(definition).toContain('including rejected segments fixed since');
    expect(within(dialog).getByText('Reviewed segments').nextElementSibling?.textContent).toBe('3');
  });

  it('shows no score while nothing has been reviewed', async () => {
    const dialog = await open(summary({}));
    expect(within(dialog).getByTestId('quality-score').querySelector('.value')?.textContent).toBe('—');
    expect(within(dialog).getByTestId('quality-formula').textContent).toContain('nothing has been reviewed');
  });

  it('says the same in Arabic', async () => {
    i18n.set('ar');
    const dialog = await open(
      summary({ errors: 1, penaltyPoints: 5, reviewedWords: 250, reviewedSegments: 1, penaltyPer1000: 20, score: 80 }),
    );
    expect(within(dialog).getByTestId('quality-definition').textContent).toContain('ومنها المقاطع المرفوضة التي صُحّحت بعد ذلك');
    expect(within(dialog).getByTestId('quality-formula').textContent).toContain('الكلمات المراجَعة (250)');
  });
});
