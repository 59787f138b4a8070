/** The server's settings (section `plan` in VS Code), with defaults and defensive reading. */
import { ALL_OPTIONS, isToday, type SeveritySetting, type StyleSettings } from './core/index';

export interface PlanSettings {
  /** Glob patterns (relative to the workspace folder) of Markdown files that are plans without front matter. */
  planFiles: string[];
  /** The document type of such files. */
  defaultDocumentType: string;
  severity: Record<string, SeveritySetting>;
  style: StyleSettings & { enabled: boolean };
  templateFiles: string[];
  registryFile: string;
  diarienummerPattern: string;
  maxFileSize: number;
  /** How long (ms) one document's analysis may take before it is stopped (`plan.analysisTimeout`). */
  analysisTimeout: number;
  /** The day validity is judged on (`plan.today`, YYYY-MM-DD); '' is the real date. */
  today: string;
  /** Days before a document's last day that it is reported as expiring (`plan.validity.warnDays`). */
  warnDays: number;
  /** The rule families' switches (`klarsprak.passive` …), by setting name without `plan.`. */
  switches: Record<string, boolean>;
}

export const DEFAULT_SETTINGS: PlanSettings = {
  planFiles: [],
  defaultDocumentType: 'plan',
  severity: {},
  style: { enabled: true, yearRange: true, skall: true, twoDigitYear: true },
  templateFiles: [],
  registryFile: '',
  diarienummerPattern: '',
  maxFileSize: 2_000_000,
  analysisTimeout: 5_000,
  today: '',
  warnDays: 90,
  switches: Object.fromEntries(ALL_OPTIONS.map((o) => [o.key, o.default])),
};

/** The shortest analysis budget (ms) taken from the settings: less would stop ordinary plans on a busy machine. */
export const MIN_ANALYSIS_TIMEOUT = 100;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads whatever the client sent; anything malformed falls back to the default. */
export function readSettings(raw: unknown): PlanSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const severity: Record<string, SeveritySetting> = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [k, v] of Object.entries(r.severity as Record<string, unknown>))
      if (typeof v === 'string' && SEVERITIES.has(v)) severity[k] = v as SeveritySetting;
  }
  const style = (r.style && typeof r.style === 'object' ? r.style : {}) as Record<string, unknown>;
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);
  return {
    planFiles: strings(r.planFiles),
    defaultDocumentType: typeof r.defaultDocumentType === 'string' && r.defaultDocumentType ? r.defaultDocumentType : 'plan',
    severity,
    style: {
      enabled: bool(style.enabled, true),
      yearRange: bool(style.yearRange, true),
      skall: bool(style.skall, true),
      twoDigitYear: bool(style.twoDigitYear, true),
    },
    templateFiles: strings(r.templateFiles),
    registryFile: typeof r.registryFile === 'string' ? r.registryFile : '',
    diarienummerPattern: typeof r.diarienummerPattern === 'string' ? r.diarienummerPattern : '',
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    analysisTimeout:
      typeof r.analysisTimeout === 'number' && Number.isFinite(r.analysisTimeout) && r.analysisTimeout > 0
        ? Math.max(MIN_ANALYSIS_TIMEOUT, r.analysisTimeout)
        : DEFAULT_SETTINGS.analysisTimeout,
    today: typeof r.today === 'string' && isToday(r.today.trim()) ? r.today.trim() : '',
    warnDays: warnDaysOf(r.validity),
    switches: Object.fromEntries(
      ALL_OPTIONS.map((o) => {
        const [group, name] = o.key.split('.');
        const g = r[group];
        return [o.key, bool(g && typeof g === 'object' ? (g as Record<string, unknown>)[name] : undefined, o.default)];
      }),
    ),
  };
}

function warnDaysOf(validity: unknown): number {
  const v = validity && typeof validity === 'object' ? (validity as Record<string, unknown>).warnDays : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), 3650) : DEFAULT_SETTINGS.warnDays;
}
