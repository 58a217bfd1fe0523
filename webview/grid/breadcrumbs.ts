// The breadcrumb trail over the grid: the models this panel came from by following relations, each a
// button that goes back to it (the host keeps the trail; the webview only says which crumb).
import type { Crumb } from '../../src/shared/protocol/messages';
import { describeFilters } from './filterValues';

export function renderBreadcrumbs(
  bar: HTMLElement,
  trail: readonly Crumb[],
  current: string,
  currentFilters: string,
  onBack: (index: number) => void,
): void {
  bar.replaceChildren();
  bar.hidden = trail.length === 0;
  if (trail.length === 0) return;
  const list = document.createElement('ol');
  trail.forEach((c, i) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.className = 'crumb';
    b.dataset.index = String(i);
    const filters = describeFilters(c.filters);
    b.textContent = c.model;
    b.title = `Back to ${c.model}${filters ? ` where ${filters}` : ''}`;
    b.addEventListener('click', () => onBack(i));
    li.append(b);
    list.append(li);
  });
  const here = document.createElement('li');
  const span = document.createElement('span');
  span.className = 'crumb current';
  span.setAttribute('aria-current', 'page');
  span.textContent = currentFilters ? `${current} (${currentFilters})` : current;
  here.append(span);
  list.append(here);
  bar.append(list);
}
