// Machine translation through a provider the user configures. This layer is pure apart from the
// one HTTP call (http.ts): it builds each provider's request, reads its answer and turns every
// failure into a QalamError with an `mt_*` code. It never sees the store, and never logs.
import type { MtEnglish, MtProvider } from '../shared/domain';

/** What an adapter needs for one request. `key` is passed in and never leaves this layer in an error. */
export interface MtConfig {
  provider: Exclude<MtProvider, 'none'>;
  /** Base URL (or the full endpoint URL); empty: the provider's public default. */
  endpoint: string;
  model: string;
  english: MtEnglish;
  key: string | null;
  timeoutMs: number;
}

/** One provider's request shape and answer reading. */
export interface MtAdapter {
  /** Human name for labels and messages. */
  readonly label: string;
  /** Most texts one request may carry. */
  readonly maxBatch: number;
  /** Most characters of source one request should carry (the provider's body limits, with room). */
  readonly maxChars: number;
  url(cfg: MtConfig): string;
  request(cfg: MtConfig, texts: string[]): { headers: Record<string, string>; body: unknown };
  /** The translations, one per text, in order; throws mt_bad_response when the body is not as documented. */
  parse(body: unknown, count: number): string[];
  /** The provider's own words about an error body, if it has any (shown after our message). */
  errorDetail(body: unknown): string | null;
  /** Status codes the provider uses for an exhausted quota (beyond 429's rate limit). */
  quota(status: number, body: unknown): boolean;
}
