// What a lossless reader must give back for a pair a writer wrote, and error assertions.
import { expect } from 'vitest';
import { QalamError, type ErrorCode } from '../../../../../src-main/shared/errors';
import type { ExportPair, ImportedParagraph } from '../../../../../src-main/formats/model';

export function expectedParagraph(p: ExportPair): ImportedParagraph {
  const out: ImportedParagraph = {
    source: p.source,
    target: p.target,
    status: p.status,
    excluded: p.excluded,
    externalId: String(p.id),
  };
  if (p.comments.length > 0) {
    out.comments = p.comments.map((c) => ({
      author: c.author,
      body: c.body,
      createdAt: c.createdAt,
      resolved: c.resolved,
      category: c.category,
      severity: c.severity,
    }));
  }
  if (p.status === 'rejected' && p.rejectionReason !== null) out.rejectionReason = p.rejectionReason;
  return out;
}

/** Runs fn, requires it to throw a QalamError with that code (and to return nothing). */
export function expectQalamError(fn: () => unknown, code: ErrorCode): QalamError {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QalamError);
    expect((e as QalamError).code).toBe(code);
    return e as QalamError;
  }
  throw new Error(`expected ${code}, got a result: ${JSON.stringify(result).slice(0, 200)}`);
}

export async function expectQalamErrorAsync(fn: () => Promise<unknown>, code: ErrorCode): Promise<QalamError> {
  let result: unknown;
  try {
    result = await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QalamError);
    expect((e as QalamError).code).toBe(code);
    return e as QalamError;
  }
  throw new Error(`expected ${code}, got a result: ${JSON.stringify(result).slice(0, 200)}`);
}
