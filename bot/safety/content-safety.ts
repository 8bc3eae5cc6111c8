/**
 * Azure AI Content Safety as an optional second opinion beside the assistant's own local
 * safeguarding detector. Production only: local mode uses `offSecondOpinion`, so message text never
 * leaves the machine there.
 *
 * The caller decides what to do with a flag (send the safety contacts as a follow-up when the local
 * detector did not escalate). This module only asks the question, within a deadline, and never
 * throws: a timeout, a refusal, a network failure or an answer it cannot read comes back as
 * `{ unavailable: true, reason }`. It never logs the text, nor anything derived from it.
 *
 * REST API: POST {endpoint}/contentsafety/text:analyze?api-version=2023-10-01, Entra ID bearer token
 * (the resource has local, key-based auth disabled; see infra/modules/content-safety.bicep).
 */
import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { z } from 'zod';
import { safeError, type Logger } from '../logging';

export type HarmCategory = 'SelfHarm' | 'Violence' | 'Sexual' | 'Hate';

export interface CategorySeverity {
  readonly category: HarmCategory;
  /** 0, 2, 4 or 6 with `FourSeverityLevels` output. */
  readonly severity: number;
}

export type SecondOpinionResult =
  { readonly flagged: boolean; readonly categories: readonly CategorySeverity[] } | { readonly unavailable: true; readonly reason: 'timeout' | 'error' | 'throttled' };

export type SecondOpinionUnavailable = Extract<SecondOpinionResult, { unavailable: true }>;

export interface SafetySecondOpinion {
  /** Resolves within the client's deadline, always; never rejects. */
  check(text: string, signal?: AbortSignal): Promise<SecondOpinionResult>;
}

/** True when the second opinion could not be had (the local detector's answer stands alone). */
export function isUnavailable(result: SecondOpinionResult): result is SecondOpinionUnavailable {
  return 'unavailable' in result;
}

export const CONTENT_SAFETY_API_VERSION = '2023-10-01';
/** The API refuses longer text; we check the first 10,000 characters (UTF-16 code units). */
export const CONTENT_SAFETY_MAX_TEXT_CHARS = 10_000;
/** Entra ID scope for Azure AI services, Content Safety included. */
export const CONTENT_SAFETY_SCOPE = 'https://cognitiveservices.azure.com/.default';
export const DEFAULT_CONTENT_SAFETY_TIMEOUT_MS = 1500;
export const DEFAULT_CONTENT_SAFETY_SEVERITY = 4;

/** The categories we ask about and flag on. Hate is left to the local rules and to staff. */
const CHECKED_CATEGORIES = ['SelfHarm', 'Violence', 'Sexual'] as const satisfies readonly HarmCategory[];

const NOT_FLAGGED: SecondOpinionResult = Object.freeze({ flagged: false, categories: Object.freeze([]) });

/** Local mode, and production without a Content Safety endpoint: nothing is sent anywhere. */
export const offSecondOpinion: SafetySecondOpinion = Object.freeze({
  check: async (): Promise<SecondOpinionResult> => NOT_FLAGGED,
});

/** The response body of text:analyze, as far as we use it. */
const AnalyzeTextResponse = z.object({
  categoriesAnalysis: z.array(
    z.object({
      category: z.enum(['Hate', 'SelfHarm', 'Sexual', 'Violence']),
      severity: z.number().int().min(0).max(7),
    }),
  ),
});

/** The API's error body: `{ "error": { "code": "InvalidRequestBody", "message": "..." } }`. */
const ApiError = z.object({ error: z.object({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/) }) });

export interface ContentSafetyClientOptions {
  /** The resource's endpoint, e.g. https://<subdomain>.cognitiveservices.azure.com (a trailing slash is fine). */
  readonly endpoint: string;
  /** An Entra ID access token for CONTENT_SAFETY_SCOPE; in production `managedIdentityToken()`. */
  readonly getToken: (signal?: AbortSignal) => Promise<string>;
  /** Longest a check may take, token included, before it counts as unavailable (default 1500 ms). */
  readonly timeoutMs?: number;
  /** Lowest severity (0 to 7) that flags SelfHarm, Violence or Sexual (default 4). */
  readonly severityThreshold?: number;
  /** Only for tests; the global fetch otherwise. */
  readonly fetchImpl?: typeof fetch;
  /** Gets one warning per unavailable check: reason, status, API error code. Never the text. */
  readonly logger?: Logger;
}

export class ContentSafetyConfigError extends Error {
  constructor(message: string) {
    super(`createContentSafetyClient(): ${message}`);
    this.name = 'ContentSafetyConfigError';
  }
}

/** What one attempt came to, before it is reduced to a `SecondOpinionResult`. */
type Outcome =
  | { readonly kind: 'answered'; readonly categories: readonly CategorySeverity[] }
  | {
      readonly kind: 'failed';
      readonly reason: 'error' | 'throttled';
      readonly stage: 'token' | 'request' | 'response';
      readonly status?: number;
      readonly apiCode?: string;
      readonly retryAfter?: string;
      readonly problem?: string;
      readonly err?: unknown;
    }
  | { readonly kind: 'timeout'; readonly cancelled: boolean };

/** Cuts text to the API's limit without splitting a surrogate pair. */
export function truncateForContentSafety(text: string): string {
  if (text.length <= CONTENT_SAFETY_MAX_TEXT_CHARS) return text;
  const cut = text.slice(0, CONTENT_SAFETY_MAX_TEXT_CHARS);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Azure AI Content Safety, text analysis, with a deadline. Construction checks the options. */
export function createContentSafetyClient(options: ContentSafetyClientOptions): SafetySecondOpinion {
  const analyzeUrl = analyzeUrlFor(options.endpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONTENT_SAFETY_TIMEOUT_MS;
  const threshold = options.severityThreshold ?? DEFAULT_CONTENT_SAFETY_SEVERITY;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new ContentSafetyConfigError(`timeoutMs must be a whole number of milliseconds above 0, not ${timeoutMs}`);
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 7) throw new ContentSafetyConfigError(`severityThreshold must be a whole number from 0 to 7, not ${threshold}`);
  const fetchImpl = options.fetchImpl ?? fetch;
  const logger = options.logger?.child({ component: 'content-safety' });

  const analyze = async (text: string, signal: AbortSignal): Promise<Outcome> => {
    let token: string;
    try {
      token = await options.getToken(signal);
    } catch (err) {
      return signal.aborted ? { kind: 'timeout', cancelled: false } : { kind: 'failed', reason: 'error', stage: 'token', err };
    }
    let response: Response;
    try {
      response = await fetchImpl(analyzeUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ text, categories: CHECKED_CATEGORIES, outputType: 'FourSeverityLevels' }),
        signal,
      });
    } catch (err) {
      return signal.aborted ? { kind: 'timeout', cancelled: false } : { kind: 'failed', reason: 'error', stage: 'request', err };
    }
    const status = response.status;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (signal.aborted) return { kind: 'timeout', cancelled: false };
      return response.ok
        ? { kind: 'failed', reason: 'error', stage: 'response', status, problem: 'response is not JSON' }
        : { kind: 'failed', reason: status === 429 ? 'throttled' : 'error', stage: 'response', status, ...retryAfterOf(response) };
    }
    if (!response.ok) {
      const apiError = ApiError.safeParse(body);
      return {
        kind: 'failed',
        reason: status === 429 ? 'throttled' : 'error',
        stage: 'response',
        status,
        ...(apiError.success ? { apiCode: apiError.data.error.code } : {}),
        ...retryAfterOf(response),
      };
    }
    const parsed = AnalyzeTextResponse.safeParse(body);
    if (!parsed.success) {
      // Paths and issue codes only: a zod message could quote a value.
      const problem = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(body)'} ${i.code}`)
        .join('; ');
      return { kind: 'failed', reason: 'error', stage: 'response', status, problem: `unexpected response: ${problem}` };
    }
    return { kind: 'answered', categories: parsed.data.categoriesAnalysis };
  };

  return {
    async check(text: string, signal?: AbortSignal): Promise<SecondOpinionResult> {
      const input = truncateForContentSafety(text);
      if (input.trim() === '') return NOT_FLAGGED;
      const started = Date.now();
      const outcome = await withDeadline(timeoutMs, signal, (s) => analyze(input, s));
      if (outcome.kind === 'answered') {
        const flagged = outcome.categories.some((c) => isChecked(c.category) && c.severity >= threshold);
        return { flagged, categories: outcome.categories };
      }
      const elapsedMs = Date.now() - started;
      if (outcome.kind === 'timeout') {
        logger?.warn({ reason: 'timeout', cancelled: outcome.cancelled, timeoutMs, elapsedMs }, 'content safety unavailable');
        return { unavailable: true, reason: 'timeout' };
      }
      logger?.warn(
        {
          reason: outcome.reason,
          stage: outcome.stage,
          elapsedMs,
          ...(outcome.status !== undefined ? { status: outcome.status } : {}),
          ...(outcome.apiCode ? { apiCode: outcome.apiCode } : {}),
          ...(outcome.retryAfter ? { retryAfter: outcome.retryAfter } : {}),
          ...(outcome.problem ? { problem: outcome.problem } : {}),
          ...(outcome.err !== undefined ? { err: safeError(outcome.err) } : {}),
        },
        'content safety unavailable',
      );
      return { unavailable: true, reason: outcome.reason };
    },
  };
}

/**
 * A getToken for `createContentSafetyClient` from the app's managed identity: system-assigned,
 * or user-assigned when `clientId` is given. ManagedIdentityCredential rather than
 * DefaultAzureCredential, because this runs only in Azure and a credential chain would spend the
 * check's short deadline probing developer credentials first.
 */
export function managedIdentityToken(clientId?: string): () => Promise<string> {
  return tokenFromCredential(clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential());
}

/**
 * Tokens from any Entra ID credential, kept until five minutes before they expire (or until the
 * credential's refresh time). One request at a time; a slow first request is not cancelled when a
 * check gives up, so it still fills the cache for the next message.
 */
export function tokenFromCredential(credential: TokenCredential, now: () => number = Date.now): () => Promise<string> {
  let cached: { readonly token: string; readonly refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return async () => {
    if (cached && now() < cached.refreshAt) return cached.token;
    pending ??= credential
      .getToken(CONTENT_SAFETY_SCOPE)
      .then((t) => {
        if (!t) throw new Error(`tokenFromCredential(): the credential returned no token for ${CONTENT_SAFETY_SCOPE}`);
        cached = { token: t.token, refreshAt: t.refreshAfterTimestamp ?? t.expiresOnTimestamp - 5 * 60_000 };
        return t.token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

function isChecked(category: HarmCategory): boolean {
  return (CHECKED_CATEGORIES as readonly HarmCategory[]).includes(category);
}

function analyzeUrlFor(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ContentSafetyConfigError('endpoint must be a full URL such as https://<name>.cognitiveservices.azure.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ContentSafetyConfigError('endpoint must be an https:// URL');
  if (url.search || url.hash) throw new ContentSafetyConfigError('endpoint must not have a query or fragment');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return `${base}/contentsafety/text:analyze?api-version=${CONTENT_SAFETY_API_VERSION}`;
}

function retryAfterOf(response: Response): { retryAfter?: string } {
  const value = response.headers.get('retry-after');
  return value && /^[\w ,:-]{1,40}$/.test(value) ? { retryAfter: value } : {};
}

/**
 * Runs `work` with a signal that aborts after `ms` or when `outer` aborts, and resolves by then
 * whatever `work` does: work that ignores its signal (a token request) cannot hold the check up.
 */
async function withDeadline(ms: number, outer: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<Outcome>): Promise<Outcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const onOuterAbort = (): void => {
    cancelled = true;
    controller.abort();
  };
  const deadline = new Promise<Outcome>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve({ kind: 'timeout', cancelled }), { once: true });
    timer = setTimeout(() => controller.abort(), ms);
    timer.unref();
  });
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    // `work` never rejects; were it to, the race still settles and the rejection is handled by it.
    const outcome = await Promise.race([work(controller.signal), deadline]);
    return outcome.kind === 'timeout' ? { kind: 'timeout', cancelled } : outcome;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
