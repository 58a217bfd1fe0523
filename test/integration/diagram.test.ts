// The relationship diagram in the real extension host, from the installed .vsix: the webview really loads
// and says `ready`, and what the host then sends it (DiagramPanel.posted) is what these tests read; a click
// in the webview arrives as a `reveal` message, simulated here through the panel's own message handler.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagramPanel } from '../../src/features/diagram/diagramPanel';
import type { DiagramHostMessage } from '../../src/shared/protocol/diagram';
import { activeApi, describeIn, shown, waitFor } from './helpers/extension';

type Graph = Extract<DiagramHostMessage, { type: 'graph' }>;
const isGraph = (m: DiagramHostMessage): m is Graph => m.type === 'graph';
const sampleModels = ['Course', 'Enrollment', 'Lesson', 'Organization', 'Profile', 'Review', 'Tag', 'User'];

/** 0-based line of `model <name> {`, or of `field` inside it, read from the file itself. */
function lineOf(file: string, model: string, field?: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*model\\s+${model}\\s*\\{`).test(l));
  assert.ok(start >= 0, `model ${model} not in ${file}`);
  if (!field) return start;
  const i = lines.findIndex((l, n) => n > start && new RegExp(`^\\s*${field}\\s`).test(l));
  assert.ok(i > start, `field ${model}.${field} not in ${file}`);
  return i;
}

describeIn(['sample'], 'Relationship diagram', function () {
  this.timeout(120_000);
  let panel: DiagramPanel;
  let schemaFile: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-diagram-'));

  const lastError = () => [...panel.posted].reverse().find((m) => m.type === 'error');
  /** Sends `raw` as if the webview had, and returns the error the host answered with (or undefined). */
  async function sendFromWebview(raw: unknown): Promise<string | undefined> {
    const before = panel.posted.length;
    await panel.handle(raw);
    const answer = panel.posted.slice(before).find((m) => m.type === 'error');
    return answer?.type === 'error' ? answer.message : undefined;
  }

  before(async () => {
    const api = await activeApi();
    await waitFor('the sample schema in the Models view', async () => (await shown()).length > 0 || undefined, 30_000);
    schemaFile = api.services.schemas.schemas[0].root.schemaPath;
  });

  after(async () => {
    panel?.dispose();
    const diagrams = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Diagram'));
    await vscode.window.tabGroups.close(diagrams).then(undefined, () => undefined); // tabs already gone with their panels
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opens from the Models view schema item: the webview loads and is sent every model and relation', async () => {
    const root = (await shown())[0];
    assert.match(root.item.contextValue ?? '', /^schema/);
    const opened = await vscode.commands.executeCommand<DiagramPanel>('prismaWorkbench.diagram.show', root.node);
    assert.ok(opened, 'the command returned no panel');
    panel = opened;
    // posted only after the real webview said `ready`
    const graph = await panel.waitForPost(isGraph, 90_000);
    assert.ok(panel.isReady);
    assert.equal(graph.reason, 'init');
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Diagram · schema.prisma');

    const inFile = [...fs.readFileSync(schemaFile, 'utf8').matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]).sort();
    assert.deepEqual(inFile, sampleModels);
    assert.deepEqual(graph.diagram.nodes.map((n) => n.name).sort(), sampleModels);
    const user = graph.diagram.nodes.find((n) => n.id === 'User')!;
    assert.deepEqual(
      user.fields.filter((f) => f.isForeignKey).map((f) => f.name),
      ['organizationId', 'mentorId'],
    );
    assert.ok(user.fields.find((f) => f.name === 'id')?.isId);
    assert.ok(user.fields.find((f) => f.name === 'email')?.isUnique);

    const edges = graph.diagram.edges
      .map(
        (e) =>
          `${e.source}.${e.sourceField} ${e.sourceCardinality}:${e.targetCardinality} ${e.target}.${e.targetField ?? '-'}`,
      )
      .sort();
    assert.deepEqual(edges, [
      'Course.instructor n:0..1 User.taughtCourses',
      'Course.organization n:1 Organization.courses',
      'Course.tags n:n Tag.courses',
      'Enrollment.course n:1 Course.enrollments',
      'Enrollment.user n:1 User.enrollments',
      'Lesson.course n:1 Course.lessons',
      'Profile.user 0..1:1 User.profile',
      'Review.course n:1 Course.reviews',
      'Review.user n:1 User.reviews',
      'User.mentor n:0..1 User.mentees',
      'User.organization n:1 Organization.users',
    ]);
    for (const e of graph.diagram.edges) assert.ok(e.points.length >= 2, `${e.id} has no route`);
    for (const n of graph.diagram.nodes)
      assert.ok(n.width > 0 && n.height > 0 && n.x >= 0 && n.y >= 0, `${n.id} is not placed`);
  });

  it('running the command again reveals the same tab instead of opening a second one', async () => {
    const again = await vscode.commands.executeCommand<DiagramPanel>('prismaWorkbench.diagram.show');
    assert.equal(again, panel);
    const diagramTabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Diagram'));
    assert.equal(diagramTabs.length, 1);
  });

  it('a click on a model or a field opens schema.prisma at its definition, beside the diagram', async () => {
    assert.equal(await sendFromWebview({ type: 'reveal', model: 'Lesson' }), undefined);
    let editor = await waitFor('the editor on model Lesson', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.fsPath === schemaFile && e.selection.start.line === lineOf(schemaFile, 'Lesson')
        ? e
        : undefined;
    });
    assert.equal(editor.document.getText(editor.selection), 'Lesson');
    assert.notEqual(editor.viewColumn, panel.panel.viewColumn, 'the diagram stays in its own group');
    assert.ok(panel.panel.visible, 'the diagram is still in view');

    assert.equal(await sendFromWebview({ type: 'reveal', model: 'User', field: 'email' }), undefined);
    editor = await waitFor('the editor on User.email', () => {
      const e = vscode.window.activeTextEditor;
      return e?.selection.start.line === lineOf(schemaFile, 'User', 'email') ? e : undefined;
    });
    assert.equal(editor.document.getText(editor.selection), 'email');
  });

  it('refuses hostile or malformed messages: nothing is opened or written', async () => {
    const editor = vscode.window.activeTextEditor;
    const selection = editor?.selection;
    const outside = path.join(tmp, 'evil.svg');
    const hostile: [string, unknown, RegExp][] = [
      [
        'a file path instead of a model',
        { type: 'reveal', model: 'User', file: '/etc/passwd', line: 1 },
        /Refused a malformed message/,
      ],
      ['an unknown message type', { type: 'openFile', path: '/etc/passwd' }, /Refused a malformed message/],
      ['a prototype name as type', { type: '__proto__' }, /Refused a malformed message/],
      ['not an object', 'reveal User', /Refused a malformed message/],
      ['a model of no schema', { type: 'reveal', model: '../../../etc/passwd' }, /no model/],
      ['a field the model lacks', { type: 'reveal', model: 'User', field: 'constructor' }, /no field constructor/],
      [
        'an SVG with a script',
        { type: 'export', format: 'svg', data: '<svg><script>alert(1)</script></svg>' },
        /Refused a malformed message/,
      ],
    ];
    for (const [what, message, expected] of hostile) {
      const error = await sendFromWebview(message);
      assert.ok(error, `${what}: no error answered`);
      assert.match(error, expected, what);
    }
    // base64 that is well-formed but not a PNG: refused before any save dialog or write
    panel.nextExportTarget = vscode.Uri.file(outside);
    const notPng = await sendFromWebview({
      type: 'export',
      format: 'png',
      data: Buffer.from('GIF89a not a png').toString('base64'),
    });
    panel.nextExportTarget = undefined;
    assert.match(notPng ?? '', /not a PNG/);
    assert.ok(!fs.existsSync(outside), 'nothing was written');
    assert.equal(
      vscode.window.activeTextEditor?.document.uri.fsPath,
      editor?.document.uri.fsPath,
      'no other file was opened',
    );
    assert.ok(selection && vscode.window.activeTextEditor?.selection.isEqual(selection), 'the selection did not move');
    assert.ok(lastError());
  });

  it('exports the SVG and PNG the webview sends where the user chose', async () => {
    const svgFile = path.join(tmp, 'schema-diagram.svg');
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#123456"/></svg>';
    panel.nextExportTarget = vscode.Uri.file(svgFile);
    assert.equal(await sendFromWebview({ type: 'export', format: 'svg', data: svg }), undefined);
    assert.equal(fs.readFileSync(svgFile, 'utf8'), svg);
    const pngFile = path.join(tmp, 'schema-diagram.png');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    panel.nextExportTarget = vscode.Uri.file(pngFile);
    assert.equal(await sendFromWebview({ type: 'export', format: 'png', data: png.toString('base64') }), undefined);
    assert.deepEqual(fs.readFileSync(pngFile), png);
    assert.deepEqual(
      panel.posted.filter((m) => m.type === 'exported').map((m) => m.type === 'exported' && m.format),
      ['svg', 'png'],
    );
  });

  it('follows the schema: a model added on disk appears, and goes when it is removed', async () => {
    const original = fs.readFileSync(schemaFile, 'utf8');
    const hasProbe =
      (want: boolean) =>
      (m: DiagramHostMessage): m is Graph =>
        isGraph(m) && m.reason === 'update' && m.diagram.nodes.some((n) => n.id === 'DiagramProbe') === want;
    try {
      const start = panel.posted.length;
      fs.writeFileSync(
        schemaFile,
        `${original}\nmodel DiagramProbe {\n  id     Int  @id\n  userId Int\n  user   User @relation(fields: [userId], references: [id])\n}\n`,
      );
      const added = await waitFor(
        'the diagram to show DiagramProbe',
        () => panel.posted.slice(start).find(hasProbe(true)),
        30_000,
      );
      const edge = added.diagram.edges.find((e) => e.source === 'DiagramProbe');
      assert.equal(edge?.target, 'User');
      assert.equal(edge?.targetCardinality, '1');
    } finally {
      const start = panel.posted.length;
      fs.writeFileSync(schemaFile, original);
      await waitFor('the diagram to drop DiagramProbe', () => panel.posted.slice(start).find(hasProbe(false)), 30_000);
    }
  });

  it('comes back after a reload: the serializer restores a panel from the state the webview saved', async () => {
    const host = panel.host as unknown as { restore(p: vscode.WebviewPanel, state: unknown): DiagramPanel };
    const restoredPanel = vscode.window.createWebviewPanel(
      'prismaWorkbench.diagram',
      'Diagram · restored',
      vscode.ViewColumn.Active,
      { enableScripts: true },
    );
    const restored = host.restore(restoredPanel, {
      schemaId: panel.schemaId,
      transform: { x: 10, y: 20, k: 0.5 },
      focus: 'User',
    });
    const graph = await restored.waitForPost(isGraph, 60_000);
    assert.deepEqual(graph.diagram.nodes.map((n) => n.name).sort(), sampleModels);
    assert.equal(graph.schemaId, panel.schemaId);
    restored.dispose();
    // a state that is not ours (from an older version, or tampered with) still gives the only schema's diagram
    const odd = host.restore(
      vscode.window.createWebviewPanel('prismaWorkbench.diagram', 'Diagram · odd', vscode.ViewColumn.Active, {
        enableScripts: true,
      }),
      { schemaId: 42 },
    );
    assert.equal((await odd.waitForPost(isGraph, 60_000)).diagram.nodes.length, sampleModels.length);
    odd.dispose();
  });
});
