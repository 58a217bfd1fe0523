// The filter bar: one row per filter (column, operator, value editors by type), AND / OR.
import type { Filter, FilterOp } from '../../src/shared/protocol/messages';
import type { ColumnMeta, WireValue } from '../../src/shared/protocol/model';
import { button, g } from './context';
import { dateTimeEditor, jsonPathInput, jsonPathValueInput } from './filterEditors';
import { jsonPathOps } from './filterValues';
import { opLabels, opsFor } from './format';
import { filterBar } from './layout';
import { queryChanged } from './reads';
import { el } from '../shared/dom';

export function addFilter(f?: Filter): void {
  if (!g.st) return;
  const c = g.st.model.columns[0];
  g.st.query.filters.push(f ?? { column: c.name, op: opsFor(c)[0] });
  renderFilters();
}

export function renderFilters(): void {
  if (!g.st) return;
  filterBar.replaceChildren();
  if (g.st.query.filters.length === 0) return;
  if (g.st.query.filters.length > 1) {
    const comb = el(
      'select',
      { 'aria-label': 'Combine filters with' },
      el('option', { value: 'AND' }, 'all of (AND)'),
      el('option', { value: 'OR' }, 'any of (OR)'),
    );
    comb.value = g.st.query.combinator;
    comb.addEventListener('change', () => {
      g.st!.query.combinator = comb.value === 'OR' ? 'OR' : 'AND';
      queryChanged();
    });
    filterBar.append(el('div', { class: 'filter' }, el('span', {}, 'Match'), comb));
  }
  g.st.query.filters.forEach((f, i) => {
    const column = g.st!.model.columns.find((c) => c.name === f.column) ?? g.st!.model.columns[0];
    const colSel = el(
      'select',
      { 'aria-label': 'Filter column', class: 'filter-column' },
      ...g.st!.model.columns.map((c) => el('option', { value: c.name }, c.name)),
    );
    colSel.value = column.name;
    const byPath = column.type === 'Json' && !column.list && (f.path?.length ?? 0) > 0 && g.st!.jsonPath.supported;
    const ops = byPath ? jsonPathOps : opsFor(column);
    const opSel = el(
      'select',
      { 'aria-label': 'Filter operator', class: 'filter-op' },
      ...ops.map((o) => el('option', { value: o }, opLabels[o])),
    );
    opSel.value = ops.includes(f.op) ? f.op : ops[0];
    const row = el('div', { class: 'filter', 'data-index': String(i) }, colSel);
    if (column.type === 'Json' && !column.list) {
      row.append(
        jsonPathInput(f, g.st!.jsonPath, () => {
          const allowed = f.path?.length ? jsonPathOps : opsFor(column);
          if (!allowed.includes(f.op)) f.op = allowed[0];
          delete f.value;
          delete f.values;
          renderFilters();
          queryChanged();
        }),
      );
    }
    row.append(opSel);
    const apply = () => queryChanged();
    colSel.addEventListener('change', () => {
      const c = g.st!.model.columns.find((x) => x.name === colSel.value)!;
      g.st!.query.filters[i] = { column: c.name, op: opsFor(c)[0] };
      renderFilters();
    });
    opSel.addEventListener('change', () => {
      f.op = opSel.value as FilterOp;
      delete f.value;
      delete f.values;
      renderFilters();
      if (f.op === 'isNull' || f.op === 'notNull') apply();
    });
    if (f.op !== 'isNull' && f.op !== 'notNull') {
      if (byPath) {
        row.append(jsonPathValueInput(f, apply));
      } else if (column.type === 'DateTime' && !column.list && f.op !== 'in') {
        row.append(...dateTimeEditor(f, apply, () => renderFilters()));
      } else if (f.op === 'between') {
        const [a, b] = [
          valueInput(column, f.values?.[0] ?? null, (v) => {
            f.values = [v, f.values?.[1] ?? null];
            apply();
          }),
          valueInput(column, f.values?.[1] ?? null, (v) => {
            f.values = [f.values?.[0] ?? null, v];
            apply();
          }),
        ];
        row.append(a, el('span', {}, 'and'), b);
      } else if (f.op === 'in') {
        const input = el('input', {
          type: 'text',
          class: 'filter-value',
          placeholder: 'a, b, c',
          'aria-label': 'Filter values',
        });
        input.value = (f.values ?? []).join(', ');
        input.addEventListener('change', () => {
          f.values = input.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => typed(column, s));
          apply();
        });
        row.append(input);
      } else {
        row.append(
          valueInput(column, f.value ?? null, (v) => {
            f.value = v;
            apply();
          }),
        );
      }
    }
    row.append(
      button('', 'close', 'Remove this filter', () => {
        g.st!.query.filters.splice(i, 1);
        renderFilters();
        queryChanged();
      }),
    );
    filterBar.append(row);
  });
}

/** A text value typed in a filter, as the wire value its column takes. */
export function typed(c: ColumnMeta, s: string): WireValue {
  if ((c.type === 'Int' || c.type === 'Float') && s.trim() !== '' && !Number.isNaN(Number(s))) return Number(s);
  if (c.type === 'Boolean') return s === 'true';
  return s;
}

export function valueInput(c: ColumnMeta, value: WireValue, onChange: (v: WireValue) => void): HTMLElement {
  if (c.type === 'Enum' || c.type === 'Boolean') {
    const options = c.type === 'Boolean' ? ['true', 'false'] : (c.enumValues ?? []);
    const sel = el(
      'select',
      { class: 'filter-value', 'aria-label': 'Filter value' },
      el('option', { value: '' }, '—'),
      ...options.map((o) => el('option', { value: o }, o)),
    );
    sel.value = value === null ? '' : String(value);
    sel.addEventListener('change', () => onChange(sel.value === '' ? null : typed(c, sel.value)));
    return sel;
  }
  const input = el('input', {
    type: c.type === 'DateTime' ? 'text' : 'text',
    class: 'filter-value',
    'aria-label': 'Filter value',
    placeholder: c.type === 'DateTime' ? '2024-01-31 or ISO date-time' : c.type,
  });
  input.value = value === null ? '' : String(value);
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(typed(c, input.value)), 350);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(timer);
      onChange(typed(c, input.value));
    }
  });
  return input;
}
