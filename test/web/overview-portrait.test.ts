// The overview's picture shaped to a phone held upright, without a browser: turned a quarter when the
// layout is wider than tall, stretched upwards to the stage's shape (at most MAX_STRETCH times), left
// as the server made it on a desktop; every position of the decoded overview shaped alike.
import { describe, expect, it } from "vitest";
import { MAX_STRETCH, portraitShape, shapeOverview, shapePoint } from "../../web/src/views/overview-portrait.ts";
import type { DecodedOverview } from "../../core/overview-wire.ts";

const PHONE = { width: 390, height: 744 };
const square = [
  { x: 0, y: 0 },
  { x: 100, y: 100 },
];
const wide = [
  { x: 0, y: 0 },
  { x: 160, y: 100 },
];

describe("the overview's picture on a stage taller than wide", () => {
  it("is left as it is on a desktop's stage or a square one", () => {
    expect(portraitShape({ width: 1440, height: 846 }, wide)).toBeNull();
    expect(portraitShape({ width: 600, height: 640 }, wide)).toBeNull();
    // A picture already as tall as the stage needs nothing either.
    expect(portraitShape(PHONE, [{ x: 0, y: 0 }, { x: 100, y: 191 }])).toBeNull();
  });

  it("stretches a round picture upwards to the stage's shape", () => {
    const shape = portraitShape(PHONE, square)!;
    expect(shape.turn).toBe(false);
    expect(shape.stretch).toBeCloseTo(744 / 390, 5);
  });

  it("turns a wide picture a quarter, then stretches what is left to the stage's shape", () => {
    const shape = portraitShape(PHONE, wide)!;
    expect(shape.turn).toBe(true);
    // Turned, it is 1.6 times taller than wide; the stage is 1.91 times.
    expect(shape.stretch).toBeCloseTo(744 / 390 / 1.6, 5);
    const turned = wide.map((p) => shapePoint(p, shape));
    const height = Math.abs(turned[1]!.y - turned[0]!.y);
    const width = Math.abs(turned[1]!.x - turned[0]!.x);
    expect(height / width).toBeCloseTo(744 / 390, 5);
  });

  it("never stretches more than MAX_STRETCH times, however tall the stage", () => {
    expect(portraitShape({ width: 200, height: 2000 }, square)!.stretch).toBe(MAX_STRETCH);
  });

  it("shapes every pattern, community and region of the overview alike, in new objects", () => {
    const overview = {
      nodes: [{ slug: "a", title: "A", x: 1, y: 2, degree: 1 }],
      links: [],
      regions: [{ domain: "d", x: 3, y: 4, radius: 1, patterns: 1 }],
      communities: [{ key: "a", name: "A", top: [], terms: [], domains: [], patterns: 1, x: 5, y: 6, radius: 1 }],
      communityLinks: [],
      communityOf: new Map([["a", 0]]),
      total: { patterns: 1, links: 0, unlinked: 0 },
    } as unknown as DecodedOverview;
    const shaped = shapeOverview(overview, { turn: true, stretch: 2 });
    expect(shaped.nodes[0]).toMatchObject({ slug: "a", x: 2, y: -2 });
    expect(shaped.regions[0]).toMatchObject({ x: 4, y: -6, radius: 1 });
    expect(shaped.communities[0]).toMatchObject({ key: "a", x: 6, y: -10, radius: 1 });
    expect(overview.nodes[0]).toMatchObject({ x: 1, y: 2 });
    expect(shapeOverview(overview, null)).toBe(overview);
  });
});
