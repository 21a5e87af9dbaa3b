import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit, chiSquareSurvival, poissonBinomialTail, regularizedGammaQ } from '../../../engine/reports/index.js';
import { chiSquareUniform } from '../../support/chiSquare.js';

describe('statistics', () => {
  it('should give the chi-square tail of the printed tables', () => {
    // Critical values from any chi-square table (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.4).
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(9.21, 2)).toBeCloseTo(0.01, 4);
    expect(chiSquareSurvival(13.277, 4)).toBeCloseTo(0.01, 4);
    expect(chiSquareSurvival(18.307, 10)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('should keep tiny tails accurate (the continued fraction)', () => {
    // df = 2: Q(1, x/2) = exp(-x/2) exactly.
    expect(chiSquareSurvival(60, 2) / Math.exp(-30)).toBeCloseTo(1, 8);
    expect(regularizedGammaQ(1, 0.5)).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('should agree with the test helper on a uniform goodness-of-fit test', () => {
    const counts = [18, 25, 14, 22, 21];
    const ours = chiSquareGoodnessOfFit(counts, [20, 20, 20, 20, 20])!;
    const helper = chiSquareUniform(counts);
    expect(ours.statistic).toBeCloseTo(helper.statistic, 12);
    expect(ours.degreesOfFreedom).toBe(4);
    expect(ours.p).toBeCloseTo(helper.p, 10);
  });

  it('should leave out cells expected 0, and refuse to test one cell', () => {
    expect(chiSquareGoodnessOfFit([5, 5, 0], [5, 5, 0])).toMatchObject({ statistic: 0, degreesOfFreedom: 1, p: 1 });
    expect(chiSquareGoodnessOfFit([4], [4])).toBeUndefined();
  });

  it('should give the exact tail of a sum of unequal trials', () => {
    expect(poissonBinomialTail([0.2, 0.2, 0.2, 0.2], 4)).toBeCloseTo(0.0016, 12);
    // Binomial(10, 0.5): P(S ≥ 8) = (45 + 10 + 1) / 1024
    expect(poissonBinomialTail(Array(10).fill(0.5), 8)).toBeCloseTo(56 / 1024, 12);
    // One sure trial and one at 0.3: P(S ≥ 2) = 0.3
    expect(poissonBinomialTail([1, 0.3], 2)).toBeCloseTo(0.3, 12);
    expect(poissonBinomialTail([0.1], 0)).toBe(1);
    expect(poissonBinomialTail([0.1], 2)).toBe(0);
  });
});
