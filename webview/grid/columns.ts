// Which columns the grid shows and in what order: hidden ones left out, pinned (frozen) ones first in the
// order they were pinned, the rest in the model's order. Pure: the header menu and the tests use it.

export interface ColumnLayoutState {
  hidden: string[];
  pinned: string[];
}

/** The shown columns, pinned first. */
export function orderedColumns<T extends { name: string }>(all: readonly T[], layout: ColumnLayoutState): T[] {
  const shown = all.filter((c) => !layout.hidden.includes(c.name));
  const pinned = layout.pinned.map((n) => shown.find((c) => c.name === n)).filter((c): c is T => c !== undefined);
  return [...pinned, ...shown.filter((c) => !layout.pinned.includes(c.name))];
}

/** Hides or shows a column; the last shown column stays (a grid of no columns helps nobody). */
export function toggleHidden(layout: ColumnLayoutState, name: string, all: readonly string[]): ColumnLayoutState {
  if (layout.hidden.includes(name)) return { ...layout, hidden: layout.hidden.filter((n) => n !== name) };
  const shown = all.filter((n) => !layout.hidden.includes(n));
  if (shown.length <= 1 && shown.includes(name)) return layout;
  return { hidden: [...layout.hidden, name], pinned: layout.pinned.filter((n) => n !== name) };
}

/** Pins (at the end of the pinned columns) or unpins a column; pinning a hidden column shows it. */
export function togglePinned(layout: ColumnLayoutState, name: string): ColumnLayoutState {
  if (layout.pinned.includes(name)) return { ...layout, pinned: layout.pinned.filter((n) => n !== name) };
  return { hidden: layout.hidden.filter((n) => n !== name), pinned: [...layout.pinned, name] };
}

/** Drops names the model does not have (a layout remembered before a column was renamed or removed). */
export function cleanLayout(layout: ColumnLayoutState, all: readonly string[]): ColumnLayoutState {
  const hidden = layout.hidden.filter((n) => all.includes(n));
  return {
    hidden: hidden.length >= all.length ? [] : hidden,
    pinned: layout.pinned.filter((n, i) => all.includes(n) && layout.pinned.indexOf(n) === i && !hidden.includes(n)),
  };
}
