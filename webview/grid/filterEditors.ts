// Filter inputs that need more than a text box: date-times read in a zone the user sees and chooses (UTC
// or the local zone, sent as UTC instants), and a Json path with its value (where the database has path
// filters; otherwise it says so).
import type { Filter, FilterOp } from '../../src/shared/protocol/messages';
import {
  formatJsonPath,
  isoToWall,
  jsonPathValue,
  parseJsonPath,
  wallToIso,
  zoneLabel,
  type Zone,
} from './filterValues';
import { el } from '../shared/dom';

/** The zone date-time filters are typed in (one for the grid; UTC matches how cells show date-times). */
let zone: Zone = 'UTC';

/** A date-time input in the chosen zone; `onChange` gets an ISO instant in UTC, or '' when empty. */
function dateInput(label: string, iso: unknown, onChange: (iso: string) => void): HTMLInputElement {
  const input = el('input', {
    type: 'datetime-local',
    step: '0.001',
    class: 'filter-value filter-date',
    'aria-label': `${label} (${zoneLabel(zone)})`,
  });
  input.value = typeof iso === 'string' && iso ? isoToWall(iso, zone) : '';
  input.addEventListener('change', () => {
    if (input.value === '') {
      input.classList.remove('invalid');
      onChange('');
      return;
    }
    const at = wallToIso(input.value, zone);
    input.classList.toggle('invalid', at === undefined);
    input.title = at ? `${at} (UTC)` : 'Not a valid date-time';
    if (at) onChange(at);
  });
  if (typeof iso === 'string' && iso) input.title = `${iso} (UTC)`;
  return input;
}

function zonePicker(rerender: () => void): HTMLElement {
  const sel = el(
    'select',
    { class: 'filter-zone', 'aria-label': 'Time zone of the date-times typed here' },
    el('option', { value: 'UTC' }, 'UTC'),
    el('option', { value: 'local' }, zoneLabel('local')),
  );
  sel.value = zone;
  sel.addEventListener('change', () => {
    zone = sel.value === 'local' ? 'local' : 'UTC';
    rerender();
  });
  return sel;
}

/**
 * The value part of a DateTime filter: `between` takes a range (either end may stay open), the other
 * operators one instant; the zone is shown beside them and can be switched.
 */
export function dateTimeEditor(f: Filter, apply: () => void, rerender: () => void): HTMLElement[] {
  if (f.op === 'between') {
    const from = dateInput('From', f.values?.[0], (v) => {
      f.values = [v, f.values?.[1] ?? ''];
      apply();
    });
    const to = dateInput('To', f.values?.[1], (v) => {
      f.values = [f.values?.[0] ?? '', v];
      apply();
    });
    return [from, el('span', {}, 'and'), to, zonePicker(rerender)];
  }
  return [
    dateInput('Filter value', f.value, (v) => {
      f.value = v;
      apply();
    }),
    zonePicker(rerender),
  ];
}

export type JsonPathSupport = { supported: true } | { supported: false; reason: string };

/** The path input of a Json filter (or, where the database has none, why not). */
export function jsonPathInput(f: Filter, support: JsonPathSupport, onPathChange: () => void): HTMLElement {
  if (!support.supported) {
    return el('span', { class: 'filter-note', id: 'json-path-unsupported', title: support.reason }, support.reason);
  }
  const input = el('input', {
    type: 'text',
    class: 'filter-path',
    placeholder: 'path: a.b.0 (optional)',
    'aria-label': 'Json path (keys separated by dots; empty for the whole value)',
  });
  input.value = formatJsonPath(f.path);
  input.addEventListener('change', () => {
    const path = parseJsonPath(input.value);
    if (path.length) f.path = path;
    else delete f.path;
    onPathChange();
  });
  return input;
}

/** The value input of a Json path filter: JSON (42, true, "x"), or plain text for contains / starts / ends with. */
export function jsonPathValueInput(f: Filter, apply: () => void): HTMLInputElement {
  const text = ['contains', 'startsWith', 'endsWith'].includes(f.op);
  const input = el('input', {
    type: 'text',
    class: 'filter-value',
    'aria-label': 'Value at the path',
    placeholder: text ? 'text' : 'JSON value: 42, true, "x" (plain text is a string)',
  });
  input.value = typeof f.value === 'string' ? f.value : '';
  const commit = () => {
    f.value = input.value === '' ? '' : jsonPathValue(f.op as FilterOp, input.value);
    apply();
  };
  input.addEventListener('change', commit);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') commit();
  });
  return input;
}
