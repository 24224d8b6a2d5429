// The overview of a library with a few changed files, made from the layout cache (server/overview-json.ts,
// overview-communities-reuse.ts): its communities are the kept ones, new patterns joining their
// neighbours', its positions start from the kept ones and move little, and the answer is a whole, valid
// overview; an unchanged library read back gives the bytes a cold computation gives.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeOverview, type OverviewWire } from "../../core/overview-wire.ts";
import { asSlug, createMemoryStore, type OverviewGraph } from "../../graph/index.ts";
import { MIN_WARM_ITERATIONS } from "../../graph/layout.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { reusedCommunities } from "../../server/overview-communities-reuse.ts";
import { overviewParts } from "../../server/overview-json.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const decoded = (parts: { first: string; rest: string }) => {
  const { nodes, communities, communityOf } = decodeOverview(JSON.parse(parts.first) as OverviewWire, JSON.parse(parts.rest) as OverviewWire);
  return { communities, nodes: nodes.map((n) => ({ ...n, community: communityOf.get(n.slug) ?? -1 })) };
};
/** The parts without the layout's own record (its time and where it came from), which is all a cache changes. */
const withoutLayoutInfo = (json: string) => JSON.stringify({ ...(JSON.parse(json) as OverviewWire), layout: undefined });

let real: OverviewGraph;
let dir: string;
beforeAll(async () => {
  real = await createMemoryStore(await loadLibrary(realLibrary("2026-02-20"))).overview();
  dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-incremental-"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real library with three new patterns: two linked to a well-linked pattern, one linked only to those two. */
function withNewPatterns(overview: OverviewGraph): { changed: OverviewGraph; hub: string; added: string[] } {
  const hub = [...overview.nodes].sort((a, b) => b.degree - a.degree || (a.slug < b.slug ? -1 : 1))[0]!.slug;
  const added = ["zz-new-a", "zz-new-b", "zz-new-c"].map(asSlug);
  const link = (s: string, t: string) => ({ source: asSlug(s), target: asSlug(t), type: "related", directed: false });
  return {
    hub,
    added,
    changed: {
      nodes: [...overview.nodes, ...added.map((slug) => ({ slug, title: `New ${slug}`, domain: "new", degree: 2 }))],
      links: [...overview.links, link(added[0]!, hub), link(added[1]!, hub), link(added[2]!, added[0]!), link(added[2]!, added[1]!)],
    },
  };
}

describe("the overview of a library with a few changed files", () => {
  it("reads an unchanged library back with the bytes of a cold computation, apart from the layout's record", () => {
    const cold = overviewParts(real, {});
    const computed = overviewParts(real, { cacheDir: dir });
    const read = overviewParts(real, { cacheDir: dir });
    expect([computed.layout.source, read.layout.source]).toEqual(["computed", "disk"]);
    expect(withoutLayoutInfo(read.first)).toBe(withoutLayoutInfo(cold.first));
    expect(withoutLayoutInfo(read.rest)).toBe(withoutLayoutInfo(cold.rest));
  });

  it("lays out warm from the cache in a few iterations, keeping each kept pattern's community, new ones joining their neighbours'", () => {
    const before = decoded(overviewParts(real, { cacheDir: dir }));
    const { changed, hub, added } = withNewPatterns(real);
    const warm = overviewParts(changed, { cacheDir: dir });
    expect(warm.layout.source).toBe("warm");
    expect(warm.layout.iterations).toBe(MIN_WARM_ITERATIONS + 1);
    const after = decoded(warm);

    // A whole, valid overview: every pattern once, placed, in a community exactly when linked.
    expect(after.nodes.map((n) => n.slug).sort()).toEqual(changed.nodes.map((n) => n.slug).sort());
    for (const node of after.nodes) expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
    const communities = after.communities;
    expect(communities.reduce((sum, c) => sum + c.patterns, 0)).toBe(after.nodes.filter((n) => n.community >= 0).length);

    // The kept communities, by their key (their most linked member): each kept pattern is still with the same key.
    const keyOf = (view: typeof before) => new Map(view.nodes.map((n) => [n.slug, n.community >= 0 ? view.communities[n.community]!.key : undefined]));
    const [was, is] = [keyOf(before), keyOf(after)];
    let moved = 0;
    for (const [slug, key] of was) if (is.get(slug) !== key) moved++;
    // Keys follow their community's most linked member, which the new links may change for the hub's community only.
    expect(moved).toBeLessThanOrEqual(before.nodes.filter((n) => n.community === before.nodes.find((m) => m.slug === hub)!.community).length);
    const hubCommunity = after.nodes.find((n) => n.slug === hub)!.community;
    for (const slug of added) expect(after.nodes.find((n) => n.slug === slug)!.community).toBe(hubCommunity);

    // The unchanged patterns moved little: most by less than a twentieth of the picture's width.
    const xs = before.nodes.map((n) => n.x);
    const width = Math.max(...xs) - Math.min(...xs);
    const position = new Map(after.nodes.map((n) => [n.slug, n]));
    const far = before.nodes.filter((n) => Math.hypot(position.get(n.slug)!.x - n.x, position.get(n.slug)!.y - n.y) > width / 20);
    expect(far.length).toBeLessThan(before.nodes.length / 20);

    // Its own layout is kept: the next start reads it back.
    expect(overviewParts(changed, { cacheDir: dir }).layout.source).toBe("disk");
  });
});

describe("reused communities", () => {
  const pairs: [string, string][] = [
    ["a", "b"],
    ["b", "c"],
    ["c", "d"],
    ["d", "e"],
    ["x", "y"],
  ];
  const linked = ["a", "b", "c", "d", "e", "x", "y"];

  it("keep the kept ones, give a chain of new patterns its nearest community, and a new group a community of its own", () => {
    const kept = new Map([
      ["a", 0],
      ["b", 0],
      ["c", 1],
      ["gone", 2],
    ]);
    const found = reusedCommunities(linked, pairs, kept, 0.4)!;
    expect(Object.fromEntries(found)).toEqual({ a: 0, b: 0, c: 1, d: 1, e: 1, x: 2, y: 2 });
  });

  it("are not reused when too few of the linked patterns are kept", () => {
    expect(reusedCommunities(linked, pairs, new Map([["a", 0]]), 0.9)).toBeUndefined();
  });
});
