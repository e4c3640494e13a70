// A tagged template for SQL built from pieces (filters, optional clauses), after Signal Desktop's
// `sql` tag: the text and its parameters travel together, so a placeholder can never drift from
// its value. Interpolated values become `?` placeholders; interpolated Sql fragments are spliced in
// with their own parameters. There is deliberately no way to splice in a plain string.
import type { Db } from './connection';
import { stmt } from './repos/statements';

export type SqlParam = string | number | bigint | null | Uint8Array;

const SQL = Symbol('sql');

export interface Sql {
  readonly [SQL]: true;
  readonly text: string;
  readonly params: readonly SqlParam[];
}

function fragment(text: string, params: readonly SqlParam[]): Sql {
  return { [SQL]: true, text, params };
}

function isSql(v: unknown): v is Sql {
  return typeof v === 'object' && v !== null && SQL in v;
}

export function sql(strings: TemplateStringsArray, ...values: (SqlParam | Sql)[]): Sql {
  let text = strings[0]!;
  const params: SqlParam[] = [];
  values.forEach((v, i) => {
    if (isSql(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1]!;
  });
  return fragment(text, params);
}

/** Fragments joined by a separator fragment: `sql.join(conditions, sql` AND `)`. */
sql.join = (parts: readonly Sql[], separator: Sql): Sql =>
  parts.reduce<Sql | null>((acc, p) => (acc ? sql`${acc}${separator}${p}` : p), null) ?? fragment('', []);

/** A comma-separated list of placeholders for `IN (…)`; SQLite reads `IN ()` as matching nothing. */
sql.list = (values: readonly SqlParam[]): Sql =>
  fragment(
    values.map(() => '?').join(', '),
    values.map((v) => v),
  );

// Run a query built with `sql` through the per-connection statement cache: the cache key is the
// text, which has placeholders only, so one shape of filter is prepared once. Pluck mode is set on
// every call because it sticks to the cached statement.
export const all = <T>(db: Db, q: Sql): T[] =>
  stmt(db, q.text)
    .pluck(false)
    .all(...q.params) as T[];
export const get = <T>(db: Db, q: Sql): T | undefined =>
  stmt(db, q.text)
    .pluck(false)
    .get(...q.params) as T | undefined;
export const value = <T>(db: Db, q: Sql): T | undefined =>
  stmt(db, q.text)
    .pluck()
    .get(...q.params) as T | undefined;
export const values = <T>(db: Db, q: Sql): T[] =>
  stmt(db, q.text)
    .pluck()
    .all(...q.params) as T[];
