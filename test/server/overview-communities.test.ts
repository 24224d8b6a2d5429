// The overview's communities (server/overview-communities.ts): found in the link structure, the same on
// every run, named by their most linked member and dominant domains, sent in the first part with each
// pattern's community and the links between communities, and kept with the layout on disk.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeOverview, type OverviewWire } from "../../core/overview-wire.ts";
import { asSlug, createMemoryStore, type OverviewGraph } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { findCommunities } from "../../server/overview-communities.ts";
import { distinctiveTerms, readTitleTerms } from "../../server/overview-community-terms.ts";
import { overviewParts } from "../../server/overview-json.ts";
import { realLibrary } from "../fixtures/real-library.ts";

/** Three cliques of five patterns (domains a, a, b), each joined to the next by one link, and one unlinked pattern. */
function cliques(): OverviewGraph {
  const nodes: OverviewGraph["nodes"] = [];
  const links: OverviewGraph["links"] = [];
  const link = (s: string, t: string) => links.push({ source: asSlug(s), target: asSlug(t), type: "related", directed: false });
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < 5; i++) nodes.push({ slug: asSlug(`c${c}-${i}`), title: `Clique ${c} member ${i}`, domain: i < 4 ? (c === 2 ? "b" : "a") : "z", degree: 4 });
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) link(`c${c}-${i}`, `c${c}-${j}`);
    // Member 0 holds its clique to the next one: the most linked of its community.
    link(`c${c}-0`, `c${(c + 1) % 3}-0`);
  }
  nodes.push({ slug: asSlug("alone"), title: "Alone", degree: 0 });
  return { nodes, links };
}

let real: OverviewGraph;
let dir: string;
beforeAll(async () => {
  real = await createMemoryStore(await loadLibrary(realLibrary("2026-02-20"))).overview();
  dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-communities-"));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the overview's communities", () => {
  it("finds the cliques of a small graph, each keyed and named by its most linked member, with its dominant domain", () => {
    const parts = overviewParts(cliques(), {});
    const first = JSON.parse(parts.first) as OverviewWire;
    const decoded = decodeOverview(first);
    // A domain holding a fifth of the members is named too.
    const z = { domain: "z", share: 0.2 };
    expect(first.communities.map((c) => [c.key, c.name, c.patterns, c.domains])).toEqual([
      ["c0-0", "Clique 0 member 0", 5, [{ domain: "a", share: 0.8 }, z]],
      ["c1-0", "Clique 1 member 0", 5, [{ domain: "a", share: 0.8 }, z]],
      ["c2-0", "Clique 2 member 0", 5, [{ domain: "b", share: 0.8 }, z]],
    ]);
    // Every title says "clique" and "member": no word sets one community apart.
    expect(first.communities.map((c) => c.terms)).toEqual([[], [], []]);
    for (const [slug, community] of decoded.communityOf) expect(first.communities[community]!.key.slice(0, 2)).toBe(slug.slice(0, 2));
    // The unlinked pattern belongs to none.
    expect(decoded.communityOf.has("alone")).toBe(false);
    expect(first.nodes.community[first.nodes.slug.indexOf("alone")]).toBe(-1);
    // One link between each pair of cliques.
    expect(decoded.communityLinks).toEqual([
      { a: 0, b: 1, count: 1 },
      { a: 0, b: 2, count: 1 },
      { a: 1, b: 2, count: 1 },
    ]);
    // Each community is placed at the centre of its members.
    const members = decoded.nodes.filter((n) => decoded.communityOf.get(n.slug) === 0);
    expect(first.communities[0]!.x).toBeCloseTo(members.reduce((s, n) => s + n.x, 0) / members.length, 0);
  });

  it("are described by the title words they use more than the library does, plurals with their singular and brackets left out", () => {
    const titles = [
      ["g1", "Commons Governance"], ["g2", "Governance of Commons (Beyond DAOs)"], ["g3", "Polycentric Governance"], ["g4", "Consent Governance (2)"],
      ["p1", "Daily Practice"], ["p2", "Practices of Care"], ["p3", "Practice Journal"], ["p4", "Care Rituals"],
      ["x1", "Decision Systems"], ["x2", "System Mapping"], ["x3", "Care Systems"], ["x4", "Mapping the Daos"],
    ].map(([slug, title]) => ({ slug: slug!, title: title! }));
    const library = readTitleTerms(titles);
    expect(distinctiveTerms(["g1", "g2", "g3", "g4"], library)).toEqual(["governance"]);
    // "Practices" counts as "practice"; "care" is in a third of the library's titles and two of these.
    expect(distinctiveTerms(["p1", "p2", "p3", "p4"], library)).toEqual(["practice"]);
    // "Systems" and "system" are one term; "daos" is only ever inside brackets here, but "Mapping the Daos" holds it once: too few.
    expect(distinctiveTerms(["x1", "x2", "x3", "x4"], library)).toEqual(["system"]);
    expect(library.of("g4")).toEqual(["consent", "governance"]);
  });

  it("tell the real library's ten largest apart by their title words", () => {
    const parts = overviewParts(real, {});
    const { communities } = JSON.parse(parts.first) as OverviewWire;
    const top = communities.slice(0, 10);
    expect(new Set(top.map((c) => c.name)).size).toBe(10);
    // The three largest mix a dozen domains at under a tenth each; their words do not mix.
    for (const c of top.slice(0, 3)) expect(c.domains[0]!.share).toBeLessThan(0.15);
    expect(top.every((c) => c.terms.length > 0)).toBe(true);
    expect(new Set(top.map((c) => c.terms.join(", "))).size).toBe(10);
    expect(top.slice(0, 3).map((c) => c.terms[0])).toEqual(["practice", "life", "commons"]);
  });

  it("are the same on every run, whatever order the store gives the links in", () => {
    const once = findCommunities(real);
    const again = findCommunities({ nodes: [...real.nodes].reverse(), links: [...real.links].reverse() });
    expect(again.members).toEqual(once.members);
    expect(again.links).toEqual(once.links);
  });

  it("cover every linked pattern of the real library, largest first, and count the links between them", () => {
    const found = findCommunities(real);
    const linked = new Set(real.links.filter((l) => l.source !== l.target).flatMap((l) => [l.source, l.target]));
    expect(new Set(found.of.keys())).toEqual(linked);
    expect(found.members.flat().length).toBe(linked.size);
    const sizes = found.members.map((m) => m.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // Several communities of real size: a structure, not one blob or dust.
    expect(sizes.filter((n) => n >= 20).length).toBeGreaterThanOrEqual(5);
    expect(sizes[0]!).toBeLessThan(linked.size / 2);
    // Every link between two patterns of different communities is counted once, in its pair.
    const across = real.links.filter((l) => l.source !== l.target && found.of.get(l.source) !== found.of.get(l.target)).length;
    expect(found.links.reduce((n, l) => n + l.count, 0)).toBe(across);
  });

  it("are kept with the layout on disk and read back with it", () => {
    const made = overviewParts(real, { cacheDir: dir });
    const read = overviewParts(real, { cacheDir: dir });
    expect(read.layout.source).toBe("disk");
    // The same answer, apart from how the layout was had.
    const content = (json: string) => ({ ...(JSON.parse(json) as OverviewWire), layout: null });
    expect(content(read.first).communities.length).toBeGreaterThan(5);
    expect(content(read.first)).toEqual(content(made.first));
    expect(content(read.rest)).toEqual(content(made.rest));
  });
});
