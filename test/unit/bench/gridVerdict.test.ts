// The grid bench's verdicts (bench/grid/stats.ts): a goal relative to Prisma Studio has no verdict when
// Studio gave no time, never "met".
import * as assert from 'node:assert/strict';
import { verdict, withinFactor } from '../../../bench/grid/stats';

describe('grid bench: verdict against Prisma Studio', () => {
  it('has no verdict when Studio gave no first-rows time', () => {
    assert.equal(withinFactor(120, undefined, 0.5), undefined);
    assert.equal(verdict(withinFactor(120, undefined, 0.5)), 'no verdict');
  });

  it('has no verdict when ours gave no time', () => {
    assert.equal(verdict(withinFactor(undefined, 900, 0.5)), 'no verdict');
  });

  it('is met within the factor and NOT met beyond it', () => {
    assert.equal(verdict(withinFactor(400, 900, 0.5)), 'met');
    assert.equal(verdict(withinFactor(450, 900, 0.5)), 'met');
    assert.equal(verdict(withinFactor(451, 900, 0.5)), 'NOT met');
  });
});
