import { t } from './i18n';

/** Builds an element: attributes (on* are listeners), then children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined | ((event: Event) => void)> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

type Attributes = Parameters<typeof h>[1];
type Children = Parameters<typeof h>[2][];

/** A form the page handles itself: submitting runs `onSubmit` and navigates nowhere. */
export function form(attributes: Attributes, onSubmit: (form: HTMLFormElement) => void, ...children: Children): HTMLFormElement {
  const submit = (event: Event) => {
    event.preventDefault();
    onSubmit(event.currentTarget as HTMLFormElement);
  };
  return h('form', { ...attributes, onsubmit: submit }, ...children);
}

let firstPage = true;
let keepFocusOn: string | undefined;

/** The next page keeps focus on this control (a filter that redraws the list it belongs to). */
export function keepFocus(id: string): void {
  keepFocusOn = id;
}

/**
 * Replaces the page content and titles it. After an in-app navigation focus moves to the new
 * heading, for screen readers; on the first page the browser's own focus order starts at the top
 * (the skip link).
 */
export function show(title: string, ...content: Node[]): void {
  const main = document.getElementById('main')!;
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content);
  document.title = `${title} · ${t('app.name')}`;
  const kept = keepFocusOn && document.getElementById(keepFocusOn);
  keepFocusOn = undefined;
  if (kept) kept.focus();
  else if (!firstPage) heading.focus();
  firstPage = false;
}

/** Says something in the live region (and nowhere else). */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  const status = document.getElementById('status')!;
  status.className = `status ${kind}`;
  status.textContent = message;
}
