/**
 * Workspace trust over the protocol. A client says the workspace is untrusted with
 * `initializationOptions.trusted: false`; then only the built-in templates and registry apply and
 * the restricted settings are ignored, and the user is told once. `plan/didChangeWorkspaceTrust`
 * with `{ trusted: true }` (the user granted trust) applies them. A client that says nothing is trusted.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient } from '../helpers/lsp-client';

const ASBY = join(EXAMPLES, 'asby', 'handlingsplan-trygghet.md');
const ASBY_URI = fileUri(ASBY);
const ASBY_TEXT = readFileSync(ASBY, 'utf8');
const NOTICE_SV =
  'Plan: arbetsytan är inte betrodd, så bara de inbyggda mallarna och det inbyggda organisationsregistret används. Arbetsytans mall- och registerfiler och inställningarna plan.templateFiles, plan.registryFile, plan.planFiles och plan.diarienummerPattern används inte. Lita på arbetsytan för att använda dem (kommandot ”Workspaces: Manage Workspace Trust”).';

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

describe('Server in an untrusted workspace', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should apply no workspace template or registry file until trust is granted, and say so once', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], initializationOptions: { trusted: false } });
    await client.open(ASBY_URI, ASBY_TEXT, 1);
    const untrusted = await client.waitForDiagnostics(ASBY_URI, { version: 1, after: 0 });
    assert.ok(codes(untrusted).includes('plan.frontmatter.unknown-type'), `Åsby's own template does not apply: ${codes(untrusted)}`);
    const templates = await client.request<Array<{ id: string }>>('plan/templates', { uri: ASBY_URI });
    assert.deepEqual(templates.map((t) => t.id).sort(), ['plan', 'riktlinje', 'rutin'], 'only the built-in templates');

    const notice = await client.waitFor(client.messages, () => true, 'the notice about the untrusted workspace');
    assert.deepEqual(notice, { type: 3, message: NOTICE_SV });

    // The settings change (a reload): still no second notice.
    const mark = client.mark();
    await client.changeConfiguration({ plan: {} });
    await client.waitForDiagnostics(ASBY_URI, { after: mark });

    // The user grants trust.
    const granted = client.mark();
    await client.connection.sendNotification('plan/didChangeWorkspaceTrust', { trusted: true });
    const trusted = await client.waitForDiagnostics(ASBY_URI, { after: granted });
    assert.deepEqual(trusted.diagnostics, [], 'checked against Åsby’s template and registry, it is clean');
    const withOwn = await client.request<Array<{ id: string }>>('plan/templates', { uri: ASBY_URI });
    assert.ok(withOwn.some((t) => t.id === 'handlingsplan'));
    assert.equal(client.messages.length, 1, 'told once');
  });

  it('Should ignore plan.planFiles, plan.diarienummerPattern, plan.templateFiles and plan.registryFile while untrusted', async () => {
    const settings = {
      planFiles: ['planer/**/*.md'],
      diarienummerPattern: '^XYZ$',
      templateFiles: ['asby/asby.planmall.yaml'],
      registryFile: 'samverkan/samverkan.organisation.json',
    };
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], settings, initializationOptions: { trusted: false }, locale: 'en' });
    const reference = fileUri(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'));
    const referenceText = readFileSync(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8').replace(
      'diarienummer:',
      'diarienummer: KS 2019/0123',
    );
    const byPattern = fileUri(join(EXAMPLES, 'planer', 'moten.md'));
    await client.open(reference, referenceText, 1);
    await client.open(byPattern, '# Riktlinje för möten\n\n## Syfte\n\nKorta möten.\n', 1);
    const ref = await client.waitForDiagnostics(reference, { version: 1, after: 0 });
    assert.ok(!codes(ref).includes('plan.frontmatter.diarienummer'), 'the pattern from the settings is not applied');
    assert.ok(!codes(ref).includes('plan.ansvar.unknown-body'), 'Halmstad’s registry, not the one from the settings');
    assert.deepEqual((await client.waitForDiagnostics(byPattern, { version: 1, after: 0 })).diagnostics, [], 'not a plan by plan.planFiles');
    const templates = await client.request<Array<{ id: string }>>('plan/templates', {});
    assert.deepEqual(templates.map((t) => t.id).sort(), ['plan', 'riktlinje', 'rutin']);
    const notice = await client.waitFor(client.messages, () => true, 'the notice');
    assert.match(notice.message, /^Plan: this workspace is not trusted/);

    const granted = client.mark();
    await client.connection.sendNotification('plan/didChangeWorkspaceTrust', { trusted: true });
    const after = await client.waitForDiagnostics(reference, { after: granted });
    assert.ok(codes(after).includes('plan.frontmatter.diarienummer'), 'the pattern applies once trusted');
    const matched = await client.waitForDiagnostics(byPattern, { after: granted });
    assert.ok(codes(matched).includes('plan.frontmatter.missing-key'), 'plan.planFiles applies once trusted');
  });

  it('Should say nothing in an untrusted workspace where nothing is ignored', async () => {
    client = await LspClient.start({ workspaceFolders: [join(EXAMPLES, 'halmstad')], initializationOptions: { trusted: false }, trace: 'verbose' });
    const uri = fileUri(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'));
    await client.open(uri, readFileSync(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'), 'utf8'), 1);
    assert.deepEqual((await client.waitForDiagnostics(uri, { version: 1, after: 0 })).diagnostics, []);
    // A round trip after the configuration has loaded: a notice would have come before the answer.
    await client.request('plan/templates', {});
    assert.deepEqual(client.messages, []);
  });

  it('Should trust a workspace when the client says nothing about trust', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
    await client.open(ASBY_URI, ASBY_TEXT, 1);
    assert.deepEqual((await client.waitForDiagnostics(ASBY_URI, { version: 1, after: 0 })).diagnostics, []);
    assert.deepEqual(client.messages, []);
  });
});
