/**
 * The few statistics the assignment-integrity report needs, written out so that an auditor can
 * read exactly what is computed (no dependency whose numerics nobody here checked):
 * the chi-square survival function through the regularised upper incomplete gamma function
 * (Numerical Recipes, 3rd ed., §6.2: series below s + 1, Lentz's continued fraction above),
 * and the exact upper tail of a sum of independent Bernoulli trials (Poisson-binomial).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** Q(s, x) = Γ(s, x) / Γ(s), the regularised upper incomplete gamma function, s > 0, x ≥ 0. */
export function regularizedGammaQ(s: number, x: number): number {
  if (!(s > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ(${s}, ${x}): needs s > 0 and x ≥ 0`);
  if (x === 0) return 1;
  const front = Math.exp(-x + s * Math.log(x) - logGamma(s));
  if (x < s + 1) {
    // P(s, x) by its series; Q = 1 - P (no cancellation worth fearing: P is small here only when Q ≈ 1).
    let term = 1 / s;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
      term *= x / (s + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * front);
  }
  // Q(s, x) by its continued fraction, which converges fast for x ≥ s + 1 and keeps tiny tails accurate.
  let b = x + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.min(1, front * h);
}

/** P(X ≥ statistic) for X chi-square distributed with `degreesOfFreedom` degrees of freedom. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`chiSquareSurvival: ${degreesOfFreedom} degrees of freedom`);
  return statistic <= 0 ? 1 : regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}

export interface GoodnessOfFit {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly p: number;
}

/**
 * Pearson's goodness-of-fit test of observed counts against expected ones (same total). Cells
 * expected 0 are left out; with fewer than two cells left there is nothing to test (undefined).
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expected: readonly number[]): GoodnessOfFit | undefined {
  if (observed.length !== expected.length) throw new RangeError('observed and expected differ in length');
  let statistic = 0;
  let cells = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    if (e <= 0) continue;
    cells++;
    statistic += (observed[i]! - e) ** 2 / e;
  }
  if (cells < 2) return undefined;
  return { statistic, degreesOfFreedom: cells - 1, p: chiSquareSurvival(statistic, cells - 1) };
}

/**
 * P(S ≥ k) where S is the number of successes among independent trials with the given
 * probabilities — exact, by dynamic programming over the trials (O(n · k)).
 */
export function poissonBinomialTail(probabilities: readonly number[], k: number): number {
  if (k <= 0) return 1;
  if (k > probabilities.length) return 0;
  // below[j] = P(exactly j successes so far), for j < k; the rest of the mass has reached k.
  const below = new Array<number>(k).fill(0);
  below[0] = 1;
  for (const p of probabilities) {
    for (let j = k - 1; j >= 1; j--) below[j] = below[j]! * (1 - p) + below[j - 1]! * p;
    below[0] = below[0]! * (1 - p);
  }
  return Math.min(1, Math.max(0, 1 - below.reduce((a, b) => a + b, 0)));
}
