#!/usr/bin/env node
// UI test: drives the VS Code workbench (code-server) in headless Chromium as a person would, with
// the extension installed from a freshly packaged .vsix and VS Code's display language Swedish
// (test/integration/langpack-sv), so that the language server speaks Swedish.
//
// Steps (each asserts what a user sees; the workspace is a temporary copy of examples/):
//   a. the workbench opens and the Explorer lists the files
//   b. Quick Open (Ctrl+P) opens the reference plan
//   c. the Problems panel (Ctrl+Shift+M) lists the server's Swedish findings
//   d. the Outline lists the plan's ambitions and subsections
//   e. "Plan: Visa planöversikt" from the command palette opens the Planöversikt panel
//   f. a click on an ambition in the panel moves the editor's cursor to its heading
//   g. moving the cursor in the editor (Ctrl+G) marks that ambition in the panel
//   h. screenshots of the extension at work (docs/screenshots/*.png, docs/screenshot.png)
//   i. keyboard only: Enter on a focused ambition in the panel moves the cursor
//   j. the panel in the dark and high-contrast themes (docs/screenshots/overview-dark.png, -high-contrast.png)
//
// Usage: node scripts/e2e/run-ui.mjs [--timeout SECONDS] [--keep] [--no-build] [--dev] [--no-docs]
//   --timeout  bound for the whole run (default 240 s)
//   --keep     keep the run folder .code-server/run-<pid>/ (kept anyway when a step fails)
//   --no-build use dist/ as it is (with --dev) or the last packaged .code-server/plan.vsix
//   --dev      load the extension from the project folder (extensionDevelopmentPath; needs the
//              smoke-test driver on, which this turns on) instead of installing the packaged .vsix
//   --no-docs  do not copy the screenshots into docs/ (they stay in the run folder)
//
// The screenshots go to docs/ only when every step passed. Building for production rewrites dist/.
//
// Prints `ui: N passed, M failed` and exits non-zero when a step fails or the run times out.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { killAllSync, startCodeServer, stopAll, workbenchUrl, CHROMIUM_ARGS } from './code-server.mjs';
import { packLanguagePack } from './langpack.mjs';
import { build, packageVsix } from './package-vsix.mjs';
import { CS_HOME, installed, ROOT, setup } from './setup.mjs';
import { rowTexts, until, Workbench } from '../../test/ui/workbench.mjs';

const { values: opts } = parseArgs({
  options: {
    timeout: { type: 'string', default: '240' },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const T0 = performance.now();
const TIMEOUT_MS = Number(opts.timeout) * 1000;
let DEADLINE = T0 + TIMEOUT_MS;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const since = (t) => performance.now() - t;
const log = (msg) => console.log(`[ui] ${msg}`);
/** A wait's timeout: `ms`, but never past the run's deadline. */
const within = (ms) => Math.max(500, Math.min(ms, DEADLINE - performance.now()));
const VIEWPORT = { width: 1600, height: 1000 };
/** On top of QUIET_SETTINGS: room for the text in the screenshots. */
const SETTINGS = { 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false };

const PLAN_REL = 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md';
const PLAN_NAME = path.basename(PLAN_REL);
const planLines = readFileSync(path.join(ROOT, 'examples', PLAN_REL), 'utf8').split(/\r?\n/);
/** 1-based line of the first line that starts with `prefix`. */
function lineOf(prefix) {
  const i = planLines.findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`${PLAN_REL} has no line starting with "${prefix}"`);
  return i + 1;
}
/**
 * Waits until the editor's cursor is on `line` (1-based). The editor's current line is what a person
 * sees move. The status bar's position item shows it too once the editor has the focus; while the
 * panel keeps the focus (a click can leave it there, and Enter from the keyboard does) the item is
 * hidden, so it must agree when shown but need not be.
 */
async function editorOnLine(wb, line, timeout) {
  await until(
    async () => {
      if ((await wb.activeLineNumber()) !== line) return false;
      const status = await wb.statusLine().catch(() => undefined);
      return status === undefined || Number.isNaN(status) || status === line;
    },
    {
      timeout,
      what: `the editor (and the status bar, where it shows a position) to show line ${line}`,
      show: async () => `status bar "${await wb.selectionStatus.innerText().catch(() => '?')}", active line number ${await wb.activeLineNumber()}`,
    },
  );
}
const LINE_12 = lineOf('### Ambition 1.2.');
const LINE_21 = lineOf('### Ambition 2.1.');
const PLAN_TITLE = 'Plan för attraktivitet och hållbar tillväxt 2020-2024';

process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().finally(() => process.exit(143)));
process.on('exit', killAllSync);

// ------------------------------------------------------------------ steps

const results = [];
const timings = {};

async function main() {
  if (!existsSync(opts.chromium)) throw new Error(`no Chromium at ${opts.chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!installed()) {
    log('code-server is not installed yet: running setup first');
    await setup();
    // Installing is not part of the run's time budget.
    DEADLINE = performance.now() + TIMEOUT_MS;
  }

  // The extension: packaged as a user gets it (or loaded from the project folder with --dev).
  const tb = performance.now();
  let vsix;
  if (opts.dev) {
    if (!opts['no-build']) await build({ production: false });
  } else {
    vsix = path.join(CS_HOME, 'plan.vsix');
    if (!opts['no-build'] || !existsSync(vsix)) await packageVsix(vsix);
  }
  timings.buildMs = Math.round(since(tb));
  if (opts.dev) log(`extension from the project folder (extensionDevelopmentPath)${opts['no-build'] ? '' : `, built in ${secs(timings.buildMs)}`}`);
  else
    log(
      opts['no-build']
        ? `installing the packaged ${path.relative(ROOT, vsix)} as it is (--no-build)`
        : `packaged ${path.relative(ROOT, vsix)} in ${secs(timings.buildMs)} (build --production + vsce)`,
    );
  const langpack = await packLanguagePack(CS_HOME);

  const tc = performance.now();
  const cs = await startCodeServer({
    locale: 'sv',
    settings: SETTINGS,
    vsix: [langpack, ...(vsix ? [vsix] : [])],
    // A built VS Code takes extensionDevelopmentPath from the URL's payload only with the smoke-test driver on.
    extraArgs: opts.dev ? ['--vscode-option', 'enable-smoke-test-driver'] : [],
    keep: opts.keep,
  });
  timings.codeServerReadyMs = Math.round(since(tc));
  log(`code-server ${cs.codeServerVersion} on ${cs.url} ready in ${secs(timings.codeServerReadyMs)} (run folder ${path.relative(ROOT, cs.runDir)})`);

  const shots = path.join(cs.runDir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const workspace = path.join(cs.runDir, 'workspace');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });

  let browser;
  let page;
  const pageErrors = [];
  let ok = false;
  try {
    browser = await chromium.launchPersistentContext(path.join(cs.runDir, 'chromium-profile'), {
      executablePath: opts.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      locale: 'sv-SE',
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(within(20_000));
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/vsda|ENOTFOUND|gallery|marketplace|Failed to load resource/i.test(m.text())) pageErrors.push(`console.error: ${m.text()}`);
    });
    const wb = new Workbench(page, { timeout: 20_000 });
    const overview = wb.webviewFrame();

    /** Runs one step; a step whose prerequisite failed fails without running. */
    const step = async (id, title, fn, { needs = [] } = {}) => {
      const t = performance.now();
      const blocked = needs.find((n) => results.find((r) => r.id === n && !r.ok));
      let error;
      if (blocked) error = `not run: step ${blocked} failed`;
      else if (performance.now() > DEADLINE) error = 'not run: the run timed out';
      else {
        try {
          const detail = await fn();
          const ms = Math.round(since(t));
          results.push({ id, title, ok: true, ms });
          log(`PASS ${id}. ${title} (${ms} ms)${detail ? ` — ${detail}` : ''}`);
          return;
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
          if (performance.now() > DEADLINE - 1000) error += `\n(the run's time limit, --timeout ${opts.timeout} s, was reached)`;
        }
      }
      const ms = Math.round(since(t));
      results.push({ id, title, ok: false, ms, error });
      log(`FAIL ${id}. ${title} (${ms} ms)\n       ${error.split('\n').join('\n       ')}`);
      if (!blocked) {
        const shot = path.join(cs.runDir, `failure-${id}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        log(`       screenshot: ${path.relative(ROOT, shot)}`);
      }
    };

    let tOpen;
    await step('a', 'the workbench opens and the Explorer lists the files', async () => {
      const tn = performance.now();
      await page.goto(workbenchUrl(cs, { folder: workspace, extensionDevelopmentPath: opts.dev ? ROOT : undefined }), { timeout: within(60_000) });
      await page.locator('.monaco-workbench').waitFor({ timeout: within(60_000) });
      timings.workbenchVisibleMs = Math.round(since(tn));
      await wb.explorerRows
        .filter({ hasText: 'halmstad' })
        .first()
        .waitFor({ timeout: within(60_000) });
      timings.explorerListedMs = Math.round(since(tn));
      const rows = await rowTexts(page.locator('.explorer-folders-view'));
      for (const name of ['asby', 'halmstad', 'anteckningar.md'])
        if (!rows.includes(name)) throw new Error(`the Explorer does not list ${name}: ${JSON.stringify(rows)}`);
      return `workbench after ${timings.workbenchVisibleMs} ms, Explorer lists ${JSON.stringify(rows)} after ${timings.explorerListedMs} ms`;
    });

    await step(
      'b',
      `Quick Open (Ctrl+P) opens ${PLAN_NAME}`,
      async () => {
        await wb.quickOpen(PLAN_NAME);
        tOpen = performance.now();
        await wb
          .tab(PLAN_NAME)
          .first()
          .waitFor({ timeout: within(20_000) });
        await wb.textEditor.locator('.view-lines', { hasText: PLAN_TITLE.slice(0, 30) }).waitFor({ timeout: within(20_000) });
        return `tab and text after ${Math.round(since(tOpen))} ms`;
      },
      { needs: ['a'] },
    );

    await step(
      'c',
      'the Problems panel (Ctrl+Shift+M) lists the Swedish findings',
      async () => {
        const panel = await wb.openProblems();
        const expected = ['Ett stärkt företagsklimat', 'saknar värde', 'skiljer sig från sin rubrik'];
        const rows = await until(
          async () => {
            const r = await rowTexts(panel);
            return expected.every((e) => r.some((x) => x.includes(e))) && r;
          },
          { timeout: within(30_000), what: `Problems rows containing ${JSON.stringify(expected)}`, show: () => rowTexts(panel) },
        );
        timings.openToProblemsMs = Math.round(since(tOpen));
        const badge = await page
          .locator('.panel .composite-bar .badge-content, .panel .action-item .badge .badge-content')
          .first()
          .innerText()
          .catch(() => '?');
        return `${rows.length} rows shown, first findings in Problems ${timings.openToProblemsMs} ms after the plan opened (badge ${badge}); e.g. "${rows.find((r) => r.includes('företagsklimat'))}"`;
      },
      { needs: ['b'] },
    );

    await step(
      'd',
      'the Outline lists the plan’s ambitions and subsections',
      async () => {
        // Room for the Outline: the folder tree (its header is the workspace folder's name) folded away.
        await wb.collapsePane(/^workspace$/i);
        const pane = await wb.expandPane(/^(Outline|Disposition)$/);
        // Headings that the built-in Markdown symbols also list, and what only our server gives:
        // the front matter with its keys, and the Swedish count of actions next to "Hur?".
        const expected = [
          'Ambition 1.1. Utbildning hela vägen',
          'Varför är ambitionen viktig?',
          'Del 1. Utveckling som möjliggör',
          'Dokumenthuvud',
          'diarienummer',
          'Hur? 4 åtgärder',
        ];
        const rows = await until(
          async () => {
            const r = await rowTexts(pane);
            return expected.every((e) => r.some((x) => x.includes(e))) && r;
          },
          { timeout: within(20_000), what: `Outline rows containing ${JSON.stringify(expected)}`, show: () => rowTexts(pane) },
        );
        return `${rows.length} rows shown: ${JSON.stringify(rows.slice(0, 8))} …`;
      },
      { needs: ['b'] },
    );

    await step(
      'e',
      'the command “Plan: Visa planöversikt” opens the Planöversikt panel',
      async () => {
        const ran = await wb.runCommand(['planöversikt', 'plan overview'], /Visa planöversikt|Show plan overview/, { timeout: within(30_000) });
        const t = performance.now();
        await wb
          .tab(/Planöversikt/)
          .first()
          .waitFor({ timeout: within(20_000) });
        timings.commandToTabMs = Math.round(since(t));
        await overview.locator('#content').waitFor({ timeout: within(20_000) });
        timings.commandToPageMs = Math.round(since(t));
        const h1 = overview.locator('#content h1');
        await h1.waitFor({ timeout: within(20_000) });
        timings.commandToOverviewMs = Math.round(since(t));
        const title = (await h1.innerText()).trim();
        if (!title.includes(PLAN_TITLE)) throw new Error(`the panel's title is "${title}", expected "${PLAN_TITLE}"`);
        const ambitions = (await overview.locator('#content .ambition .ambition-head').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
        for (const a of ['1.1 Utbildning hela vägen', '1.2 Ett starkt företagsklimat', '1.3 Utveckla Halmstad som attraktiv regional nod', '2.1 Halmstad']) {
          if (!ambitions.some((x) => x.startsWith(a) || x.includes(a))) throw new Error(`the panel shows no ambition "${a}": ${JSON.stringify(ambitions)}`);
        }
        const headings = await overview.locator('#content h2').allInnerTexts();
        for (const h of ['Delar och ambitioner', 'Ansvarsmatris'])
          if (!headings.some((x) => x.includes(h))) throw new Error(`the panel has no heading "${h}" (Swedish): ${JSON.stringify(headings)}`);
        const matrixRows = await overview.locator('#content table#matrix tbody tr').count();
        const matrixCols = await overview.locator('#content table#matrix thead th').count();
        if (matrixRows !== 4) throw new Error(`the matrix has ${matrixRows} rows, expected 4 (one per ambition)`);
        const tabTitle = (
          await wb
            .tab(/Planöversikt/)
            .first()
            .innerText()
        )
          .replace(/\s+/g, ' ')
          .trim();
        return `palette row "${ran.row}" (typed "${ran.query}"); tab "${tabTitle}"; after the command: tab ${timings.commandToTabMs} ms, page ${timings.commandToPageMs} ms, overview content ${timings.commandToOverviewMs} ms; ${ambitions.length} ambitions; matrix ${matrixRows}×${matrixCols}`;
      },
      { needs: ['b'] },
    );

    await step(
      'f',
      `a click on ambition 1.2 in the panel moves the cursor to line ${LINE_12}`,
      async () => {
        const button = overview.locator('#content .ambition .ambition-head button.reveal', { hasText: 'Ett starkt företagsklimat' });
        const dataLine = Number(await button.getAttribute('data-line'));
        if (dataLine + 1 !== LINE_12) throw new Error(`the button's data-line is ${dataLine} (0-based), expected ${LINE_12 - 1}`);
        await button.click();
        const t = performance.now();
        await editorOnLine(wb, LINE_12, within(10_000));
        timings.clickToRevealMs = Math.round(since(t));
        const current = await wb.textEditor.locator('.view-line', { hasText: '### Ambition 1.2.' }).count();
        if (!current) throw new Error('the heading "### Ambition 1.2." is not in view in the editor');
        return `status bar "${await wb.selectionStatus.innerText().catch(() => '(no position shown)')}" after ${timings.clickToRevealMs} ms; the heading is in view`;
      },
      { needs: ['e'] },
    );

    await step(
      'g',
      `Ctrl+G to line ${LINE_21} marks ambition 2.1 in the panel`,
      async () => {
        await wb.focusEditor(PLAN_NAME);
        await wb.goToLine(LINE_21);
        const t = performance.now();
        await until(async () => (await wb.statusLine()) === LINE_21, {
          timeout: within(10_000),
          what: `the status bar to show line ${LINE_21}`,
          show: () => wb.selectionStatus.innerText(),
        });
        const current = overview.locator('#content .ambition.current');
        await until(async () => (await current.count()) === 1 && (await current.getAttribute('data-line')) === String(LINE_21 - 1), {
          timeout: within(10_000),
          what: `the panel to mark the ambition at line ${LINE_21} as current`,
          show: async () =>
            JSON.stringify(
              await current.evaluateAll((els) => els.map((e) => `${e.dataset.line}: ${e.querySelector('.ambition-head')?.textContent?.trim().slice(0, 40)}`)),
            ),
        });
        timings.cursorToMarkMs = Math.round(since(t));
        const text = (await current.locator('.ambition-head').innerText()).replace(/\s+/g, ' ').trim();
        if (!/^2\.1\b/.test(text)) throw new Error(`the current ambition reads "${text}"`);
        const row = (
          await overview
            .locator('#content table#matrix tbody tr.current')
            .innerText()
            .catch(() => '')
        )
          .replace(/\s+/g, ' ')
          .trim();
        if (!row.startsWith('2.1')) throw new Error(`the matrix row marked current is "${row}", expected 2.1`);
        return `"${text.slice(0, 60)}…" and matrix row 2.1 marked ${timings.cursorToMarkMs} ms after the cursor moved`;
      },
      { needs: ['e'] },
    );

    await step(
      'h',
      'screenshots of the extension at work',
      async () => {
        const taken = await takeScreenshots(page, wb, overview, shots);
        if (!opts['no-docs'] && results.every((r) => r.ok)) {
          const docs = path.join(ROOT, 'docs', 'screenshots');
          mkdirSync(docs, { recursive: true });
          for (const f of taken) copyFileSync(f, path.join(docs, path.basename(f)));
          copyFileSync(path.join(shots, 'overview.png'), path.join(ROOT, 'docs', 'screenshot.png'));
          return `${taken.map((f) => path.basename(f)).join(', ')} → docs/screenshots/, overview.png → docs/screenshot.png`;
        }
        return `${taken.map((f) => path.relative(ROOT, f)).join(', ')} (not copied into docs/)`;
      },
      { needs: ['e'] },
    );

    await step(
      'i',
      'keyboard only: Tab to ambition 1.3 in the panel and Enter moves the cursor there',
      async () => {
        const LINE_13 = lineOf('### Ambition 1.3.');
        const button = overview.locator('#content .ambition button.reveal.title', { hasText: /^1\.3\b/ }).first();
        await button.focus();
        await page.keyboard.press('Enter');
        await editorOnLine(wb, LINE_13, within(10_000));
        return `Enter on the focused button moved the cursor to line ${LINE_13} (status bar "${await wb.selectionStatus.innerText().catch(() => '(no position shown)')}")`;
      },
      { needs: ['e'] },
    );

    await step(
      'j',
      'the panel follows the dark and high-contrast themes',
      async () => {
        const seen = [];
        for (const [theme, workbenchClass, bodyClass, file] of [
          ['Dark Modern', 'vs-dark', 'vscode-dark', 'overview-dark.png'],
          ['Dark High Contrast', 'hc-black', 'vscode-high-contrast', 'overview-high-contrast.png'],
        ]) {
          // As a user would: Ctrl+K Ctrl+T (Preferences: Color Theme), the theme's name, Enter; focus in the editor first.
          await calm(page, wb);
          await page.keyboard.press('Control+K');
          await page.keyboard.press('Control+T');
          await wb.quickInputBox.waitFor({ state: 'visible', timeout: within(10_000) });
          await wb.quickInputBox.fill(theme);
          await wb
            .quickRows(new RegExp(theme))
            .first()
            .waitFor({ timeout: within(10_000) });
          await page.keyboard.press('Enter');
          await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: within(15_000) });
          await until(async () => (await overview.locator('body').getAttribute('class'))?.includes(bodyClass), {
            timeout: within(10_000),
            what: `the webview body to carry ${bodyClass}`,
          });
          // Text stands out from the page in the theme: the ambition titles and the error badges.
          const colors = await overview.locator('#content').evaluate(() => {
            const bg = getComputedStyle(document.body).backgroundColor;
            const title = document.querySelector('.ambition .title');
            const badge = document.querySelector('.badge.warning, .badge.error');
            return { bg, title: title ? getComputedStyle(title).color : '', badge: badge ? getComputedStyle(badge).color : '' };
          });
          if (!colors.title || colors.title === colors.bg || colors.badge === colors.bg)
            throw new Error(`${theme}: text and page colours ${JSON.stringify(colors)}`);
          await calm(page, wb);
          const tabBox = await wb
            .tab(/Planöversikt/)
            .first()
            .boundingBox();
          const shot = path.join(shots, file);
          await page.screenshot({ path: shot, clip: { x: tabBox.x, y: 0, width: 1600 - tabBox.x, height: 1000 } });
          if (!opts['no-docs'] && results.every((r) => r.ok)) copyFileSync(shot, path.join(ROOT, 'docs', 'screenshots', file));
          seen.push(`${theme}: body ${bodyClass}, title ${colors.title} on ${colors.bg}`);
        }
        return seen.join('; ');
      },
      { needs: ['e'] },
    );

    ok = results.every((r) => r.ok);
  } catch (e) {
    log(`ERROR: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    results.push({ id: '!', title: 'run', ok: false, error: String(e) });
    if (page) await page.screenshot({ path: path.join(cs.runDir, 'failure.png') }).catch(() => undefined);
  } finally {
    if (pageErrors.length) log(`${pageErrors.length} error message(s) on the page${ok ? '' : ' (last 20)'}:\n  ${pageErrors.slice(-20).join('\n  ')}`);
    if (!ok) {
      log(`code-server output (tail):\n${cs.logTail().split('\n').slice(-20).join('\n')}`);
    }
    await browser?.close().catch(() => undefined);
    const ts = performance.now();
    await cs.stop({ keep: opts.keep || !ok });
    timings.stopMs = Math.round(since(ts));
    if (opts.keep || !ok) log(`run folder kept: ${path.relative(ROOT, cs.runDir)}`);
  }
}

/**
 * The screenshots: the workbench arranged to show the extension at work. Returns the files.
 *   overview.png  the whole workbench: the Outline in the side bar, the plan in the editor, the
 *                 Planöversikt beside it (parts, ambitions with the current one marked, the matrix)
 *                 and the Problems panel with the Swedish findings
 *   outline.png   the side bar's Outline (front matter folded, sections, Del/Ambition/subsections,
 *                 then the built-in Markdown symbols) beside the editor
 *   structure.png the extension's Planstruktur view (sections and parts with their status, ambition
 *                 2.1 unfolded to Varför/Vad/Hur) beside the editor
 */
async function takeScreenshots(page, wb, overview, dir) {
  const files = [];
  // The folder tree folded away (step d), the Outline open with its front matter folded (a click on
  // the twistie, which does not move the cursor), Planstruktur folded.
  await wb.collapsePane(/^workspace$/i);
  await wb.collapsePane(/^Planstruktur$/);
  const outline = await wb.expandPane(/^(Outline|Disposition)$/);
  await wb.collapseTreeRow(outline, /^Dokumenthuvud/);
  await outline.locator('.monaco-list-row', { hasText: 'Ambition 2.1.' }).first().waitFor();
  if ((await wb.statusLine()) !== LINE_21) throw new Error(`folding the Outline moved the cursor: ${await wb.selectionStatus.innerText()}`);
  // The panel scrolled (as a reader would) so that the parts and the matrix are both in view.
  await overview.locator('#content .ambition.current').waitFor();
  await overview.locator('#content #parts-h').evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await overview.locator('#content table#matrix').waitFor({ state: 'visible' });
  await calm(page, wb);
  const overviewPng = path.join(dir, 'overview.png');
  await page.screenshot({ path: overviewPng });
  files.push(overviewPng);

  // The Outline alone, the whole height of the side bar, beside the editor; the bottom panel closed (Ctrl+J).
  await page.keyboard.press('Control+J');
  await page.locator('.part.panel').waitFor({ state: 'hidden' });
  await outline.locator('.monaco-list-row', { hasText: 'Markdown' }).first().waitFor();
  const left = async () => {
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    const editor = await wb.textEditor.boundingBox();
    return { x: 0, y: 0, width: Math.ceil(editor.x + editor.width), height: Math.ceil(sidebar.y + sidebar.height) };
  };
  await calm(page, wb);
  const outlinePng = path.join(dir, 'outline.png');
  await page.screenshot({ path: outlinePng, clip: await left() });
  files.push(outlinePng);

  // Planstruktur (the extension's own view) instead, with ambition 2.1 unfolded.
  await wb.collapsePane(/^(Outline|Disposition)$/);
  const structure = await wb.expandPane(/^Planstruktur$/);
  await wb.expandTreeRow(structure, /^2\.1 /);
  await structure.locator('.monaco-list-row', { hasText: /^Hur/ }).first().waitFor();
  await calm(page, wb);
  const structurePng = path.join(dir, 'structure.png');
  await page.screenshot({ path: structurePng, clip: await left() });
  files.push(structurePng);
  return files;
}

/** Before a picture: the keyboard focus in the editor (no focus ring elsewhere) and the mouse where it hovers nothing. */
async function calm(page, wb) {
  await wb.focusEditor(PLAN_NAME);
  await page.mouse.move(200, 12);
}

function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  const t = timings;
  log(
    `timings: build ${secs(t.buildMs ?? 0)}, code-server ready ${secs(t.codeServerReadyMs ?? 0)}, workbench visible ${t.workbenchVisibleMs ?? '?'} ms after navigation, ` +
      `Explorer listed ${t.explorerListedMs ?? '?'} ms, plan opened → findings in Problems ${t.openToProblemsMs ?? '?'} ms, command → panel tab ${t.commandToTabMs ?? '?'} ms, → webview page ${t.commandToPageMs ?? '?'} ms, → overview content ${t.commandToOverviewMs ?? '?'} ms, ` +
      `click → cursor moved ${t.clickToRevealMs ?? '?'} ms, cursor → panel mark ${t.cursorToMarkMs ?? '?'} ms, steps ${results.map((r) => `${r.id} ${r.ms ?? '?'} ms`).join(', ')}, stop ${t.stopMs ?? '?'} ms; whole run ${secs(since(T0))}`,
  );
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// The whole run is bounded: past the deadline (plus time to clean up) everything is stopped.
const watchdog = setTimeout(() => {
  log(`TIMEOUT: the run did not finish within ${opts.timeout} s`);
  results.push({ id: '!', title: 'timeout', ok: false });
  void stopAll().finally(() => {
    summary();
    process.exit(1);
  });
}, TIMEOUT_MS + 15_000);

main()
  .catch((e) => {
    log(`FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    results.push({ id: '!', title: 'setup', ok: false, error: String(e) });
  })
  .then(async () => {
    clearTimeout(watchdog);
    await stopAll();
    process.exit(summary());
  });
