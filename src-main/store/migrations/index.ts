import type { Migration } from '../migrate';
import { m0001 } from './0001-initial';
import { m0002 } from './0002-memory-and-exports';
import { m0003 } from './0003-stats-covering-index';
import { m0004 } from './0004-document-skeletons';
import { m0005 } from './0005-memory-units';
import { m0006 } from './0006-revision-batches';
import { m0007 } from './0007-inline-codes';
import { m0008 } from './0008-qa';
import { m0009 } from './0009-glossary';
import { m0010 } from './0010-search-index';
import { m0011 } from './0011-qa-summary';
import { m0012 } from './0012-machine-translation';
import { m0013 } from './0013-qa-ignore-log';
import { m0014 } from './0014-memory-match-key';
import { m0015 } from './0015-qa-issues-index';
import { m0016 } from './0016-export-snapshot-rows';
import { m0017 } from './0017-implicit-import-revisions';
import { m0018 } from './0018-stats-target-words';
import { m0019 } from './0019-stats-in-position-order';
import { m0020 } from './0020-qa-source-facts';

/** In order; a step's version is its 1-based index. Never edit a shipped step: add one. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
];

migrations.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migration ${m.version} is out of order`);
});
