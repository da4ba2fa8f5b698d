import { keepFocus } from './dom';

/**
 * How often an open queue or intake page asks whether anything changed: 15 seconds, about the
 * time a texter takes to send the next text, at one small request per open page (a queue page
 * re-reads its page of 50; an intake page asks GET /intakes/{id}/changes, counts only). A tab can
 * shorten it for itself (`enlace.refresh-ms` in sessionStorage), as the browser tests do.
 */
export const REFRESH_MS = 15_000;

let stopCurrent: (() => void) | undefined;

/**
 * While this page is shown and its tab visible, asks `changed` every REFRESH_MS; when it says
 * yes, stops and calls `redraw` (focus stays on the control that had it). A hidden tab asks
 * nothing, and asks at once when it is shown again. A new page stops the last page's watch.
 */
export function watchForChanges(changed: () => Promise<boolean>, redraw: () => void): void {
  stopCurrent?.();
  const page = location.hash;
  const every = Number(sessionStorage.getItem('enlace.refresh-ms')) || REFRESH_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(() => void check(), every);
  };
  const check = async () => {
    if (stopped) return;
    if (location.hash !== page) return stop();
    const yes = await changed().catch(() => false);
    if (stopped || location.hash !== page) return;
    if (!yes) return schedule();
    stop();
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused.id) keepFocus(focused.id);
    redraw();
  };
  const onVisibility = () => (document.hidden ? clearTimeout(timer) : void check());
  document.addEventListener('visibilitychange', onVisibility);
  stopCurrent = stop;
  schedule();
}
