// Plain data for the review component tests.
import {
  DEFAULT_SETTINGS,
  type Comment,
  type Pair,
  type Revision,
  type Role,
  type Settings,
} from '../../../../src-main/shared/domain';

export function pair(over: Partial<Pair> = {}): Pair {
  return {
    id: 7,
    documentId: 1,
    position: 3,
    source: 'قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا، إن بلادها ليست معتدية.',
    target: 'Russian Foreign Ministry spokeswoman Maria Zakharova said her country is not an aggressor.',
    sourceCodes: null,
    targetCodes: null,
    status: 'translated',
    excluded: false,
    version: 5,
    sourceWords: 12,
    targetWords: 13,
    rejectionReason: null,
    openComments: 0,
    updatedAt: '2026-01-10T10:00:00.000Z',
    updatedBy: 'Huda',
    origin: null,
    ...over,
  };
}

export function settings(role: Role, over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, userName: role === 'editor' ? 'Sami' : 'Huda', role, onboarded: true, ...over };
}

let nextId = 100;
export function revision(over: Partial<Revision> & Pick<Revision, 'kind' | 'target'>): Revision {
  return {
    id: nextId++,
    pairId: 7,
    targetCodes: null,
    status: 'translated',
    author: 'Huda',
    role: 'translator',
    note: null,
    createdAt: '2026-01-10T10:00:00.000Z',
    ...over,
  };
}

export function comment(over: Partial<Comment> & Pick<Comment, 'id' | 'body'>): Comment {
  return {
    pairId: 7,
    parentId: null,
    author: 'Sami',
    role: 'editor',
    category: null,
    severity: null,
    resolved: false,
    resolvedBy: null,
    createdAt: '2026-01-10T11:00:00.000Z',
    ...over,
  };
}
