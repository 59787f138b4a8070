/**
 * Presentation of the plan overview, apart from the library: HTML built as hast trees and
 * serialised in one place (html.ts). Used by the language server (plan/overview's body for the
 * webview, plan/export's page) and by the VS Code client (the styles and the webview's shell).
 * Imports nothing from the library but the overview's types.
 */
export { escapeHtml, langTag, toHtmlString } from './html';
export { bodyKey, overviewTree, renderOverviewBody, type RenderOptions } from './overview';
export { EXPORT_CSP, renderOverviewPage } from './page';
export { followUpSection, renderFollowUpReport, statusBar } from './followup';
export { OVERVIEW_CSS } from './styles';
export { capitalise, english, joinNames, type Translate } from './text';
