/**
 * Settings over the protocol: the server pulls section `plan` with workspace/configuration, and
 * pulls again (and republishes) on workspace/didChangeConfiguration.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const REFERENCE_URI = fileUri(REFERENCE);
const REFERENCE_TEXT = readFileSync(REFERENCE, 'utf8');

function count(p: PublishDiagnosticsParams, code: string): number {
  return p.diagnostics.filter((d) => d.code === code).length;
}

describe('Server settings', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should pull section “plan” and drop plan.toc.title-mismatch when its severity is "off", then republish after didChangeConfiguration', async () => {
    client = await LspClient.start({ settings: { severity: { 'plan.toc.title-mismatch': 'off' } } });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const first = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });

    assert.equal(client.configurationRequests.length, 1);
    assert.deepEqual(
      client.configurationRequests[0].items.map((i) => i.section),
      ['plan'],
    );
    assert.ok(
      client.registrations.some((r) => r.registrations.some((x) => x.method === 'workspace/didChangeConfiguration')),
      'the server registers for didChangeConfiguration',
    );
    assert.equal(count(first, 'plan.toc.title-mismatch'), 0, 'silenced');
    assert.equal(count(first, 'plan.frontmatter.empty-value'), 3, 'the rest is still reported');
    assert.equal(count(first, 'plan.ansvar.no-actor'), 2);
    assert.equal(count(first, 'plan.style.year-range'), 6);
    assert.ok(first.diagnostics.filter((d) => d.code === 'plan.ansvar.no-actor').every((d) => d.severity === 2));

    // New settings: title mismatches back, style hints off, missing actors as errors.
    client.settings = { severity: { 'plan.ansvar.no-actor': 'error' }, style: { enabled: false } };
    const mark = client.mark();
    const pulled = client.nextConfigurationRequest();
    await client.changeConfiguration({ plan: {} });
    assert.deepEqual(
      (await pulled).items.map((i) => i.section),
      ['plan'],
    );
    const second = await client.waitForDiagnostics(REFERENCE_URI, { after: mark });

    assert.equal(second.version, 1, 'republished for the same, unchanged version');
    assert.equal(count(second, 'plan.toc.title-mismatch'), 3);
    assert.equal(count(second, 'plan.style.year-range'), 0);
    assert.equal(count(second, 'plan.ansvar.no-actor'), 2);
    assert.ok(
      second.diagnostics.filter((d) => d.code === 'plan.ansvar.no-actor').every((d) => d.severity === 1),
      'no-actor is now an error',
    );
    assert.equal(count(second, 'plan.frontmatter.empty-value'), 3);
  });

  it('Should treat Markdown files matching plan.planFiles as plans of plan.defaultDocumentType, and no others', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], settings: { planFiles: ['planer/**/*.md'], defaultDocumentType: 'riktlinje' } });
    const body = '# Riktlinje för möten\n\n## Syfte\n\nKorta möten.\n';
    const inFolder = fileUri(join(EXAMPLES, 'planer', 'moten.md'));
    const outside = fileUri(join(EXAMPLES, 'moten.md'));
    await client.open(inFolder, body, 1);
    await client.open(outside, body, 1);
    const matched = await client.waitForDiagnostics(inFolder, { version: 1, after: 0 });
    const other = await client.waitForDiagnostics(outside, { version: 1, after: 0 });
    assert.deepEqual(other.diagnostics, [], 'a file outside the pattern is not a plan');
    assert.equal(count(matched, 'plan.frontmatter.missing-key'), 1, 'the front matter is missing');
    assert.match(String(matched.diagnostics.find((d) => d.code === 'plan.frontmatter.missing-key')!.message), /Riktlinje/);
    assert.ok(
      matched.diagnostics.some((d) => d.code === 'plan.section.missing' && String(d.message).includes('Omfattning')),
      'checked against the riktlinje template',
    );
  });

  it('Should keep checking after many reloads of a workspace with templates and registries in several folders (no “unknown registry”)', async () => {
    // Each reload makes new template sets and registries; the workspace's documents are analysed
    // again with them, so each worker is sent many; the default registry stays in use throughout.
    const c = await LspClient.start({ workspaceFolders: [EXAMPLES], settings: {} });
    client = c;
    await c.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    await c.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    for (let i = 0; i < 12; i++) {
      c.settings = { severity: { 'plan.toc.title-mismatch': i % 2 ? 'off' : 'warning' } };
      const mark = c.mark();
      await c.changeConfiguration({ plan: {} });
      const p: PublishDiagnosticsParams = await c.waitForDiagnostics(REFERENCE_URI, { after: mark });
      await c.request('plan/checkWorkspace', {});
      assert.deepEqual(
        p.diagnostics.filter((d) => d.code === 'plan.internal').map((d) => d.message),
        [],
        `reload ${i + 1}`,
      );
      assert.equal(count(p, 'plan.toc.title-mismatch') > 0, i % 2 === 0, `reload ${i + 1} applied`);
    }
  });

  it('Should say which plan.planFiles patterns it cannot use and why, and keep using the others', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], settings: { planFiles: ['!(arkiv)/*.md', 'planer/**/*.md'] } });
    const notice = await client.waitFor(client.messages, () => true, 'the warning about the pattern');
    assert.equal(notice.type, 2, 'a warning');
    assert.match(notice.message, /plan\.planFiles/);
    assert.match(notice.message, /”!\(arkiv\)\/\*\.md”: extglobben !\(…\) kräver lookahead/);
    const inFolder = fileUri(join(EXAMPLES, 'planer', 'moten.md'));
    await client.open(inFolder, '# Riktlinje för möten\n\nKorta möten.\n', 1);
    const matched = await client.waitForDiagnostics(inFolder, { version: 1, after: 0 });
    assert.equal(count(matched, 'plan.frontmatter.missing-key'), 1, 'the usable pattern makes it a plan');
    assert.equal(client.messages.length, 1, 'told once');
  });

  it('Should skip a document larger than maxFileSize from the settings, and check it again when the limit is raised', async () => {
    client = await LspClient.start({ settings: { maxFileSize: 1000 } });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const skipped = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.deepEqual(skipped.diagnostics, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 3,
        code: 'plan.file.skipped',
        source: 'plan',
        message: `Filen är för stor för att kontrolleras (${REFERENCE_TEXT.length} tecken; gränsen är 1000).`,
      },
    ]);

    client.settings = {};
    const mark = client.mark();
    await client.changeConfiguration({ plan: {} });
    const checked = await client.waitForDiagnostics(REFERENCE_URI, { after: mark });
    assert.equal(checked.diagnostics.length, 26);
  });

  it('Should ignore malformed settings values and use the defaults', async () => {
    client = await LspClient.start({
      settings: { severity: { 'plan.toc.title-mismatch': 'loud', 'plan.ansvar.no-actor': 3 }, style: 'no', maxFileSize: -5, templateFiles: 'x' },
    });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const p = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.equal(p.diagnostics.length, 26);
    assert.equal(count(p, 'plan.toc.title-mismatch'), 3);
    assert.equal(count(p, 'plan.style.year-range'), 6);
  });

  it('Should take pushed settings from didChangeConfiguration when the client cannot answer workspace/configuration', async () => {
    client = await LspClient.start({ configuration: false, initializationOptions: { settings: { severity: { 'plan.toc.title-mismatch': 'off' } } } });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const first = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.equal(client.configurationRequests.length, 0, 'no pull without the capability');
    assert.equal(count(first, 'plan.toc.title-mismatch'), 0, 'initializationOptions.settings apply');

    const mark = client.mark();
    await client.changeConfiguration({ plan: { style: { enabled: false } } });
    const second = await client.waitForDiagnostics(REFERENCE_URI, { after: mark });
    assert.equal(count(second, 'plan.toc.title-mismatch'), 3);
    assert.equal(count(second, 'plan.style.year-range'), 0);
    assert.equal(client.configurationRequests.length, 0);
  });
});
