/**
 * The timeline: every engine event as a row in swimlanes (one column per device, one for the server),
 * newest at the bottom. Built for long sessions:
 *  - virtualized: only the rows in view (plus a small overscan) exist in the DOM, recycled on scroll;
 *  - filtering is one pass over precomputed lower-cased strings into an index array, then the same
 *    window re-render: nothing else is rebuilt;
 *  - appending events extends the index array incrementally.
 * Keyboard: the list is one focus stop (role=listbox, aria-activedescendant); arrows, Page Up/Down,
 * Home/End move the selection; Enter/Space opens the details.
 */
import type { EventRow } from '../engine-adapter';
import { EVENT_CATEGORIES, formatClock, SERVER_LANE, type EventCategory } from '../format';
import { h, select, setChildren } from '../dom';

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

export interface TimelineFilter {
  text: string;
  category: EventCategory | 'all';
  lane: string;
}

export class Timeline {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly header: HTMLElement;
  private readonly lanesBackdrop: HTMLElement;
  private readonly textField: HTMLElement;
  private readonly categorySelect: HTMLElement;
  private readonly details: HTMLElement;
  private readonly countLabel: HTMLElement;
  private readonly laneSelectHost: HTMLElement;
  private rows: readonly EventRow[] = [];
  /** Indexes into `rows` that pass the filter. */
  private visible: Int32Array = new Int32Array(1024);
  private visibleCount = 0;
  /** How many of `rows` the index array has seen. */
  private scanned = 0;
  private lanes: string[] = [SERVER_LANE];
  private laneNames = new Map<string, string>();
  private laneNamesKey = '';
  private pool: HTMLElement[] = [];
  private selected = -1; // position in `visible`
  private follow = true;
  readonly filter: TimelineFilter = { text: '', category: 'all', lane: 'all' };
  /** Filled by tests and the perf figures: duration of the last filter pass + window render. */
  lastFilterMs = 0;

  constructor(private readonly onFilterChange: (f: TimelineFilter) => void) {
    const textField = this.textField = h('vscode-textfield', {
      placeholder: 'Filter events (text, error code, record…)', 'aria-label': 'Filter timeline events', 'data-testid': 'timeline-filter',
      class: 'tl-filter',
    });
    textField.addEventListener('input', () => {
      this.filter.text = String((textField as HTMLElement & { value: string }).value ?? '');
      this.applyFilter();
    });
    const categorySelect = this.categorySelect = select('Event kind', [['all', 'All kinds'], ...EVENT_CATEGORIES.map((c) => [c, c === 'error' ? 'Errors' : c[0].toUpperCase() + c.slice(1)] as [string, string])],
      'all', (v) => {
        this.filter.category = v as EventCategory | 'all';
        this.applyFilter();
      }, 'timeline-category');
    this.laneSelectHost = h('span', { class: 'tl-lane-select' });
    this.countLabel = h('span', { class: 'tl-count', role: 'status', 'aria-live': 'polite', 'data-testid': 'timeline-count' });
    this.header = h('div', { class: 'tl-row tl-head', role: 'presentation' });
    this.spacer = h('div', { class: 'tl-spacer' });
    this.viewport = h('div', {
      class: 'tl-viewport', tabindex: 0, role: 'listbox', 'aria-label': 'Timeline of sync events, newest last', 'data-testid': 'timeline',
    }, this.spacer);
    // The swimlanes themselves: one column per lane behind the rows, drawn once (not per row).
    this.lanesBackdrop = h('div', { class: 'tl-row tl-lanes', 'aria-hidden': 'true' });
    this.details = h('div', { class: 'tl-details', role: 'region', 'aria-label': 'Event details', 'aria-live': 'polite', 'data-testid': 'event-details' },
      h('p', { class: 'muted' }, 'Select an event to see its details.'));
    this.element = h('section', { class: 'timeline', 'aria-label': 'Timeline' },
      h('div', { class: 'tl-toolbar' }, h('h2', {}, 'Timeline'), textField, categorySelect, this.laneSelectHost, this.countLabel),
      this.header, h('div', { class: 'tl-body' }, this.lanesBackdrop, this.viewport), this.details);
    this.viewport.addEventListener('scroll', () => {
      this.follow = this.viewport.scrollTop + this.viewport.clientHeight >= this.viewport.scrollHeight - ROW_HEIGHT;
      this.renderWindow();
    }, { passive: true });
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('.tl-row');
      if (!row || row.dataset.pos === undefined) return;
      this.select(Number(row.dataset.pos), true);
    });
  }

  /** Sets the lanes (device ids and names, then the server). */
  setLanes(devices: readonly { id: string; name: string }[]): void {
    const lanes = [...devices.map((d) => d.id), SERVER_LANE];
    const names = devices.map((d) => d.name).join();
    if (lanes.join() === this.lanes.join() && names === this.laneNamesKey) return;
    this.laneNamesKey = names;
    this.lanes = lanes;
    this.laneNames = new Map([...devices.map((d) => [d.id, `${d.name} (${d.id})`] as [string, string]), [SERVER_LANE, 'CloudKit server']]);
    const columns = `var(--tl-time-width) repeat(${lanes.length}, minmax(0, 1fr))`;
    this.element.style.setProperty('--tl-columns', columns);
    setChildren(this.header, h('span', { class: 'tl-time' }, 'Time'),
      ...lanes.map((l, i) => h('span', { class: 'tl-lane-title', 'data-col': i }, this.laneNames.get(l) ?? l)));
    for (const [i, cell] of [...this.header.children].slice(1).entries()) (cell as HTMLElement).style.gridColumn = String(i + 2);
    setChildren(this.lanesBackdrop, h('span', {}), ...lanes.map((l) => h('span', { class: `tl-lane${l === SERVER_LANE ? ' server' : ''}` })));
    if (this.filter.lane !== 'all' && !lanes.includes(this.filter.lane)) this.filter.lane = 'all';
    setChildren(this.laneSelectHost, select('Swimlane', [['all', 'All lanes'], ...lanes.map((l) => [l, this.laneNames.get(l) ?? l] as [string, string])],
      this.filter.lane, (v) => {
        this.filter.lane = v;
        this.applyFilter();
      }, 'timeline-lane'));
    this.pool.forEach((p) => p.remove());
    this.pool = [];
    this.renderWindow();
  }

  /** A new session: the rows array is replaced. */
  reset(rows: readonly EventRow[]): void {
    this.rows = rows;
    this.scanned = 0;
    this.visibleCount = 0;
    this.selected = -1;
    this.follow = true;
    setChildren(this.details, h('p', { class: 'muted' }, 'Select an event to see its details.'));
    this.update();
  }

  /** Restores a filter (from a session file: untrusted, so each field is checked). */
  setFilter(f: unknown): void {
    if (typeof f !== 'object' || f === null) return;
    const x = f as Record<string, unknown>;
    if (typeof x.text === 'string') this.filter.text = x.text.slice(0, 500);
    if (x.category === 'all' || (EVENT_CATEGORIES as readonly unknown[]).includes(x.category)) this.filter.category = x.category as EventCategory | 'all';
    if (typeof x.lane === 'string' && (x.lane === 'all' || this.lanes.includes(x.lane))) this.filter.lane = x.lane;
    (this.textField as HTMLElement & { value: string }).value = this.filter.text;
    (this.categorySelect as HTMLElement & { value: string }).value = this.filter.category;
    const lane = this.laneSelectHost.firstElementChild as (HTMLElement & { value: string }) | null;
    if (lane) lane.value = this.filter.lane;
    this.applyFilter();
  }

  private push(i: number): void {
    if (this.visibleCount === this.visible.length) {
      const grown = new Int32Array(this.visible.length * 2);
      grown.set(this.visible);
      this.visible = grown;
    }
    this.visible[this.visibleCount++] = i;
  }

  /** Re-filters everything (filter changed). */
  applyFilter(): void {
    const start = performance.now();
    const selectedRow = this.selected >= 0 ? this.visible[this.selected] : -1;
    this.visibleCount = 0;
    this.scanned = 0;
    this.selected = -1;
    this.scan();
    if (selectedRow >= 0) {
      for (let p = 0; p < this.visibleCount; p++) if (this.visible[p] === selectedRow) { this.selected = p; break; }
    }
    this.renderWindow();
    this.lastFilterMs = performance.now() - start;
    this.onFilterChange(this.filter);
  }

  private scan(): void {
    const text = this.filter.text.toLowerCase();
    const f = { ...this.filter, text };
    const rows = this.rows;
    for (let i = this.scanned; i < rows.length; i++) {
      const r = rows[i];
      // Sharing also shows the failed share actions (category error) and the sharing inputs (category input).
      if (f.category !== 'all' && r.category !== f.category && !(f.category === 'sharing' && r.sharing)) continue;
      if (f.lane !== 'all' && r.lane !== f.lane) continue;
      if (text !== '' && !r.haystack.includes(text)) continue;
      this.push(i);
    }
    this.scanned = rows.length;
  }

  /** New events arrived: extend the index and re-render the window. */
  update(): void {
    this.scan();
    this.renderWindow();
    if (this.follow) this.viewport.scrollTop = this.viewport.scrollHeight;
  }

  get shownCount(): number {
    return this.visibleCount;
  }

  private renderWindow(): void {
    this.spacer.style.height = `${this.visibleCount * ROW_HEIGHT}px`;
    // Keep the header and the lanes aligned with the rows when the list shows a scrollbar.
    const gutter = `${Math.max(0, this.viewport.offsetWidth - this.viewport.clientWidth)}px`;
    this.header.style.paddingRight = gutter;
    this.lanesBackdrop.style.right = gutter;
    this.countLabel.textContent = this.visibleCount === this.rows.length
      ? `${this.rows.length} events` : `${this.visibleCount} of ${this.rows.length} events`;
    const height = this.viewport.clientHeight || 320;
    // After a filter shrinks the list the browser may not have clamped scrollTop yet: do it here.
    const maxTop = Math.max(0, this.visibleCount * ROW_HEIGHT - height);
    let top = this.viewport.scrollTop;
    if (top > maxTop) {
      top = maxTop;
      this.viewport.scrollTop = maxTop;
    }
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.visibleCount, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) {
      const el = h('div', { class: 'tl-row', role: 'option' }, h('span', { class: 'tl-time' }), h('span', { class: 'tl-chip' }));
      this.spacer.append(el);
      this.pool.push(el);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k];
      const pos = first + k;
      if (k >= needed) {
        el.hidden = true;
        continue;
      }
      el.hidden = false;
      this.fillRow(el, pos);
    }
    this.viewport.setAttribute('aria-activedescendant', this.selected >= 0 ? `tl-row-${this.visible[this.selected]}` : '');
  }

  private fillRow(el: HTMLElement, pos: number): void {
    const row = this.rows[this.visible[pos]];
    const e = row.event;
    el.style.transform = `translateY(${pos * ROW_HEIGHT}px)`;
    el.dataset.pos = String(pos);
    el.id = `tl-row-${this.visible[pos]}`;
    el.setAttribute('aria-selected', String(pos === this.selected));
    el.classList.toggle('selected', pos === this.selected);
    const laneName = this.laneNames.get(row.lane) ?? row.lane;
    el.setAttribute('aria-label', `${formatClock(e.t)}, ${laneName}: ${row.summary}`);
    const [time, chip] = el.children as unknown as [HTMLElement, HTMLElement];
    time.textContent = formatClock(e.t);
    chip.textContent = row.summary;
    chip.title = row.errorText ?? row.summary;
    chip.className = `tl-chip cat-${row.category}`;
    const col = Math.max(0, this.lanes.indexOf(row.lane));
    chip.style.gridColumn = `${col + 2} / span ${Math.min(2, this.lanes.length - col)}`;
  }

  private select(pos: number, open: boolean): void {
    if (this.visibleCount === 0) return;
    this.selected = Math.max(0, Math.min(this.visibleCount - 1, pos));
    const top = this.selected * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    this.follow = false;
    this.renderWindow();
    if (open) this.showDetails(this.rows[this.visible[this.selected]]);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const cur = this.selected < 0 ? this.visibleCount : this.selected;
    let target: number | undefined;
    switch (e.key) {
      case 'ArrowDown': target = this.selected < 0 ? 0 : cur + 1; break;
      case 'ArrowUp': target = cur - 1; break;
      case 'PageDown': target = cur + page; break;
      case 'PageUp': target = cur - page; break;
      case 'Home': target = 0; break;
      case 'End': target = this.visibleCount - 1; break;
      case 'Enter': case ' ':
        if (this.selected >= 0) this.showDetails(this.rows[this.visible[this.selected]]);
        e.preventDefault();
        return;
      default: return;
    }
    e.preventDefault();
    this.select(target, true);
  }

  showDetails(row: EventRow): void {
    const e = row.event;
    const laneName = this.laneNames.get(row.lane) ?? row.lane;
    setChildren(this.details,
      h('h3', {}, `#${e.seq} ${e.kind}`),
      h('p', {}, `${formatClock(e.t)} · ${laneName} · ${row.category}`),
      h('p', { class: 'detail-summary' }, row.summary),
      row.errorText ? h('pre', { class: 'error-text', 'aria-label': 'Error as CloudKit logs it', 'data-testid': 'event-error' }, row.errorText) : null,
      h('details', {}, h('summary', {}, 'Event data'), h('pre', {}, JSON.stringify(e, null, 2))));
  }

  /** For tests: the visible text of the rendered rows. */
  renderedRowTexts(): string[] {
    return this.pool.filter((p) => !p.hidden).map((p) => p.textContent ?? '');
  }
}
