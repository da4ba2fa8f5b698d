import { currentSession, sessionEnded, type Session } from './auth';
import type { ConsoleConfig } from './config';
import { t } from './i18n';

/** One field's issue in a 400 answer (shared/domain/errors.ts, FieldIssue). */
export interface ApiIssue {
  field: string;
  message: string;
  code?: string;
  facts?: Record<string, string | number | string[]>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For a 400: what is wrong with each field (the staff catalog's `issue.` code and its facts; `message` in English). */
    readonly issues: ApiIssue[] = [],
    /** The API's error class (not_found, moved, ...). */
    readonly code?: string,
    /** The refusal's stable code (`not_allowed.view_intake`), a key of the staff catalog's `error.` sentences. */
    readonly refusalCode?: string,
    /** The values that refusal's sentence needs (staff name, category, status...), as machine values. */
    readonly facts: Record<string, string | number | string[]> = {},
  ) {
    super(message);
  }
}

/** The staff API, with the signed-in staff member's token. */
export function apiClient(config: ConsoleConfig, session: Session) {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    // The tab's session as it is now: one that has expired asks to sign in again before sending.
    const current = currentSession();
    if (!current || current.username !== session.username) {
      sessionEnded();
      throw new ApiError(401, t('api.sessionEnded'));
    }
    const response = await fetch(`${config.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${current.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const payload = (await response.json().catch(() => ({}))) as {
      error?: string;
      code?: string;
      facts?: Record<string, string | number | string[]>;
      message?: string;
      issues?: ApiIssue[];
    };
    if (response.status === 401) sessionEnded();
    if (!response.ok) {
      throw new ApiError(response.status, payload.message ?? t('api.failed', { status: response.status }), payload.issues, payload.error, payload.code, payload.facts);
    }
    return payload as T;
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}
export type Api = ReturnType<typeof apiClient>;
