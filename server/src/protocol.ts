/** Custom requests between the VS Code client and the language server (method names and shapes). */

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  /** `builtin` or the template file's path. */
  origin: string;
}

export const TemplatesRequest = 'plan/templates';
export interface TemplatesParams {
  /** The templates that apply to this document's folder; the workspace's when absent. */
  uri?: string;
}

export const NewDocumentRequest = 'plan/newDocument';
export interface NewDocumentParams {
  id: string;
  uri?: string;
}
export interface NewDocumentResult {
  /** A snippet: the new document with placeholders as tab stops. */
  snippet: string;
}

export const TemplateTextRequest = 'plan/templateText';
export interface TemplateTextParams {
  /** The document whose template to show. */
  uri?: string;
  /** Or a template by id. */
  id?: string;
}
export interface TemplateTextResult {
  id?: string;
  markdown?: string;
}

export const CheckWorkspaceRequest = 'plan/checkWorkspace';
export interface CheckWorkspaceResult {
  files: number;
  plans: number;
  errors: number;
  warnings: number;
  other: number;
}

export const OverviewRequest = 'plan/overview';
export interface OverviewParams {
  uri: string;
}
export interface OverviewResult {
  uri: string;
  version: number;
  /** The view model (see server/src/core/overview.ts). */
  overview: import('./core/overview').PlanOverview;
  /** The overview's HTML body for the webview, in the server's language; document text escaped. */
  html: string;
}

export const ExportRequest = 'plan/export';
export interface ExportParams {
  uri: string;
  format: 'html' | 'json';
}
export interface ExportResult {
  content: string;
  /** A file name to suggest, e.g. the plan's file name with .html. */
  suggestedName: string;
}
