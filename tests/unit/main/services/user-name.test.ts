// With no user name set, nothing meaningless is written as the author (issue 8, item 9): the
// operating system's name stands in only when it names a person; "root" never reaches an XLIFF
// note's from= or a TMX creationid.
import { describe, expect, it } from 'vitest';
import { actor, personName } from '../../../../src-main/services/context';
import { addComment } from '../../../../src-main/services/comments';
import { renderExport } from '../../../../src-main/services/io';
import { listPairs } from '../../../../src-main/services/pairs';
import { updateSettings } from '../../../../src-main/services/settings';
import { importSample, testRuntime } from '../helpers';

describe('who is named as the author', () => {
  it('takes a login that names a person, never a system account', () => {
    expect(personName('huda')).toBe('huda');
    for (const login of ['root', 'Administrator', 'user', 'nobody', '', '  ', undefined]) expect(personName(login)).toBeNull();
  });

  it('an unset name writes no from="root" into XLIFF and no creationid="root" into TMX', async () => {
    const rt = testRuntime();
    try {
      updateSettings(rt.ctx, { userName: '' });
      expect(actor(rt.ctx).name).not.toBe('root');
      const doc = await importSample(rt);
      const p = listPairs(rt.ctx, doc.id, 0, 1).items[0]!;
      addComment(rt.ctx, { pairId: p.id, body: 'Check the ministry name' });
      const name = actor(rt.ctx).name;
      const xliff = new TextDecoder().decode((await renderExport(rt.ctx, { documentId: doc.id, format: 'xliff12' })).file.bytes);
      const tmx = new TextDecoder().decode((await renderExport(rt.ctx, { documentId: doc.id, format: 'tmx' })).file.bytes);
      expect(xliff).not.toMatch(/from="(root|user)?"/);
      expect(tmx).not.toMatch(/creationid="(root|user)?"/);
      if (name === '') {
        expect(xliff).toContain('<note>Check the ministry name</note>');
        expect(tmx).not.toContain('creationid=');
      }
    } finally {
      rt.dispose();
    }
  });
});
