// Editing: a cell editor by column type, new rows, deletions, and Save with its conflicts and errors.
import type { SaveResult } from '../../src/shared/protocol/messages';
import type { ColumnMeta, WireValue } from '../../src/shared/protocol/model';
import { cache, columns, g, newRequest, send } from './context';
import { editText } from './format';
import { rowsEl, setStatus, viewport } from './layout';
import { rowIdOf, type PendingChanges } from './pending';
import { saveResultText } from './saveOutcome';
import { queryChanged } from './reads';
import { render } from './rows';
import { openRelationPicker } from './relationPicker';
import { el } from '../shared/dom';

export function startEdit(rowIndex: number, colIndex: number): void {
  if (!g.st || !g.pending) return;
  if (g.st.readOnly) {
    setStatus(
      g.st.readOnlyForced ? 'Read-only: this database is marked production.' : 'Read-only: turn it off to edit.',
      'error',
    );
    return;
  }
  const row = cache.row(rowIndex);
  const c = columns()[colIndex];
  if (!row || !c) return;
  const cell = rowsEl.querySelector<HTMLElement>(`[data-row="${rowIndex}"] [data-col="${CSS.escape(c.name)}"]`);
  if (!cell) return;
  if (c.references) {
    // a foreign key: pick the related row (all columns of a compound key change together, one undo step)
    openRelationPicker(cell, c, (changes) => {
      g.pending!.editMany(Object.entries(changes).map(([column, value]) => ({ row, column, value })));
      render();
    });
    return;
  }
  editCell(cell, c, g.pending.value(row, c.name), (v) => {
    g.pending!.edit(row, c.name, v);
    render();
  });
}

export function editCell(cell: HTMLElement, c: ColumnMeta, value: WireValue, commit: (v: WireValue) => void): void {
  let editor: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (c.type === 'Enum' || c.type === 'Boolean') {
    const options = c.type === 'Boolean' ? ['true', 'false'] : (c.enumValues ?? []);
    editor = el(
      'select',
      { class: 'editor', 'aria-label': `Edit ${c.name}` },
      ...(c.optional ? [el('option', { value: '\u0000' }, 'NULL')] : []),
      ...options.map((o) => el('option', { value: o }, o)),
    );
    editor.value = value === null ? '\u0000' : String(value);
  } else if (
    c.type === 'Json' ||
    c.list ||
    (c.type === 'String' && typeof value === 'string' && (value.includes('\n') || value.length > 60))
  ) {
    editor = el('textarea', { class: 'editor multiline', 'aria-label': `Edit ${c.name} (Ctrl+Enter to apply)` });
    editor.value = c.type === 'Json' && typeof value === 'string' ? prettyJson(value) : editText(value);
  } else {
    editor = el('input', {
      class: 'editor',
      type: 'text',
      'aria-label': `Edit ${c.name}`,
      placeholder: c.optional ? 'empty = NULL' : '',
    });
    editor.value = editText(value);
  }
  const done = (apply: boolean) => {
    if (!editor.isConnected) return;
    if (apply) {
      const raw = editor.value;
      let v: WireValue;
      if (raw === '\u0000' || (raw === '' && c.optional && c.type !== 'String')) v = null;
      else if (c.type === 'Int' || c.type === 'Float')
        v = raw.trim() === '' ? null : Number.isNaN(Number(raw)) ? raw : Number(raw);
      else if (c.type === 'Boolean') v = raw === 'true';
      else if (c.type === 'Json') {
        try {
          v = JSON.stringify(JSON.parse(raw));
        } catch (e) {
          editor.classList.add('invalid');
          setStatus(`${c.name}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'error');
          return;
        }
      } else v = raw;
      commit(v);
    }
    g.editing = false;
    editor.remove();
    viewport.focus();
    render();
  };
  editor.addEventListener('keydown', (e) => {
    const ke = e as KeyboardEvent;
    ke.stopPropagation();
    if (ke.key === 'Escape') done(false);
    else if (ke.key === 'Enter' && (!(editor instanceof HTMLTextAreaElement) || ke.ctrlKey || ke.metaKey)) {
      ke.preventDefault();
      done(true);
    }
  });
  editor.addEventListener('blur', () => done(true));
  editor.addEventListener('mousedown', (e) => e.stopPropagation());
  editor.addEventListener('dblclick', (e) => e.stopPropagation());
  g.editing = true;
  cell.append(editor);
  editor.focus();
  if (editor instanceof HTMLInputElement) editor.select();
}

export function prettyJson(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}

export function addRow(): void {
  if (!g.st || !g.pending) return;
  if (g.st.readOnly) {
    setStatus('Read-only: turn it off to add rows.', 'error');
    return;
  }
  g.pending.insert({});
  render();
}

export function deleteFocused(): void {
  if (!g.st || !g.pending) return;
  if (g.st.readOnly) {
    setStatus('Read-only: turn it off to delete rows.', 'error');
    return;
  }
  const row = cache.row(g.st.focus.row);
  if (row) g.pending.toggleDelete(row);
  render();
}

export function save(): void {
  if (!g.st || !g.pending || g.pending.count === 0) return;
  const requestId = newRequest('save');
  saveRequest = g.pending.toRequest();
  setStatus('Saving…');
  send({ type: 'save', requestId, request: saveRequest });
}
let saveRequest: ReturnType<PendingChanges['toRequest']> | undefined;

export function onSaved(result: SaveResult): void {
  if (!g.st || !g.pending) return;
  g.st.conflicts.clear();
  g.st.cellErrors.clear();
  if (result.ok) {
    g.pending.clear();
    setStatus(saveResultText(result));
    queryChanged(undefined, true);
    return;
  }
  const req = saveRequest;
  for (const c of result.conflicts) {
    const original = c.kind === 'update' ? req?.updates[c.index]?.original : req?.deletes[c.index]?.original;
    if (original)
      g.st.conflicts.set(
        rowIdOf(g.st.model, original),
        c.current ? 'Changed in the database since you read it' : 'Deleted from the database since you read it',
      );
  }
  for (const e of result.errors) {
    const original =
      e.kind === 'update'
        ? req?.updates[e.index]?.original
        : e.kind === 'delete'
          ? req?.deletes[e.index]?.original
          : undefined;
    const id = e.kind === 'insert' ? `insert:${e.index}` : original ? rowIdOf(g.st.model, original) : '';
    if (e.column) g.st.cellErrors.set(`${id}\n${e.column}`, e.message);
    else if (id) g.st.conflicts.set(id, e.message);
  }
  setStatus(saveResultText(result), 'error');
  render();
}
