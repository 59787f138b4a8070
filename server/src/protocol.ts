/**
 * The custom requests between the VS Code client and the language server, as typed request
 * objects shared by both sides: `connection.onRequest(OverviewRequest.type, …)` on the server,
 * `client.sendRequest(OverviewRequest.type, …)` in the client. The method names are stable (other
 * clients and the tests use them). The client imports from the server tree only this file and
 * server/src/render/; the library's types it needs are re-exported here.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { PlanOverview } from './core/overview';
import type { RegisterRow, RegisterTreeNode } from './core/register/table';

export type { Loc, OverviewAmbition, OverviewSubsection, PlanOverview, SeverityCounts } from './core/overview';

/**
 * The environment a client starts the server's process with, over its own: NODE_EXTRA_CA_CERTS
 * emptied. Node reads and parses every certificate that variable names when the process starts
 * (85 ms for Debian's bundle of about 140, measured on 2 cores: `node -e 0` 133 ms → 45 ms), and the
 * server opens no connection at all. The VS Code client, the tests and the benchmark start it so.
 */
export const SERVER_PROCESS_ENV: Readonly<Record<string, string>> = { NODE_EXTRA_CA_CERTS: '' };

/** A custom request: its method name and its typed request object (params P, result R). */
export interface PlanRequest<P, R> {
  readonly method: string;
  readonly type: RequestType<P, R, void>;
}

function request<P, R>(method: string): PlanRequest<P, R> {
  return { method, type: new RequestType<P, R, void>(method) };
}

export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  /** `builtin` or the template file's path. */
  origin: string;
}

export interface TemplatesParams {
  /** The templates that apply to this document's folder; the workspace's when absent. */
  uri?: string;
}
/** The templates a new document can start from. */
export const TemplatesRequest = request<TemplatesParams, TemplateInfo[]>('plan/templates');

export interface NewDocumentParams {
  id: string;
  uri?: string;
}
export interface NewDocumentResult {
  /** A snippet: the new document with placeholders as tab stops. */
  snippet: string;
}
/** A new document from a template; null for an unknown template. */
export const NewDocumentRequest = request<NewDocumentParams, NewDocumentResult | null>('plan/newDocument');

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
/** A template as Markdown, to read. */
export const TemplateTextRequest = request<TemplateTextParams, TemplateTextResult>('plan/templateText');

/** No parameters: the client sends `{}`. */
export interface CheckWorkspaceParams {
  /** A token for `$/progress` reports (LSP work-done progress): how many files are checked so far. */
  workDoneToken?: string | number;
}
export interface CheckWorkspaceResult {
  files: number;
  plans: number;
  errors: number;
  warnings: number;
  other: number;
  /** The check was cancelled (`$/cancelRequest`): the counts are of the files checked until then. */
  cancelled?: boolean;
}
/** Checks every plan in the workspace folders and publishes the findings; null when it failed. */
export const CheckWorkspaceRequest = request<CheckWorkspaceParams, CheckWorkspaceResult | null>('plan/checkWorkspace');

export interface OverviewParams {
  uri: string;
}
export interface OverviewResult {
  uri: string;
  version: number;
  /** The view model (see server/src/core/overview.ts). */
  overview: PlanOverview;
  /** The overview's HTML body for the webview, in the server's language; document text escaped. */
  html: string;
}
/** The overview of an open document; null when the server does not have it open. */
export const OverviewRequest = request<OverviewParams, OverviewResult | null>('plan/overview');

export interface ExportParams {
  uri: string;
  format: 'html' | 'json';
}
export interface ExportResult {
  content: string;
  /** A file name to suggest, e.g. the plan's file name with .html. */
  suggestedName: string;
}
/** The overview page (html) or the plan model (json); null when the document is not a plan. */
export const ExportRequest = request<ExportParams, ExportResult | null>('plan/export');

export interface ImportWordParams {
  /** The Word document (.docx), a `file:` URI. */
  uri: string;
  /** The template to use; otherwise the document's type or the template that fits best. */
  templateId?: string;
  /** The plan's file name, which names the images' folder ("Plan.md" → "Plan-bilder"); by default the document's name with .md. */
  planName?: string;
}
export interface ImportWordResult {
  /** The plan, when the document could be read. */
  markdown?: string;
  /** The template's id, and a file name for the plan beside the document ("Plan.plan.md"). */
  templateId?: string;
  suggestedName?: string;
  /** Images to save, relative to the plan (`Plan-bilder/bild-1.png`), base64. */
  images?: Array<{ path: string; data: string }>;
  /** What could not be mapped, in the server's language. */
  notes?: string[];
  /** Why the document could not be imported. */
  error?: string;
}
/** A Word document as a plan: the Markdown, its images and the notes; the client writes the files. */
export const ImportWordRequest = request<ImportWordParams, ImportWordResult>('plan/importWord');
export interface PublishParams {
  uri: string;
  format: 'docx' | 'html';
}
export interface PublishResult {
  /** The web page as text (`utf8`), or the Word document's bytes as base64. */
  content: string;
  encoding: 'utf8' | 'base64';
  /** A file name to suggest: the plan's name with .docx or .html. */
  suggestedName: string;
  /** The plan's findings of severity error: the client asks before publishing a plan that has any. */
  errors: number;
}
/** The plan as the formal document, as Word or as a web page; null when the document is not a plan. */
export const PublishRequest = request<PublishParams, PublishResult | null>('plan/publish');
export type { DocumentStatus } from './core/register/dates';
export type { RegisterRow, RegisterTreeNode } from './core/register/table';

/** No parameters: the client sends `{}`. */
export type RegisterParams = Record<string, never>;
export interface RegisterResult {
  /** The day the statuses are for (the setting plan.today, else the real date). */
  today: string;
  /** One row per governing document in the workspace. */
  rows: RegisterRow[];
  /** The hierarchy of `överordnat` ties (URIs). */
  tree: RegisterTreeNode[];
  /** Each document's path relative to its workspace folder, by URI. */
  paths: Record<string, string>;
}
/** The register of governing documents in the workspace; null when it failed. */
export const RegisterRequest = request<RegisterParams, RegisterResult | null>('plan/register');

export interface RegisterExportParams {
  format: 'csv' | 'json';
}
/** The register as CSV or JSON (see docs/register.md); null when it failed. */
export const RegisterExportRequest = request<RegisterExportParams, ExportResult | null>('plan/registerExport');

// Server → client, in the browser build only (server/src/browser-host.ts asks, client/src/browser-files.ts
// answers): the web worker that runs the server has no file system, so it reads the workspace's
// template, registry and Markdown files through the VS Code client's (vscode.workspace.fs).

export interface FindFilesParams {
  /** The folders to search (URIs). */
  roots: string[];
  /** A glob of file names, such as `*.{planmall,organisation}.{json,yaml,yml}`. */
  glob: string;
  limit: number;
}
/** The files (URIs) under the folders whose names match the glob, sorted. */
export const FindFilesRequest = request<FindFilesParams, string[]>('plan/findFiles');

export interface ReadFileParams {
  uri: string;
  /** Files larger than this (bytes) are not read. */
  maxBytes: number;
}
export type ReadFileResult = { text: string } | { tooLarge: number } | { notFile: true } | { error: string; code?: string };
/** A workspace file's text (UTF-8), or why it was not read. */
export const ReadFileRequest = request<ReadFileParams, ReadFileResult>('plan/readFile');

export interface FollowUpWorksheetParams {
  uri: string;
  year: number;
  format: 'xlsx' | 'csv';
}
export interface FollowUpFileResult {
  /** The file's bytes in base64 (xlsx, csv) or its text (html). */
  content: string;
  encoding: 'base64' | 'utf8';
  suggestedName: string;
}
/** The follow-up worksheet for a year: every action with its actors; null when the document is not a plan. */
export const FollowUpWorksheetRequest = request<FollowUpWorksheetParams, FollowUpFileResult | null>('plan/followUpWorksheet');

export interface FollowUpReportParams {
  uri: string;
  year: number;
  /** `html` (the default) or `docx`. */
  format?: 'html' | 'docx';
}
/** The follow-up report for a year as a self-contained HTML page (text) or a Word document (base64); null when the document is not a plan. */
export const FollowUpReportRequest = request<FollowUpReportParams, FollowUpFileResult | null>('plan/followUpReport');

export interface FollowUpApplyParams {
  uri: string;
  /** The filled-in worksheet (xlsx or csv) in base64. */
  content: string;
}
export interface FollowUpApplyResult {
  /** The document version the edits are for: apply them only to that version. */
  version: number;
  edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>;
  /** The plan as it would be with the edits, for a diff. */
  proposed: string;
  /** Actions whose status or comment changes. */
  changed: number;
  /** Rows that were not used, and why; or why the file could not be read. */
  problems: string[];
  /** Rows left unchanged because the plan's status is dated after the worksheet's year (the plan keeps its later status and comment), one line each. */
  kept: string[];
}
/** Reads a filled-in worksheet and proposes the edits that write its statuses and comments into the plan; null when the document is not a plan. */
export const FollowUpApplyRequest = request<FollowUpApplyParams, FollowUpApplyResult | null>('plan/followUpApply');
