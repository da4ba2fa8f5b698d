import { ApiError } from './api';
import { h, show } from './dom';
import { t } from './i18n';
import { refusal } from './refusal';

/**
 * The page for a page that could not be shown: moved to another queue, not allowed, not found or
 * failed, in words. A 401 has already asked to sign in again (api.ts), keeping the page and what
 * was typed, so it shows nothing.
 */
export function showFailure(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) return;
  const title =
    error instanceof ApiError && error.code === 'moved'
      ? t('move.title')
      : error instanceof ApiError && error.status === 403
        ? t('page.notAllowed')
        : error instanceof ApiError && error.status === 404
          ? t('page.notFound')
          : t('page.failed');
  show(title, h('p', {}, refusal(error as Error)), h('p', {}, h('a', { href: '#/' }, t('page.back'))));
}
