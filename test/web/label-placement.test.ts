// The one label placement (web/src/graph/label-placement.ts), without a browser: properties checked
// on random frames with fast-check (no two kept boxes overlap, none crosses the stage's edge, the
// reserved room stays clear, the budget holds, a label is kept in one of its places and left out
// only for a reason), and the ordering rules by example.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BADGE_PLACE, LabelPlacer, type LabelCandidate } from "../../web/src/graph/label-placement.ts";

type Box = { minX: number; minY: number; maxX: number; maxY: number };
const box = (minX: number, minY: number, width = 40, height = 12): Box => ({ minX, minY, maxX: minX + width, maxY: minY + height });
const candidate = (key: string, b: Box, priority: number[] = [], always = false, alternatives: Box[] = []): LabelCandidate => ({ key, label: key, box: b, priority, always, alternatives });
/** Two boxes share some area (touching edges do not count). */
const overlaps = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
/** Closer than `gap` pixels (touching at `gap` counts): the room the placement keeps between labels. */
const tooClose = (a: Box, b: Box, gap: number) => a.minX <= b.maxX + gap && b.minX <= a.maxX + gap && a.minY <= b.maxY + gap && b.minY <= a.maxY + gap;

const STAGE = { width: 1440, height: 900 };
const arbBox = fc.record({ x: fc.integer({ min: -60, max: 1440 }), y: fc.integer({ min: -20, max: 900 }), w: fc.integer({ min: 4, max: 260 }), h: fc.integer({ min: 8, max: 40 }) }).map(({ x, y, w, h }) => box(x, y, w, h));
const arbCandidates = fc.array(fc.record({ b: arbBox, priority: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }), alternatives: fc.array(arbBox, { maxLength: 3 }) }), { maxLength: 400 });
const sameBox = (a: Box, b: Box) => a.minX === b.minX && a.minY === b.minY && a.maxX === b.maxX && a.maxY === b.maxY;

describe("the label placement, on random frames", () => {
  it("never keeps two overlapping labels, nor one past the stage's edge, nor one over reserved room", () => {
    fc.assert(
      fc.property(arbCandidates, fc.array(arbBox, { maxLength: 3 }), (offered, reserved) => {
        const placer = new LabelPlacer();
        placer.begin(STAGE);
        reserved.forEach((b, i) => placer.reserve({ key: `reserved-${i}`, ...b }));
        offered.forEach(({ b, priority, alternatives }, i) => placer.offer(candidate(`n${i}`, b, priority, false, alternatives)));
        const kept = placer.place();
        expect(placer.drawn()).toEqual(kept);
        for (let i = 0; i < kept.length; i++) {
          const a = kept[i]!;
          expect(a.minX >= 0 && a.minY >= 0 && a.maxX <= STAGE.width && a.maxY <= STAGE.height).toBe(true);
          for (const r of reserved) expect(overlaps(a, r)).toBe(false);
          for (let j = i + 1; j < kept.length; j++) expect(overlaps(a, kept[j]!)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a label in the first of its places that fits, and leaves it out only when each is cut by the edge or meets a kept label", () => {
    const cut = (b: Box) => b.minX < 0 || b.minY < 0 || b.maxX > STAGE.width || b.maxY > STAGE.height;
    fc.assert(
      fc.property(arbCandidates, (offered) => {
        const placer = new LabelPlacer();
        placer.begin(STAGE);
        offered.forEach(({ b, priority, alternatives }, i) => placer.offer(candidate(`n${i}`, b, priority, false, alternatives)));
        const kept = placer.place();
        const byKey = new Map(kept.map((k) => [k.key, k]));
        offered.forEach(({ b, alternatives }, i) => {
          const places = [b, ...alternatives];
          const k = byKey.get(`n${i}`);
          if (!k) {
            for (const p of places) expect(cut(p) || kept.some((other) => tooClose(other, p, 2))).toBe(true);
            return;
          }
          expect(sameBox(k, places[k.place]!)).toBe(true);
          // Every earlier place was refused for a reason (a label kept before this one, or the edge).
          for (const p of places.slice(0, k.place)) expect(cut(p) || kept.some((other) => other !== k && tooClose(other, p, 2))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps at most one label per `areaPerLabel` square pixels, and always the ones that must be drawn", () => {
    fc.assert(
      fc.property(arbCandidates, fc.integer({ min: 0, max: 3 }), (offered, forced) => {
        const placer = new LabelPlacer({ areaPerLabel: 200_000 });
        placer.begin(STAGE);
        offered.forEach(({ b, priority, alternatives }, i) => placer.offer(candidate(`n${i}`, b, priority, false, alternatives)));
        for (let i = 0; i < forced; i++) placer.offer(candidate(`forced${i}`, box(i * 10, 0), [], true));
        const kept = placer.place();
        // Never fewer than 8, however small the stage.
        const budget = Math.max(8, Math.floor((STAGE.width * STAGE.height) / 200_000));
        expect(kept.filter((k) => !k.key.startsWith("forced")).length).toBeLessThanOrEqual(budget);
        for (let i = 0; i < forced; i++) expect(kept.map((k) => k.key)).toContain(`forced${i}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the label placement's order", () => {
  it("keeps the more important of two overlapping labels, whatever the order they were offered in", () => {
    for (const order of [["low", "high"], ["high", "low"]]) {
      const placer = new LabelPlacer();
      placer.begin(STAGE);
      for (const key of order) placer.offer(candidate(key, key === "high" ? box(10, 10) : box(30, 15), key === "high" ? [0, 5] : [0, 1]));
      expect(placer.place().map((k) => k.key)).toEqual(["high"]);
    }
  });

  it("keeps the first offered of equals, draws only what it keeps, and keeps a small gap", () => {
    const placer = new LabelPlacer();
    placer.begin(null);
    const drawn: string[] = [];
    for (const [key, b] of [["a", box(0, 0)], ["b", box(41, 0)], ["c", box(45, 0)], ["d", box(20, 5)]] as const) placer.offer({ ...candidate(key, b), draw: () => drawn.push(key) });
    expect(placer.place().map((k) => k.key)).toEqual(["a", "c"]);
    expect(drawn).toEqual(["a", "c"]);
  });

  it("moves a label blocked right of its node to its next place that fits, and draws it there", () => {
    const placer = new LabelPlacer();
    placer.begin({ width: 200, height: 100 });
    const drawn: [string, number, number][] = [];
    const left = box(10, 40);
    const above = box(60, 20);
    placer.offer(candidate("blocker", box(110, 40), [9]));
    placer.offer({ ...candidate("edge", box(170, 70), [1], false, [box(120, 70)]), draw: (b, place) => drawn.push(["edge", b.minX, place]) });
    placer.offer({ ...candidate("moved", box(100, 42), [1], false, [left, above]), draw: (b, place) => drawn.push(["moved", b.minX, place]) });
    const kept = placer.place();
    expect(kept.map((k) => [k.key, k.place])).toEqual([["blocker", 0], ["edge", 1], ["moved", 1]]);
    expect(drawn).toEqual([["edge", 120, 1], ["moved", 10, 1]]);
  });

  it("draws an always-drawn label even over another, and forgets the frame on begin", () => {
    const placer = new LabelPlacer();
    placer.begin(STAGE);
    placer.offer(candidate("first", box(0, 0), [9]));
    placer.offer(candidate("focus", box(10, 2), [0], true));
    expect(placer.place().map((k) => k.key)).toEqual(["focus"]);
    placer.begin(STAGE);
    expect(placer.drawn()).toEqual([]);
    placer.offer(candidate("first", box(0, 0)));
    expect(placer.place().map((k) => k.key)).toEqual(["first"]);
  });
});

describe("room reserved for a node's dot", () => {
  it("is refused to every label but the one of the node it belongs to", () => {
    const placer = new LabelPlacer();
    placer.begin(STAGE);
    placer.reserve({ key: "dot:a", owner: "a", ...box(100, 100, 10, 10) });
    placer.offer(candidate("a", box(104, 104)));
    placer.offer(candidate("b", box(95, 95), [], false, [box(300, 300)]));
    const kept = placer.place();
    expect(kept.map((k) => [k.key, k.place])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
  });
});

describe("a badge inside a node's dot, where its label fits nowhere", () => {
  it("is kept over other dots, never over a kept label or other reserved room, and drawn only when kept", () => {
    const placer = new LabelPlacer();
    placer.begin(STAGE);
    // Group g's dot at (100, 100), overlapped by another node's dot; a label drawn anyway blocks g's label beside it.
    placer.reserve({ key: "dot:g", owner: "g", minX: 92, minY: 92, maxX: 108, maxY: 108 });
    placer.reserve({ key: "dot:other", owner: "other", minX: 100, minY: 95, maxX: 116, maxY: 111 });
    placer.reserve({ key: "obstacle", minX: 300, minY: 300, maxX: 340, maxY: 340 });
    const drawn: string[] = [];
    placer.offer({ key: "wide", label: "wide", box: box(110, 80, 300, 60), priority: [9], always: true });
    const badged = (key: string, at: Box): LabelCandidate => ({
      key,
      label: `${key} label`,
      box: box(at.minX + 20, at.minY),
      priority: [1],
      badge: { text: "+2", box: at, draw: () => drawn.push(key) },
    });
    placer.offer(badged("g", { minX: 96, minY: 97, maxX: 104, maxY: 103 }));
    // Its label blocked too, this badge meets the wide label: left out.
    placer.offer(badged("h", { minX: 196, minY: 96, maxX: 204, maxY: 104 }));
    // And this one (its label too) meets reserved room that is not a dot.
    placer.offer(badged("i", { minX: 302, minY: 310, maxX: 310, maxY: 316 }));
    const kept = placer.place();
    expect(kept.map((k) => [k.key, k.place])).toEqual([
      ["wide", 0],
      ["g", BADGE_PLACE],
    ]);
    expect(drawn).toEqual(["g"]);
  });
});

/**
 * The placement written plainly, every box against every taken one (what label-placement.ts did with one
 * tree and `search`): the placer's two trees and `collides` must keep exactly the labels it keeps.
 */
function plainPlacement(stage: { width: number; height: number }, reserved: (Box & { key: string; owner?: string })[], offered: LabelCandidate[], areaPerLabel?: number): [string, number][] {
  const gap = 2;
  const taken: (Box & { owner?: string })[] = [...reserved];
  // rbush's intersects: touching counts.
  const meets = (a: Box, b: Box) => b.minX <= a.maxX && b.minY <= a.maxY && b.maxX >= a.minX && b.maxY >= a.minY;
  const inside = (b: Box) => b.minX >= 0 && b.minY >= 0 && b.maxX <= stage.width && b.maxY <= stage.height;
  let budget = areaPerLabel ? Math.max(8, Math.floor((stage.width * stage.height) / areaPerLabel)) : Infinity;
  const rank = (p: readonly number[], q: readonly number[]) => {
    for (let i = 0; i < Math.max(p.length, q.length); i++) if ((q[i] ?? 0) !== (p[i] ?? 0)) return (q[i] ?? 0) - (p[i] ?? 0);
    return 0;
  };
  const ordered = offered.map((c, i) => ({ c, i })).sort((a, b) => Number(b.c.always === true) - Number(a.c.always === true) || rank(a.c.priority, b.c.priority) || a.i - b.i);
  const kept: [string, number][] = [];
  for (const { c } of ordered) {
    if (!c.always && budget <= 0) break;
    const fits = (b: Box) => inside(b) && taken.every((t) => !meets(t, { minX: b.minX - gap, minY: b.minY - gap, maxX: b.maxX + gap, maxY: b.maxY + gap }) || t.owner === c.key);
    let place = 0;
    let at: Box = c.box;
    if (!c.always) {
      if (!fits(c.box)) {
        place = 1 + (c.alternatives?.findIndex(fits) ?? -1);
        if (place === 0) {
          if (c.badge && inside(c.badge.box) && taken.every((t) => !meets(t, c.badge!.box) || t.owner !== undefined)) {
            taken.push(c.badge.box);
            kept.push([c.key, BADGE_PLACE]);
          }
          continue;
        }
        at = c.alternatives![place - 1]!;
      }
      budget--;
    }
    taken.push(at);
    kept.push([c.key, place]);
  }
  return kept;
}

describe("the label placement against a plain one", () => {
  it("keeps the same labels in the same places as every box tested against every taken one, dots and badges included", () => {
    const arbReserved = fc.array(fc.record({ b: arbBox, owner: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }) }), { maxLength: 40 });
    fc.assert(
      fc.property(arbCandidates, arbReserved, fc.boolean(), fc.array(fc.boolean(), { maxLength: 400 }), (offered, reserved, budgeted, badged) => {
        const reserve = reserved.map(({ b, owner }, i) => ({ key: `reserved-${i}`, ...b, ...(owner === undefined ? {} : { owner: `n${owner}` }) }));
        const candidates = offered.map(({ b, priority, alternatives }, i): LabelCandidate => ({
          ...candidate(`n${i}`, b, priority, i % 17 === 0, alternatives),
          ...(badged[i] ? { badge: { text: "+1", box: box(b.minX, b.minY, 8, 6), draw: () => {} } } : {}),
        }));
        const placer = new LabelPlacer(budgeted ? { areaPerLabel: 40_000 } : {});
        placer.begin(STAGE);
        reserve.forEach((r) => placer.reserve(r));
        candidates.forEach((c) => placer.offer(c));
        expect(placer.place().map((k) => [k.key, k.place])).toEqual(plainPlacement(STAGE, reserve, candidates, budgeted ? 40_000 : undefined));
      }),
      { numRuns: 300 },
    );
  });
});

describe("a label whose places are worked out only when the placement reaches it", () => {
  it("is kept where the same label offered whole is, and is not worked out once the budget is spent", () => {
    fc.assert(
      fc.property(arbCandidates, (offered) => {
        const whole = new LabelPlacer({ areaPerLabel: 100_000 });
        const deferred = new LabelPlacer({ areaPerLabel: 100_000 });
        const worked: string[] = [];
        for (const placer of [whole, deferred]) placer.begin(STAGE);
        offered.forEach(({ b, priority, alternatives }, i) => {
          const { box: first, ...rank } = candidate(`n${i}`, b, priority, false, alternatives);
          whole.offer({ box: first, ...rank });
          deferred.offer({ ...rank, places: () => (worked.push(rank.key), { box: first, alternatives }) });
        });
        const kept = deferred.place();
        expect(kept).toEqual(whole.place());
        // Worked out: every label up to the last the budget allowed, none after it.
        const budget = Math.max(8, Math.floor((STAGE.width * STAGE.height) / 100_000));
        if (kept.length < budget) expect(worked.length).toBe(offered.length);
        else expect(worked.at(-1)).toBe(kept.at(-1)!.key);
      }),
      { numRuns: 300 },
    );
  });
});
