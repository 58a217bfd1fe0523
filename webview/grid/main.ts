// The data grid front end: a virtualised table of one model's rows, pages fetched from the host as the
// user scrolls, sort / filters / quick search, inline editing with pending changes and one Save.
// Plain DOM and a small fixed-row-height virtualiser (virtual.ts): no framework, ~30 KB bundled.
// The parts: context.ts (shared state), layout.ts (the page), header.ts, filterBar.ts, reads.ts (rows and
// totals from the host), rows.ts (drawing), init.ts (a model shown), editing.ts, keyboard.ts, viewState.ts,
// spreadsheet.ts and copyRows.ts (ranges, copy and paste); this file takes the host's messages.
import type { HostMessage } from '../../src/shared/protocol/messages';
import { addDeferredFont } from '../shared/deferredFont';
import { g, requests, send } from './context';
import { onCopyFailed, onCopyRows } from './copyRows';
import { onSaved } from './editing';
import { onInit } from './init';
import { onPickerError, onRelated } from './relationPicker';
import { bindInput } from './keyboard';
import { bindSpreadsheet } from './spreadsheet';
import { setStatus } from './layout';
import { onCountRead, onReadFailed, onRowsRead, queryChanged } from './reads';
import { render } from './rows';
import { saveFailureText } from './saveOutcome';

bindInput();
bindSpreadsheet();
addDeferredFont();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'init':
      onInit(m);
      break;
    case 'count':
      onCountRead(m);
      break;
    case 'rows':
      if (!onCopyRows(m)) onRowsRead(m);
      break;
    case 'saved':
      requests.delete(m.requestId);
      onSaved(m.result);
      break;
    case 'related':
      onRelated(m);
      break;
    case 'readOnly':
      if (!g.st) return;
      g.st.readOnly = m.readOnly;
      g.st.readOnlyForced = m.readOnlyForced;
      render();
      break;
    case 'error':
      // a failed read (rows or count) is not asked again on the next frame: on scroll after a back-off, or
      // at once with Retry / Refresh
      if (m.requestId !== undefined) {
        if (onPickerError(m.requestId, m.message) || onCopyFailed(m.requestId, m.message)) break;
        if (onReadFailed(m.requestId, m.message)) break;
        // a save the host could not finish: nothing was written (one transaction), the edits wait
        setStatus(saveFailureText(m.message), 'error');
        render();
        break;
      }
      setStatus(m.message, 'error');
      render();
      break;
    case 'refresh':
      queryChanged(undefined, true);
      break;
  }
});

// the host may put the first `init` (with its first page) in the page itself: draw it now, without a round trip
const initInPage = document.getElementById('grid-init')?.textContent;
if (initInPage) window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(initInPage) as HostMessage }));
performance.mark('grid: ready sent');
send({ type: 'ready' });
