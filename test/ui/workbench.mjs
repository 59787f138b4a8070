// What a person does in the VS Code workbench, as Playwright actions on code-server's page, and
// what they see, as texts read from it. Used by scripts/e2e/run-ui.mjs.
//
// No fixed sleeps: Playwright's locators wait for what they act on, and `until` polls a condition
// (every `interval` ms) up to a timeout.

/** Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws, with `what` and the last value seen). */
export async function until(fn, { timeout = 20_000, interval = 100, what = 'a condition', show } = {}) {
  const end = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= end) {
      const seen = show ? await Promise.resolve(show()).catch((e) => `(could not read: ${e.message})`) : last;
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}` +
          (seen !== undefined ? `; last seen: ${typeof seen === 'string' ? seen : JSON.stringify(seen)}` : '') +
          (lastError ? `; last error: ${lastError.message.split('\n')[0]}` : ''),
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Texts of the rendered rows of a list (the workbench's lists are virtual: only rows in view exist).
 * A label's description (e.g. an Outline symbol's detail) is set apart from its name by a space,
 * as the eye sees it.
 */
export async function rowTexts(list) {
  const texts = await list.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => {
      const copy = r.cloneNode(true);
      for (const d of copy.querySelectorAll('.label-description')) d.before(' ');
      return (copy.textContent || r.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    }),
  );
  return texts.filter(Boolean);
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { timeout = 20_000 } = {}) {
    this.page = page;
    this.timeout = timeout;
  }

  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox() {
    return this.quickInput.locator('.quick-input-box input');
  }

  /** Explorer: the rows of the folder tree. */
  get explorerRows() {
    return this.page.locator('.explorer-folders-view .monaco-list-row');
  }

  /** The view pane (in a side bar) whose header title matches `title`. */
  pane(title) {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header .title', { hasText: title }) });
  }

  /** Expands the view pane `title` unless it is expanded; returns the pane. */
  async expandPane(title) {
    const pane = this.pane(title).first();
    const header = pane.locator('.pane-header').first();
    await header.waitFor({ timeout: this.timeout });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await until(async () => (await header.getAttribute('aria-expanded')) === 'true', { timeout: this.timeout, what: `the ${title} view to expand` });
    return pane;
  }

  /** Collapses the view pane `title` if it is expanded. */
  async collapsePane(title) {
    const header = this.pane(title).first().locator('.pane-header').first();
    await header.waitFor({ timeout: this.timeout });
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    await until(async () => (await header.getAttribute('aria-expanded')) === 'false', { timeout: this.timeout, what: `the ${title} view to collapse` });
  }

  /** Folds the tree row (in `pane`) whose text matches `re` with a click on its twistie; no-op if folded. */
  async collapseTreeRow(pane, re) {
    const row = pane.locator('.monaco-list-row').filter({ hasText: re }).first();
    await row.waitFor({ timeout: this.timeout });
    if ((await row.getAttribute('aria-expanded')) !== 'true') return;
    await row.locator('.monaco-tl-twistie').click();
    await until(async () => (await row.getAttribute('aria-expanded')) === 'false', { timeout: this.timeout, what: `the row ${re} to fold` });
  }

  /** Unfolds the tree row (in `pane`) whose text matches `re` with a click on its twistie; no-op if unfolded. */
  async expandTreeRow(pane, re) {
    const row = pane.locator('.monaco-list-row').filter({ hasText: re }).first();
    await row.waitFor({ timeout: this.timeout });
    if ((await row.getAttribute('aria-expanded')) !== 'false') return;
    await row.locator('.monaco-tl-twistie').click();
    await until(async () => (await row.getAttribute('aria-expanded')) === 'true', { timeout: this.timeout, what: `the row ${re} to unfold` });
  }

  async openQuickInput(key) {
    await this.page.keyboard.press(key);
    await this.quickInputBox.waitFor({ state: 'visible', timeout: this.timeout });
  }

  async closeQuickInput() {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: this.timeout });
    }
  }

  /** The rows of the open quick input whose text matches `re` (a locator). */
  quickRows(re) {
    return this.quickInput.locator('.monaco-list-row').filter({ hasText: re });
  }

  /** Ctrl+P, types `name`, picks the row that shows it. */
  async quickOpen(name) {
    await this.openQuickInput('Control+P');
    await this.quickInputBox.fill(name);
    const row = this.quickRows(name).first();
    await row.waitFor({ state: 'visible', timeout: this.timeout });
    await row.click();
    await this.quickInput.waitFor({ state: 'hidden', timeout: this.timeout });
  }

  /**
   * F1, types each of `queries` in turn until a command whose row matches `label` is listed, then
   * runs it. A command that is only enabled once a context key is set (e.g. plan.isPlan) may not
   * be listed at once: the palette is opened again until `timeout`.
   */
  async runCommand(queries, label, { timeout = this.timeout } = {}) {
    const end = Date.now() + timeout;
    let seen = [];
    for (;;) {
      for (const q of queries) {
        await this.openQuickInput('F1');
        await this.quickInputBox.fill(`>${q}`);
        const row = this.quickRows(label).first();
        try {
          // Short per query: the list is filtered locally, at once.
          await row.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(500, end - Date.now())) });
          const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
          await row.click();
          await this.quickInput.waitFor({ state: 'hidden', timeout: this.timeout });
          return { query: q, row: text };
        } catch {
          seen = await rowTexts(this.quickInput);
          await this.closeQuickInput();
        }
      }
      if (Date.now() >= end)
        throw new Error(`no command matching ${label} in the command palette for ${queries.map((q) => `"${q}"`).join(' or ')}; rows: ${JSON.stringify(seen)}`);
    }
  }

  /** The active text editor (the one with the cursor) in the editor area. */
  get textEditor() {
    return this.page
      .locator('.editor-group-container .monaco-editor')
      .filter({ has: this.page.locator('.view-lines') })
      .first();
  }

  /** The editor tab whose label matches `re`. */
  tab(re) {
    return this.page.locator('.tabs-container .tab').filter({ hasText: re });
  }

  /** The status bar's cursor position item, e.g. "Ln 135, Col 1" (or "Rad 135, kol 1" in a translated workbench). */
  get selectionStatus() {
    return this.page.locator('[id="status.editor.selection"]');
  }

  /** The 1-based cursor line the status bar shows, or undefined. */
  async statusLine() {
    const text = (await this.selectionStatus.innerText().catch(() => '')) ?? '';
    const m = /(?:Ln|Rad|Line)\s*(\d+)/i.exec(text);
    return m ? Number(m[1]) : undefined;
  }

  /** The 1-based line number the text editor marks as the cursor's line, or undefined. */
  async activeLineNumber() {
    const text = await this.textEditor
      .locator('.line-numbers.active-line-number')
      .first()
      .innerText({ timeout: 1000 })
      .catch(() => '');
    return text ? Number(text.trim()) : undefined;
  }

  /** Gives the text editor the keyboard focus without moving its cursor (a click on its tab). */
  async focusEditor(tabLabel) {
    await this.tab(tabLabel).first().click();
    await until(() => this.page.locator('.editor-group-container .monaco-editor.focused').count(), {
      timeout: this.timeout,
      what: 'the text editor to have the focus',
    });
  }

  /** Ctrl+G, types the 1-based line, Enter. */
  async goToLine(line) {
    await this.openQuickInput('Control+G');
    await this.quickInputBox.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: this.timeout });
  }

  /** Problems panel (Ctrl+Shift+M). */
  async openProblems() {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: this.timeout });
    return panel;
  }

  /**
   * The webview panel's content: the outer `iframe.webview` in the workbench holds the inner
   * `iframe#active-frame` with the extension's page (the first webview when there are several).
   */
  webviewFrame() {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }
}
