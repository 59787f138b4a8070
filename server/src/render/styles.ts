/**
 * The overview's styles, for the Planöversikt webview (VS Code's theme variables) and the exported
 * page (the plain fallbacks). Shared by the server's export and the client's webview shell.
 */
export const OVERVIEW_CSS = `
:root { --fg: var(--vscode-foreground, #1f1f1f); --bg: var(--vscode-editor-background, #ffffff); --muted: var(--vscode-descriptionForeground, #5f6368);
  --border: var(--vscode-panel-border, #d0d7de); --card: var(--vscode-sideBar-background, #f6f8fa); --focus: var(--vscode-focusBorder, #0969da);
  --error: var(--vscode-editorError-foreground, #b3261e); --warning: var(--vscode-editorWarning-foreground, #8a5a00); --info: var(--vscode-editorInfo-foreground, #0b5cad);
  --ok: var(--vscode-testing-iconPassed, #1a7f37); --link: var(--vscode-textLink-foreground, #0b5cad); --hl: var(--vscode-editor-selectionHighlightBackground, #fff3b0); }
body { color: var(--fg); background: var(--bg); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px); line-height: 1.45; margin: 0; padding: 0 1rem 2rem; }
h1 { font-size: 1.35em; margin: .2em 0; } h2 { font-size: 1.1em; margin: 1.4em 0 .4em; border-bottom: 1px solid var(--border); } h3 { font-size: 1em; margin: 1em 0 .3em; }
.card { border: 1px solid var(--border); background: var(--card); border-radius: 6px; padding: .6rem .9rem; margin-top: 1rem; }
.doctype { text-transform: uppercase; letter-spacing: .06em; font-size: .8em; color: var(--muted); }
dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .2rem 1rem; margin: .4rem 0; }
dt { font-size: .8em; color: var(--muted); } dd { margin: 0; }
.validity { border: 1px solid currentColor; border-radius: 3px; padding: 0 .3em; font-size: .85em; margin-left: .3em; }
.validity.expired, .validity.not-yet-valid { color: var(--error); font-weight: bold; } .validity.valid { color: var(--ok); } .validity.unknown { color: var(--muted); }
.missing { color: var(--error); font-style: italic; }
button.reveal, button.sort { background: none; border: none; color: inherit; font: inherit; padding: 0; cursor: pointer; text-align: left; }
button.reveal:hover .title, button.reveal.title:hover, button.sort:hover { text-decoration: underline; color: var(--link); }
button:focus-visible, select:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
ul, ol { padding-left: 1.2rem; } .sections ul { columns: 2 16rem; } .sections li { break-inside: avoid; } .sections li button.reveal { display: inline; }
.ambitions { list-style: none; padding-left: .2rem; } .ambitions > li { margin: .35rem 0; padding: .25rem .4rem; border-left: 3px solid transparent; }
.num { font-variant-numeric: tabular-nums; font-weight: 600; }
.ambition-body { font-size: .92em; color: var(--muted); }
.sub { display: inline-block; margin-right: .35em; } .sub.ok { color: var(--ok); } .sub.missing { color: var(--error); font-weight: bold; } .sub.empty { color: var(--warning); }
.actors { margin-left: .4em; } .responsible { font-size: .9em; color: var(--muted); }
.badges { margin-left: .4em; } .badges.ok { color: var(--ok); }
.badge { display: inline-block; min-width: 1.3em; text-align: center; border-radius: 9px; padding: 0 .35em; margin-right: .2em; font-size: .8em; border: 1px solid currentColor; }
.badge.error { color: var(--error); } .badge.warning { color: var(--warning); } .badge.information, .badge.hint { color: var(--info); }
.all-findings ul, details.findings ul { list-style: none; padding-left: .4rem; } .finding { margin: .15rem 0; } .finding button.reveal { display: block; width: 100%; }
.finding.error .sev { color: var(--error); } .finding.warning .sev { color: var(--warning); } .finding .sev { font-weight: 600; }
code { font-size: .85em; color: var(--muted); }
.table-wrap { overflow-x: auto; } table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid var(--border); padding: .2rem .4rem; } td { text-align: center; min-width: 2.2em; }
thead th { vertical-align: bottom; font-weight: 600; } tbody th { text-align: left; font-weight: normal; position: sticky; left: 0; background: var(--bg); z-index: 1; } thead th:first-child { position: sticky; left: 0; background: var(--bg); z-index: 2; } th.collective, td.collective { background: var(--card); font-style: italic; }
th.gap, td.gap { border: none; min-width: .6em; padding: 0; } td.noactor.warn { color: var(--warning); font-weight: bold; }
th.noactor, td.noactor { position: sticky; right: 0; background: var(--bg); z-index: 1; box-shadow: -1px 0 0 var(--border); } thead th.noactor { z-index: 2; } tbody th { max-width: min(16em, 45vw); overflow-wrap: anywhere; }
.ansvar { font-size: .75em; margin-left: .15em; border: 1px solid currentColor; border-radius: 2px; padding: 0 .15em; }
.unknown { color: var(--error); }
.line { color: var(--muted); font-size: .8em; }
.tag { font-size: .8em; color: var(--warning); }
.lix { font-size: .8em; color: var(--muted); margin-left: .4em; white-space: nowrap; }
.hint { color: var(--muted); font-size: .9em; }
.current { border-left-color: var(--focus) !important; background: var(--hl); }
tr.current th { background: var(--hl); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.hidden { display: none; }
@media (forced-colors: active) { .badge, .validity, .sub { forced-color-adjust: none; border: 1px solid CanvasText; color: CanvasText; } .current { outline: 2px solid Highlight; } }
@media print { body { padding: 0; } details { display: block; } details > summary { display: none; } .table-wrap { overflow: visible; } }
.fu-bar { display: inline-flex; width: 12rem; height: .8rem; vertical-align: middle; border: 1px solid var(--border); margin-right: .4em; overflow: hidden; }
.fu-seg { display: block; height: 100%; } .fu-seg.done { background: var(--ok); } .fu-seg.progress { background: var(--info); } .fu-seg.start { background: var(--warning); }
.fu-seg.cancelled { background: var(--muted); } .fu-seg.none { background: transparent; }
${Array.from({ length: 101 }, (_, i) => `.fu-seg.w${i} { width: ${i}%; }`).join(' ')}
.fu-legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .9em; }
.fu-key { display: inline-block; width: .8em; height: .8em; border: 1px solid var(--border); margin-right: .3em; vertical-align: -.05em; }
.fu-key.done { background: var(--ok); } .fu-key.progress { background: var(--info); } .fu-key.start { background: var(--warning); } .fu-key.cancelled { background: var(--muted); }
.followup table { margin: .3rem 0 .8rem; } .followup td { text-align: left; } .followup td.n { text-align: right; font-variant-numeric: tabular-nums; }
.fu-counts { font-size: .9em; color: var(--muted); }
@media (forced-colors: active) { .fu-seg, .fu-key { forced-color-adjust: none; } .fu-seg.done, .fu-key.done { background: Highlight; } .fu-seg.progress, .fu-key.progress { background: LinkText; } .fu-seg.start, .fu-key.start { background: GrayText; } .fu-seg.cancelled, .fu-key.cancelled { background: CanvasText; } .fu-seg.none { background: Canvas; } }
@media print { .fu-seg, .fu-key { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
`;
