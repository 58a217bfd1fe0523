// Integration runs: each copies a project into a fresh workspace and runs the whole suite against it.
// { name, source: { from: folder relative to the repo, include?: entries to copy }, env?: extra ext-host env }
import { sampleProjectSource } from '../harness/workspace.mjs';

export const runs = [
  { name: 'sample', source: sampleProjectSource(), env: {} },
];
