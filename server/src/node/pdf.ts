/**
 * PDF from a published plan, where a converter is installed: LibreOffice (headless) from the Word
 * file, else Chromium's print of the web page. Neither is a dependency: without one, the caller
 * says what to install. The Word file and the web page never depend on this.
 */
import { spawn } from 'node:child_process';
import { constants, existsSync, promises as fs, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfConverter {
  kind: 'libreoffice' | 'chromium';
  path: string;
}

const CANDIDATES: Array<[PdfConverter['kind'], string]> = [
  ['libreoffice', 'soffice'],
  ['libreoffice', 'libreoffice'],
  ['chromium', 'chromium'],
  ['chromium', 'chromium-browser'],
  ['chromium', 'google-chrome'],
  ['chromium', 'google-chrome-stable'],
];

/** The first converter on PATH (PLAN_PDF_CONVERTER names one directly: a path to soffice or a Chromium). */
export function findPdfConverter(env: NodeJS.ProcessEnv = process.env): PdfConverter | undefined {
  const given = env.PLAN_PDF_CONVERTER;
  if (given) return existsSync(given) ? { kind: /office/i.test(path.basename(given)) ? 'libreoffice' : 'chromium', path: given } : undefined;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const [kind, name] of CANDIDATES)
    for (const dir of dirs)
      for (const ext of exts) {
        const file = path.join(dir, name + ext);
        try {
          if (statSync(file).isFile()) return { kind, path: file };
        } catch {
          // not here
        }
      }
  return undefined;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000, env: { ...process.env, HOME: process.env.HOME ?? cwd } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Writes `out` (replacing a file there only when `replace`) as PDF, from the Word bytes (LibreOffice) or the web page (Chromium). Throws with the converter's complaint when it fails. */
export async function convertToPdf(
  converter: PdfConverter,
  source: { docx: () => Promise<Uint8Array>; html: () => string },
  out: string,
  replace: boolean,
): Promise<void> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'plan-pdf-'));
  try {
    let made: string;
    let result: { code: number | null; stderr: string };
    if (converter.kind === 'libreoffice') {
      const input = path.join(dir, 'plan.docx');
      await fs.writeFile(input, await source.docx());
      result = await run(
        converter.path,
        ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--convert-to', 'pdf', '--outdir', dir, input],
        dir,
      );
      made = path.join(dir, 'plan.pdf');
    } else {
      const input = path.join(dir, 'plan.html');
      await fs.writeFile(input, source.html());
      made = path.join(dir, 'plan.pdf');
      result = await run(
        converter.path,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
          `--user-data-dir=${path.join(dir, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${made}`,
          pathToFileURL(input).href,
        ],
        dir,
      );
    }
    const bytes = existsSync(made) ? await fs.readFile(made) : undefined;
    if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new Error(`${path.basename(converter.path)} (${result.code ?? 'killed'}): ${result.stderr.trim().split('\n').slice(-3).join(' ') || 'no PDF'}`);
    // An existing file is kept unless the caller may replace it (EEXIST otherwise).
    await fs.copyFile(made, out, replace ? 0 : constants.COPYFILE_EXCL);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
