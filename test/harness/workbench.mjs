// Helpers a UI scenario uses to drive the real VS Code workbench (code-server) in Chromium.
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sameFile = (state, file) =>
  state.file === file.split('/').pop() && (!file.startsWith('/') || !state.path || state.path === file);
const exact = (s) => new RegExp(`^\\s*${esc(s)}\\s*$`);

/** @param {import('playwright-core').Page} page */
export function createWorkbench(page, { workspace, timeout = 30_000 } = {}) {
  const wb = {
    page,
    workspace,

    /** Waits for the workbench shell and the status bar. */
    async ready() {
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout });
    },

    /** Opens an activity-bar view container by the start of its aria-label (clicking an open one would close it). */
    async openContainer(label) {
      const tab = page
        .locator('.activitybar .action-item')
        .filter({ has: page.locator(`[aria-label^="${label}"]`) })
        .or(page.locator(`.activitybar .action-item[aria-label^="${label}"]`))
        .first();
      await tab.waitFor({ timeout });
      if (
        (await tab.getAttribute('aria-selected')) !== 'true' &&
        !(await tab.getAttribute('class'))?.includes('checked')
      )
        await tab.click();
      await page.locator('#workbench\\.parts\\.sidebar').waitFor({ timeout });
      // the activity bar's hover label would cover the first items of the view: move the pointer away
      await page.mouse.move(700, 450);
    },

    /** Runs a command palette entry by its title ("Category: Title"), clicking the matching row. */
    // The palette lists the commands enabled when it opens and does not update while open; a command whose
    // enablement (isWorkspaceTrusted) the workbench has not settled yet is missing from that list, so the
    // palette is closed and opened again until the row shows (or `timeout` has passed).
    async runCommand(title) {
      const input = page.locator('.quick-input-widget input');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      const deadline = Date.now() + timeout;
      for (;;) {
        await page.keyboard.press('F1');
        await input.waitFor({ timeout });
        await input.fill(`>${title}`);
        const left = deadline - Date.now();
        const shown = await row.waitFor({ timeout: Math.max(1_000, Math.min(5_000, left)) }).then(
          () => true,
          (error) => (Date.now() >= deadline ? Promise.reject(error) : false),
        );
        if (shown) break;
        await page.keyboard.press('Escape');
      }
      await row.click();
    },

    /** A view pane (e.g. "Models") in the side bar. */
    view(name) {
      return page
        .locator('.pane')
        .filter({ has: page.locator('.pane-header', { hasText: exact(name) }) })
        .or(page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${name}"]`) }))
        .first();
    },

    /** A tree item whose label is exactly `name`, optionally inside view `view`; waits until it is visible. */
    async treeItem(name, { view } = {}) {
      const scope = view ? wb.view(view) : page;
      const item = scope
        .locator('[role="treeitem"]')
        .filter({ has: page.locator('.label-name', { hasText: exact(name) }) })
        .first();
      await item.waitFor({ timeout });
      return item;
    },

    /** Expands a collapsed tree item and waits for it to be expanded. */
    // `item` is a locator, read afresh each time: the view may rebuild its rows (a second discovery step, a
    // refresh), and an element handle taken before would stay collapsed and detached
    async expand(item) {
      const deadline = Date.now() + timeout;
      let clickedAt = 0;
      for (;;) {
        const expanded = await item.getAttribute('aria-expanded', { timeout });
        if (expanded === 'true') return;
        if (Date.now() > deadline) throw new Error(`tree item did not expand (aria-expanded=${expanded})`);
        if (expanded === 'false' && Date.now() - clickedAt > 2_000) {
          // the pointer may still rest on the activity bar, whose hover label can cover the tree's first column
          await item.hover();
          await item.locator('.monaco-tl-twistie').click();
          clickedAt = Date.now();
        }
        await page.waitForTimeout(100);
      }
    },

    /** The active editor: file name and path from its tab, cursor line/column (1-based) from the status bar. */
    async editorState() {
      return page.evaluate(() => {
        const tab =
          document.querySelector('.editor-group-container.active .tab.active') ??
          document.querySelector('.tabs-container .tab.active');
        const sel = document.getElementById('status.editor.selection')?.textContent ?? '';
        const m = /Ln (\d+), Col (\d+)/.exec(sel);
        return {
          file: tab?.getAttribute('data-resource-name') ?? undefined,
          path: tab?.querySelector('.tab-label[aria-label^="/"]')?.getAttribute('aria-label') ?? undefined,
          line: m ? Number(m[1]) : undefined,
          column: m ? Number(m[2]) : undefined,
        };
      });
    },

    /** Waits until the active editor shows `file` (a name, or an absolute path) and `line` when given. */
    async waitForEditor({ file, line }, ms = timeout) {
      const deadline = Date.now() + ms;
      let state;
      while (Date.now() < deadline) {
        state = await wb.editorState();
        if ((!file || sameFile(state, file)) && (line === undefined || state.line === line)) return state;
        await page.waitForTimeout(200);
      }
      throw new Error(`editor is ${JSON.stringify(state)}, expected ${JSON.stringify({ file, line })}`);
    },

    /** The content frame of the active webview (two nested iframes). */
    webview() {
      return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    },

    /** Waits for a notification (toast or notification center) containing `text`. */
    async notification(text) {
      const toast = page
        .locator('.notification-toast, .notifications-center')
        .locator('.notification-list-item-message', { hasText: text })
        .first();
      await toast.waitFor({ timeout });
      return toast;
    },
  };
  return wb;
}
