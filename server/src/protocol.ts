/**
 * The custom requests between the VS Code client and the language server, as typed request
 * objects shared by both sides: `connection.onRequest(OverviewRequest.type, …)` on the server,
 * `client.sendRequest(OverviewRequest.type, …)` in the client. The method names are stable (other
 * clients and the tests use them). The client imports from the server tree only this file and
 * server/src/render/; the library's types it needs are re-exported here.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { PlanOverview } from './core/overview';

export type { Loc, OverviewAmbition, OverviewSubsection, PlanOverview, SeverityCounts } from './core/overview';

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
export type CheckWorkspaceParams = Record<string, never>;
export interface CheckWorkspaceResult {
  files: number;
  plans: number;
  errors: number;
  warnings: number;
  other: number;
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
}
/** The follow-up report for a year as a self-contained HTML page; null when the document is not a plan. */
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
}
/** Reads a filled-in worksheet and proposes the edits that write its statuses and comments into the plan; null when the document is not a plan. */
export const FollowUpApplyRequest = request<FollowUpApplyParams, FollowUpApplyResult | null>('plan/followUpApply');
