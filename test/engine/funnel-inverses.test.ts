/**
 * The solvers are exact inverses of FUNNEL_YIELD in floating point: the answer reaches the target and the
 * next smaller double does not. Worked cases by hand, then 100,000 random funnels each.
 */
import { capacityNeeded, funnelWins, leadsNeeded, mostWins, nextDown, nextUp, prepareFunnel, rateNeeded, sameAsShown, shown, FunnelSpec } from "../../src/engine/funnel";
import { GtmError } from "../../src/engine/errors";
import { mulberry32 } from "../../src/sample/generate";

const thrown = (f: () => unknown): GtmError => {
  try {
    f();
  } catch (e) {
    return e as GtmError;
  }
  throw new Error("expected an error");
};

/** A small seeded generator, so a failure names a funnel that can be rerun. */
const random = mulberry32;

/** A random funnel: 1-6 stages, rates with awkward decimals (some 1, a few tiny), capacities often unlimited, d often 0. */
function randomFunnel(rnd: () => number): FunnelSpec {
  const k = 1 + Math.floor(rnd() * 6);
  const rates: number[] = [];
  const caps: (number | null)[] = [];
  for (let i = 0; i < k; i++) {
    const u = rnd();
    rates.push(u < 0.05 ? 1 : u < 0.08 ? rnd() * 1e-6 + 1e-9 : Math.round(rnd() * 1000) / 1000 || 0.001);
    const c = rnd();
    caps.push(c < 0.4 ? null : c < 0.9 ? Math.round(rnd() * 5000) + 1 : rnd() * 1e6);
  }
  const du = rnd();
  const d = du < 0.5 ? 0 : du < 0.7 ? Math.round(rnd() * 100) / 100 : rnd() * 1e-3;
  return prepareFunnel(rates, caps, d);
}

describe("LEADS_NEEDED: worked cases by hand", () => {
  test("the most a capped funnel gives is reachable, as Excel shows it: 3.6 from 0.3 x 12", () => {
    const spec = prepareFunnel([0.3], [12]);
    expect(funnelWins(1000, spec)).toBe(0.3 * 12); // 3.5999999999999996, shown as 3.6
    expect(leadsNeeded(3.6, spec)).toBe(12); // 12 leads fill the stage: the least volume giving the most there is
    expect(leadsNeeded(0.3 * 12, spec)).toBe(12);
    expect(funnelWins(nextDown(12), spec)).toBeLessThan(0.3 * 12);
    const e = thrown(() => leadsNeeded(3.7, spec));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe(
      "Stage 1 can work at most 12 and converts 0.3 of it, so it passes at most 3.6 on; at most 3.6 wins can be reached, so 3.7 needs more capacity (or overflow_conversion above 0).",
    );
  });

  test("with a small overflow conversion, the wins of the answer reach the target", () => {
    // one stage r = 0.5, c = 100, d = 0.2: wins(V) = 50 + 0.1 (V - 100): 60 wins need V = 200
    const spec = prepareFunnel([0.5], [100], 0.2);
    const v = leadsNeeded(60, spec);
    expect(v).toBeCloseTo(200, 9); // 199.99999999999997: in floating point it already gives 60
    expect(funnelWins(v, spec)).toBeGreaterThanOrEqual(60);
    expect(funnelWins(nextDown(v), spec)).toBeLessThan(60);
    const tiny = prepareFunnel([0.3, 0.7], [10, null], 1e-7);
    for (const t of [2.1, 2.1000001, 2.5, 7]) {
      const v = leadsNeeded(t, tiny);
      expect(funnelWins(v, tiny)).toBeGreaterThanOrEqual(t);
      expect(funnelWins(nextDown(v), tiny)).toBeLessThan(t);
    }
  });

  test("zero target, zero rate, astronomically many wins", () => {
    expect(leadsNeeded(0, prepareFunnel([0]))).toBe(0);
    expect(thrown(() => leadsNeeded(1, prepareFunnel([0.5, 0]))).message).toMatch(/Conversion rate 2 is 0/);
    expect(thrown(() => leadsNeeded(1e308, prepareFunnel([1e-10]))).code).toBe("#N/A");
  });
});

describe("CAPACITY_NEEDED and RATE_NEEDED: worked cases by hand", () => {
  // 2,000 leads, rates 30/40/30%, capacities -/300/120: 600 -> 300 worked -> 120 -> 120 worked -> 36 wins
  const spec = prepareFunnel([0.3, 0.4, 0.3], [null, 300, 120]);
  test("capacity per stage for 30 wins from 2,000 leads", () => {
    // stage 3: 0.3 c = 30 -> 100; stage 2: 0.4 c = 100 proposals -> 250; stage 1: 0.3 c = 250 qualified -> 833.3
    expect(capacityNeeded(30, 2000, spec, 3)).toBeCloseTo(100, 12);
    expect(capacityNeeded(30, 2000, spec, 2)).toBeCloseTo(250, 12);
    expect(capacityNeeded(30, 2000, spec, 1)).toBeCloseTo(2500 / 3, 9);
    expect(capacityNeeded(0, 2000, spec, 2)).toBe(0);
  });
  test("no capacity at a stage beats another stage's limit: #N/A with the most it can give", () => {
    const e = thrown(() => capacityNeeded(40, 2000, spec, 3)); // stage 3 gets only 120 proposals: at most 36
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("Even unlimited capacity at stage 3 gives at most 36 wins from a volume of 2000, so 40 needs more volume, a higher rate or more capacity at another stage.");
  });
  test("rate per stage for 30 wins from 2,000 leads", () => {
    expect(rateNeeded(30, 2000, spec, 3)).toBeCloseTo(0.25, 14); // 120 reach stage 3
    expect(rateNeeded(30, 2000, spec, 2)).toBeCloseTo(1 / 3, 14); // 300 worked at stage 2
    expect(rateNeeded(30, 2000, spec, 1)).toBeCloseTo(0.125, 14); // 250 qualified needed
    expect(rateNeeded(37, 2000, spec, 3)).toBeCloseTo(37 / 120, 14);
    expect(thrown(() => rateNeeded(121, 2000, spec, 3)).message).toMatch(/Even converting all of it \(a rate of 1\) at stage 3 gives at most 120 wins/);
    expect(thrown(() => rateNeeded(37, 2000, spec, 2)).message).toMatch(/at most 36 wins/);
  });
  test("a stage that is not one of the rates is #VALUE!", () => {
    expect(thrown(() => rateNeeded(1, 10, spec, 4)).code).toBe("#VALUE!");
    expect(thrown(() => capacityNeeded(1, 10, spec, 1.5)).message).toMatch(/whole number from 1 to 3/);
  });
});

describe("numbers in messages read as Excel shows them", () => {
  test.each([
    [3.5999999999999996, "3.6"],
    [0.1 + 0.2, "0.3"],
    [1234567.891, "1234567.891"],
    [1.5e21, "1.5E+21"],
    [2e-12, "2E-12"],
    [-0.5, "-0.5"],
    [0, "0"],
  ])("%p -> %s", (x, text) => expect(shown(x)).toBe(text));
});

describe("100,000 random funnels: the solvers are exact inverses", () => {
  const N = 100_000;

  test("LEADS_NEEDED: FUNNEL_YIELD of the answer reaches t, one double less does not; the most reachable is reachable", () => {
    const rnd = random(11);
    for (let n = 0; n < N; n++) {
      const spec = randomFunnel(rnd);
      const most = mostWins(spec);
      const targets = [most, rnd() * Math.min(most, 1e6)];
      for (const t of targets) {
        if (!(t > 0) || !Number.isFinite(t)) continue;
        let v: number;
        try {
          v = leadsNeeded(t, spec);
        } catch (e) {
          throw new Error(`funnel ${n}: target ${t} of at most ${most} failed: ${(e as Error).message} (${JSON.stringify([...spec.rates, ...spec.capacity, spec.overflowConversion])})`);
        }
        if (!(funnelWins(v, spec) >= t)) throw new Error(`funnel ${n}: wins(${v}) = ${funnelWins(v, spec)} < ${t}`);
        if (v > 0 && funnelWins(nextDown(v), spec) >= t) throw new Error(`funnel ${n}: ${v} is not the least volume for ${t}`);
      }
    }
  });

  test("CAPACITY_NEEDED and RATE_NEEDED: the wins of the answer reach t and one double less does not", () => {
    const rnd = random(23);
    for (let n = 0; n < N; n++) {
      const spec = randomFunnel(rnd);
      const k = spec.rates.length;
      const stage = 1 + Math.floor(rnd() * k);
      const volume = Math.round(rnd() * 1e5) / 10;
      const solver = n % 2 === 0 ? capacityNeeded : rateNeeded;
      // a target some setting of that stage can reach: the wins at a random capacity or rate there
      const work = { rates: spec.rates.slice(), capacity: spec.capacity.slice(), overflowConversion: spec.overflowConversion };
      if (solver === capacityNeeded) work.capacity[stage - 1] = rnd() * volume;
      else work.rates[stage - 1] = rnd();
      const t = funnelWins(volume, work);
      if (!(t > 0)) continue;
      const x = solver(t, volume, spec, stage);
      const set = (value: number) => {
        if (solver === capacityNeeded) work.capacity[stage - 1] = value;
        else work.rates[stage - 1] = value;
        return funnelWins(volume, work);
      };
      // Wins against capacity can wobble by one unit in the last place where overflow converts at nearly the
      // full rate, so a target made that way may sit a hair above the most unlimited capacity gives; it then
      // asks for that most, as Excel shows both alike.
      const top = solver === capacityNeeded ? set(Infinity) : set(1);
      if (!(set(x) >= t || (sameAsShown(t, top) && set(x) >= top))) throw new Error(`funnel ${n}: stage ${stage} at ${x} gives ${set(x)} < ${t}`);
      if (x > 0 && set(nextDown(x)) >= t) throw new Error(`funnel ${n}: ${x} is not where stage ${stage} first reaches ${t}`);
    }
  });

  test("round trip the other way: solving for the wins a stage setting gives returns at most that setting", () => {
    const rnd = random(37);
    for (let n = 0; n < 10_000; n++) {
      const spec = randomFunnel(rnd);
      const stage = 1 + Math.floor(rnd() * spec.rates.length);
      const volume = 1 + rnd() * 1e4;
      const work = { rates: spec.rates.slice(), capacity: spec.capacity.slice(), overflowConversion: spec.overflowConversion };
      const rate = rnd();
      work.rates[stage - 1] = rate;
      const t = funnelWins(volume, work);
      if (t > 0) expect(rateNeeded(t, volume, spec, stage)).toBeLessThanOrEqual(rate);
      const v = 1 + rnd() * 1e4;
      const w = funnelWins(v, spec);
      if (w > 0) expect(leadsNeeded(w, spec)).toBeLessThanOrEqual(v);
    }
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
  });
});
