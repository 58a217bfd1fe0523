// A problem the diagram webview reports is shown in a notification as plain text: VS Code renders
// [label](command:…) in a notification as a link a click runs, so a webview (compromised, or quoting text it
// was given) cannot put a command link in front of the user (before: the text was shown as sent).
import * as assert from 'node:assert/strict';
import { DiagramRequests } from '../../../src/core/diagram/diagramRequests';
import { buildDiagram } from '../../../src/core/diagram/diagramModel';
import { sampleSchema } from '../data/helpers';

describe('diagram: problems the webview reports', () => {
  it('reach the notification without link syntax, on one short line', async () => {
    const shown: string[] = [];
    const graph = buildDiagram(sampleSchema().doc);
    const requests = new DiagramRequests({
      post: () => {},
      log: { warn: () => {}, error: () => {} },
      graph: () => graph,
      ready: () => {},
      reveal: async () => {},
      saveExport: async () => {},
      problem: (text) => shown.push(text),
    });
    await requests.handle({ type: 'problem', message: 'export png: [click here](command:workbench.action.quit)\nnow' });
    await requests.handle({ type: 'problem', message: 'x'.repeat(2000) });
    assert.equal(shown[0], 'export png: click here(command:workbench.action.quit) now');
    assert.ok(!/\[[^\]]*\]\(/.test(shown[0]!));
    assert.ok(shown[1]!.length <= 300);
  });
});
