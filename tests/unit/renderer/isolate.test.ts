// Interpolated names and paths are set apart from the translated sentence around them (item 7 of
// issue 8): as <bdi> parts for templates, as Unicode isolates in plain strings.
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage, i18n, isolateText, tIsolated, tParts } from '../../../src-renderer/lib/i18n.svelte';

afterEach(() => i18n.set('en'));

describe('tParts', () => {
  it('splits the sentence around the isolated values and keeps the rest interpolated', () => {
    i18n.set('ar');
    const parts = tParts('settings.about', { version: '1.2.3', path: '/tmp/x/data' }, { path: 'ltr' });
    expect(parts).toEqual([{ text: 'قلم 1.2.3 · البيانات في ' }, { text: '/tmp/x/data', isolate: 'ltr' }]);
  });

  it('keeps plural forms working beside an isolated value', () => {
    const parts = tParts('export.review.applied', { count: 2, n: '2', path: '/b/backup.json' }, { path: 'ltr' });
    expect(parts.map((p) => p.text).join('')).toBe('2 changes applied; backup saved to /b/backup.json');
    expect(parts.at(-1)).toEqual({ text: '/b/backup.json', isolate: 'ltr' });
  });

  it('treats a value that looks like a slot marker as text', () => {
    const parts = tParts('review.panel.rejectedBy', { name: '\u00010\u0001' }, { name: 'auto' });
    expect(parts).toEqual([{ text: 'Rejected by ' }, { text: '\u00010\u0001', isolate: 'auto' }]);
  });
});

describe('plain strings', () => {
  it('wrap paths in LRI…PDI and names in FSI…PDI', () => {
    expect(isolateText('/tmp/x', 'ltr')).toBe('\u2066/tmp/x\u2069');
    expect(tIsolated('import.title', { file: 'مقال.txt' }, { file: 'auto' })).toBe('Import “\u2068مقال.txt\u2069”');
  });

  it('error messages isolate the names they carry', () => {
    i18n.set('ar');
    const text = errorMessage({ code: 'import_duplicate', key: 'errors.import_duplicate', params: { name: 'report (v2).' } });
    expect(text).toContain('\u2068report (v2).\u2069');
  });

  it('an error about a named kind of thing says which, where the locale has its message, and the plain one where not', () => {
    const notFound = (what?: string) =>
      errorMessage({ code: 'not_found', key: 'errors.not_found', ...(what ? { params: { what } } : {}) });
    expect(notFound('document')).toBe('This document no longer exists: it may have been deleted.');
    expect(notFound('term')).toBe('This glossary term no longer exists: it may have been deleted.');
    expect(notFound('something-else')).toBe('It no longer exists: it may have been deleted.');
    expect(notFound()).toBe('It no longer exists: it may have been deleted.');
    i18n.set('ar');
    expect(notFound('pair')).toBe('لم يعد هذا المقطع موجودًا: ربما حُذف مستنده.');
  });
});
