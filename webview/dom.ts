/**
 * A tiny DOM builder: the panel renders with plain DOM and @vscode-elements web components, no framework.
 * Attributes are set with setAttribute (never innerHTML), so no event log text can inject markup.
 */
type Child = Node | string | number | false | null | undefined;
export type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: (Child | Child[])[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: HTMLElement, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces the children of `el`. */
export function setChildren(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el as HTMLElement, children);
}

/** A <vscode-button>; `secondary` for the less important ones. */
export function button(label: string, onClick: () => void, opts: { secondary?: boolean; title?: string; id?: string; disabled?: boolean; testid?: string } = {}): HTMLElement {
  const b = h('vscode-button', {
    id: opts.id, title: opts.title, 'aria-label': opts.title ?? label, secondary: opts.secondary, disabled: opts.disabled,
    'data-testid': opts.testid,
  }, label);
  b.addEventListener('click', () => {
    if (!(b as HTMLElement & { disabled?: boolean }).disabled) onClick();
  });
  return b;
}

/** A <vscode-single-select> with options; calls onChange with the new value. */
export function select(label: string, options: readonly (string | [value: string, text: string])[], value: string, onChange: (v: string) => void, testid?: string): HTMLElement {
  const sel = h('vscode-single-select', { 'aria-label': label, title: label, 'data-testid': testid });
  for (const o of options) {
    const [v, text] = typeof o === 'string' ? [o, o] : o;
    sel.append(h('vscode-option', { value: v, selected: v === value }, text));
  }
  (sel as HTMLElement & { value: string }).value = value;
  sel.addEventListener('change', () => onChange((sel as HTMLElement & { value: string }).value));
  return sel;
}
