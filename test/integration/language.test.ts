// Prisma's language server as the user meets it: completion, hover, formatting, rename, diagnostics; the
// matching server line for a Prisma 6 project; no second server beside the Prisma extension. Each test is
// declared only in the runs of test/integration/runs.mjs whose project it needs (itIn): none skips.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, describeIn, itIn, waitFor } from './helpers/extension';

const officialActive = () => vscode.extensions.getExtension('Prisma.prisma') !== undefined;
const serverTimeout = 45_000;

interface SchemaText {
  uri: vscode.Uri;
  text: string;
}

async function schemaFiles(): Promise<SchemaText[]> {
  const uris = await vscode.workspace.findFiles('**/*.prisma', '**/{node_modules,generated}/**');
  const files = await Promise.all(
    uris.map(async (uri) => ({ uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) })),
  );
  return files.sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Throws away unsaved edits of the active editor and closes it. */
async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

function modelLine(text: string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^model\s+\w+\s*\{/.test(l));
  assert.ok(i >= 0, 'no model in the schema');
  return i;
}

async function completionLabels(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    pos,
  );
  // word-based suggestions (kind Text) come from the editor itself, not from a language server
  return list.items
    .filter((i) => i.kind !== vscode.CompletionItemKind.Text)
    .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Inserts a field stub into the first model and asks for completions after it: what a user typing a type sees. */
async function typeCompletions(editor: vscode.TextEditor): Promise<string[]> {
  const doc = editor.document;
  const line = modelLine(doc.getText()) + 1;
  // edits of the document, not of the editor: an editor's edit is refused once it is no longer visible
  const edit = async (change: (e: vscode.WorkspaceEdit) => void) => {
    const we = new vscode.WorkspaceEdit();
    change(we);
    assert.ok(await vscode.workspace.applyEdit(we), 'an edit of the schema was refused');
  };
  await edit((e) => e.insert(doc.uri, new vscode.Position(line, 0), '  draftField \n'));
  try {
    return await completionLabels(doc.uri, new vscode.Position(line, '  draftField '.length));
  } finally {
    // take the stub out again by range (an `undo` acts on whatever has focus)
    if (doc.lineAt(line).text === '  draftField ')
      await edit((e) => e.delete(doc.uri, new vscode.Range(line, 0, line + 1, 0)));
  }
}

const brokenModel = '\nmodel WorkbenchBroken {\n  id    Int @id\n  thing NoSuchTypeAnywhere\n}\n';

async function addBrokenModel(editor: vscode.TextEditor): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((e) => e.insert(end, brokenModel));
}

// The language servers' diagnostics only: our own checks (drift, lint) keep their own sources beside them.
const messages = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => !d.source?.startsWith('Prisma Workbench'))
    .map((d) => `${d.source ?? ''}: ${d.message}`);

/** Our own server answers in these runs; in language-beside-official the stand-in Prisma.prisma does. */
const ownServer = ['sample', 'language-multi-file', 'language-prisma6'];
const besideOfficial = ['language-beside-official'];
export const languageRuns = [...ownServer, ...besideOfficial];

/** In a run of ours, the stand-in official extension must not be there (it would stop our server). */
function assertOwnServerRun(): void {
  assert.ok(!officialActive(), 'Prisma.prisma is installed in a run where our language server should answer');
}

describeIn(languageRuns, 'Language features (Prisma language server)', function () {
  this.timeout(120_000);
  let files: SchemaText[];

  before(async () => {
    await activeApi();
    files = await schemaFiles();
  });

  afterEach(async () => {
    while (vscode.window.activeTextEditor) await revertAndClose();
  });

  itIn(ownServer, 'completes types inside a model', async function () {
    assertOwnServerRun();
    const main = files.find((f) => /^model\s/m.test(f.text));
    assert.ok(main);
    const editor = await open(main.uri);
    const labels = await waitFor(
      'completions from the language server',
      async () => {
        const l = await typeCompletions(editor);
        return l.includes('String') ? l : undefined;
      },
      serverTimeout,
    );
    for (const t of ['String', 'Int', 'DateTime', 'Boolean'])
      assert.ok(labels.includes(t), `${t} missing from ${labels.join(', ')}`);
    const model = /^model\s+(\w+)/m.exec(main.text)?.[1];
    assert.ok(model && labels.includes(model), `the schema's model ${model} is not offered: ${labels.join(', ')}`);
  });

  itIn(ownServer, "reports Prisma's own errors, and none for a sound schema", async function () {
    assertOwnServerRun();
    const main = files.find((f) => /^model\s/m.test(f.text));
    assert.ok(main);
    const editor = await open(main.uri);
    await addBrokenModel(editor);
    // the error for the unknown type, and (everything else in the workspace's schema being valid for its
    // Prisma version) no other error once the server has caught up with the text; warnings, e.g. a renamed
    // preview feature in the Prisma 5 fixture, are Prisma's advice and allowed
    const found = await waitFor(
      'a diagnostic for the unknown type and no other error',
      () => {
        const all = vscode.languages.getDiagnostics(main.uri);
        const d = all.find((x) => x.message.includes('NoSuchTypeAnywhere'));
        const otherErrors = all
          .filter((x) => x.severity === vscode.DiagnosticSeverity.Error && !x.message.includes('NoSuchTypeAnywhere'))
          .map((x) => x.message);
        if (d && otherErrors.length) throw new Error(`other errors: ${otherErrors.join(' | ')}`);
        return d;
      },
      serverTimeout,
    );
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(
      found.range.start.line,
      editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('NoSuchTypeAnywhere')),
    );
  });

  itIn(['language-prisma6'], "gives no false error on a Prisma 6 project's url = env(...)", async function () {
    assertOwnServerRun();
    const withUrl = files.find((f) => /datasource\s+\w+\s*\{[^}]*\n\s*url\s*=\s*env\(/s.test(f.text));
    assert.ok(withUrl, "the Prisma 5 fixture's schema has no `url = env(...)` datasource");
    const editor = await open(withUrl.uri);
    await addBrokenModel(editor);
    // once the unknown type is reported, the server has validated this very text
    await waitFor(
      'the server to validate the schema',
      () => messages(withUrl.uri).find((m) => m.includes('NoSuchTypeAnywhere')),
      serverTimeout,
    );
    const wrong = messages(withUrl.uri).filter((m) => /\burl\b|no longer supported/i.test(m));
    assert.deepEqual(wrong, [], 'the Prisma 7 server was started for a Prisma 6 project');
  });

  itIn(ownServer, 'shows a hover for a model used as a field type', async function () {
    assertOwnServerRun();
    const withRelation = files
      .map((f) => ({ f, m: /^\s+\w+\s+([A-Z]\w*)(\[\]|\?)?\s+@relation/m.exec(f.text) }))
      .find((x) => x.m);
    assert.ok(withRelation?.m, "this run's schema has no relation field to hover");
    const { f, m } = withRelation;
    await open(f.uri);
    const doc = await vscode.workspace.openTextDocument(f.uri);
    // the position in the text as it is now (an earlier test's edit left behind would shift the file's lines)
    assert.equal(doc.getText(), f.text, `${f.uri.fsPath} is not as on disk (dirty: ${doc.isDirty})`);
    const pos = doc.positionAt(m.index + m[0].indexOf(` ${m[1]}`) + 2);
    // the server may still be catching up with the edits earlier tests made and reverted: ask until it
    // answers for this text (a hover naming the model), and say what it answered last if it never does
    let last = '';
    const text = await waitFor(
      `a hover naming ${m[1]} from the language server`,
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', f.uri, pos);
        last = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return new RegExp(`\\b${m[1]}\\b`).test(last) ? last : undefined;
      },
      serverTimeout,
    ).catch((e: Error) => {
      throw new Error(
        `${e.message}; its last answer: ${JSON.stringify(last)}, at ${JSON.stringify(doc.lineAt(pos.line).text)}`,
      );
    });
    assert.match(text, new RegExp(`\\b${m[1]}\\b`));
  });

  itIn(ownServer, "formats a messy schema back into Prisma's layout", async function () {
    assertOwnServerRun();
    const main = files.find((f) => /^model\s/m.test(f.text));
    assert.ok(main);
    const editor = await open(main.uri);
    // VS Code drops edits that change nothing: an already formatted document gets an empty list
    const format = async (mustChange: boolean) => {
      const edits = await waitFor(
        'formatting edits',
        async () => {
          const r = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
            'vscode.executeFormatDocumentProvider',
            main.uri,
            { tabSize: 2, insertSpaces: true },
          );
          return r && (r.length || !mustChange) ? r : undefined;
        },
        serverTimeout,
      );
      if (!edits.length) return;
      const we = new vscode.WorkspaceEdit();
      we.set(main.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(we));
    };
    await format(false); // a fixture need not be in Prisma's layout to begin with
    const original = editor.document.getText();
    // squeeze the alignment out of every field line and indent the model's lines badly
    const messy = original.replace(/^([ \t]+)(\w+)[ \t]+(\S+)[ \t]+/gm, '\t $2 $3  ');
    assert.notEqual(messy, original, 'the schema has no aligned fields to mess up');
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), messy));
    await format(true);
    assert.equal(editor.document.getText(), original);
  });

  itIn(['language-multi-file'], 'renames a model across the files of a multi-file schema', async function () {
    assertOwnServerRun();
    // the model used most from other files (e.g. User, defined in user.prisma and used in blog.prisma)
    const usesElsewhere = (f: SchemaText, model: string) =>
      files
        .filter((o) => o !== f)
        .reduce((n, o) => n + (o.text.match(new RegExp(`\\s${model}(\\[\\]|\\?)?\\s`, 'g'))?.length ?? 0), 0);
    const defined = files
      .flatMap((f) => [...f.text.matchAll(/^model\s+(\w+)/gm)].map((m) => ({ f, m, uses: usesElsewhere(f, m[1]) })))
      .filter((x) => x.uses > 0)
      .sort((a, b) => b.uses - a.uses)[0];
    assert.ok(defined?.m, 'the multi-file fixture has no model used from another file');
    const { f, m } = defined;
    const model = m[1];
    const users = files.filter((o) => o !== f && new RegExp(`\\s${model}(\\[\\]|\\?)?\\s`).test(o.text));
    await open(f.uri);
    const doc = await vscode.workspace.openTextDocument(f.uri);
    const pos = doc.positionAt(m.index + m[0].indexOf(model) + 1);
    const edit = await waitFor(
      'a rename edit',
      async () => {
        const r = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
          'vscode.executeDocumentRenameProvider',
          f.uri,
          pos,
          `${model}Renamed`,
        );
        return r && r.size > 1 ? r : undefined;
      },
      serverTimeout,
    );
    const touched = edit.entries().map(([uri]) => uri.fsPath);
    for (const u of [f, ...users])
      assert.ok(touched.includes(u.uri.fsPath), `${u.uri.fsPath} not renamed; edit touches ${touched.join(', ')}`);
    // every file gets the new name (the server may also add @@map to keep the table name)
    for (const [uri, edits] of edit.entries())
      assert.ok(
        edits.some((e) => e.newText === `${model}Renamed`),
        `${uri.fsPath}: ${edits.map((e) => e.newText).join(' | ')}`,
      );
  });

  itIn(besideOfficial, 'does not start a second server beside the Prisma extension', async function () {
    assert.ok(officialActive(), 'the stand-in Prisma.prisma extension is not installed in this run');
    const main = files.find((f) => /^model\s/m.test(f.text));
    assert.ok(main);
    const editor = await open(main.uri);
    await waitFor(
      "the Prisma extension's diagnostic",
      () => messages(main.uri).find((m) => m.includes('fake official')),
      serverTimeout,
    );
    // our controller decided for this schema's folder: off, giving way to Prisma.prisma (a server it had
    // started instead would show as starting or running here, and this wait would fail)
    const language = (await activeApi()).language;
    assert.ok(language, 'the language feature did not register');
    const state = await waitFor(
      'our language server to decide for the schema',
      () => {
        const s = language.stateFor(editor.document);
        return s.kind === 'idle' ? undefined : s;
      },
      serverTimeout,
    );
    assert.equal(state.kind, 'off', `our language server is ${state.kind} beside Prisma.prisma`);
    assert.match(state.kind === 'off' ? state.reason : '', /Prisma\.prisma/);
    await addBrokenModel(editor);
    const labels = await typeCompletions(editor);
    assert.deepEqual(messages(main.uri), ['Prisma: fake official Prisma extension is running']);
    assert.equal(labels.filter((l) => l === 'fakeOfficialCompletion').length, 1);
    assert.ok(!labels.includes('DateTime'), `a second server answered completions: ${labels.join(', ')}`);
  });
});
