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
