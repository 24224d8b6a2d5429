// The overview layout kept on disk (server/overview-disk-cache.ts): the same library is read back
// instead of laid out, a changed one is laid out warm from the newest layout kept (or from scratch when
// too much changed), a corrupt file is ignored, the folder stays bounded, and the folder is configurable.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeOverview, type OverviewWire } from "../../core/overview-wire.ts";
import { asSlug, type OverviewGraph } from "../../graph/index.ts";
import { layoutCacheDir } from "../../server/overview-disk-cache.ts";
import { overviewContentHash, overviewParts } from "../../server/overview-json.ts";

/** Ten chains of 12 patterns, each chain's head linked to the next chain's. */
function chains(count = 10, length = 12, prefix = "p"): OverviewGraph {
  const nodes: OverviewGraph["nodes"] = [];
  const links: OverviewGraph["links"] = [];
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < length; i++) nodes.push({ slug: asSlug(`${prefix}${c}-${i}`), title: `P ${c} ${i}`, domain: `d${c % 4}`, degree: 2 });
    for (let i = 1; i < length; i++) {
      const [source, target] = [asSlug(`${prefix}${c}-${i - 1}`), asSlug(`${prefix}${c}-${i}`)];
      links.push({ source, target, type: "enables", directed: true });
    }
    const [source, target] = [asSlug(`${prefix}${c}-0`), asSlug(`${prefix}${(c + 1) % count}-0`)];
    links.push({ source, target, type: "related", directed: false });
  }
  return { nodes, links };
}

const positions = (json: string) => new Map(decodeOverview(JSON.parse(json) as OverviewWire).nodes.map((n) => [n.slug, [n.x, n.y]]));
const layoutFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".layout.json"));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pattern-atlas-layouts-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the overview layout's disk cache", () => {
  it("reads an unchanged library's layout back instead of laying it out, with the same positions", () => {
    const graph = chains();
    const computed = overviewParts(graph, { cacheDir: dir });
    expect(computed.layout.source).toBe("computed");
    expect(layoutFiles(dir)).toHaveLength(1);
    const read = overviewParts(graph, { cacheDir: dir });
    expect(read.layout.source).toBe("disk");
    expect(positions(read.first)).toEqual(positions(computed.first));
    expect(JSON.parse(read.first).regions).toEqual(JSON.parse(computed.first).regions);
    // Without the cache the same library gives the same positions: the cache changes only the time.
    expect(positions(overviewParts(graph, {}).first)).toEqual(positions(computed.first));
  });

  it("lays a library with a few changes out warm from the newest layout, keeping unchanged patterns near their place", () => {
    const graph = chains();
    const before = positions(overviewParts(graph, { cacheDir: dir }).first);
    // One new pattern on the end of the first chain: a different content hash, 99% of the patterns known.
    const added = asSlug("p0-new");
    const changed: OverviewGraph = {
      nodes: [...graph.nodes, { slug: added, title: "New", domain: "d0", degree: 1 }],
      links: [...graph.links, { source: asSlug("p0-11"), target: added, type: "enables", directed: true }],
    };
    const warm = overviewParts(changed, { cacheDir: dir });
    expect(warm.layout.source).toBe("warm");
    expect(warm.layout.iterations).toBeLessThan(overviewParts(changed, {}).layout.iterations);
    const after = positions(warm.first);
    expect(after.get(added)).toBeDefined();
    // The unchanged patterns moved less than a tenth of the picture's width.
    const xs = [...before.values()].map(([x]) => x!);
    const width = Math.max(...xs) - Math.min(...xs);
    for (const [slug, [x, y]] of before) {
      const [x2, y2] = after.get(slug)!;
      expect(Math.hypot(x2! - x!, y2! - y!)).toBeLessThan(width / 10);
    }
    // And its own layout is kept, so the next start reads it back.
    expect(overviewParts(changed, { cacheDir: dir }).layout.source).toBe("disk");
  });

  it("lays a library out from scratch when most of its patterns are not in the newest layout", () => {
    overviewParts(chains(10, 12, "p"), { cacheDir: dir });
    expect(overviewParts(chains(10, 12, "q"), { cacheDir: dir }).layout.source).toBe("computed");
  });

  it("ignores a corrupt file, says so, and replaces it", () => {
    const graph = chains();
    const key = overviewContentHash(graph, { cacheDir: dir });
    writeFileSync(path.join(dir, `${key}.layout.json`), '{"format":1,"key":"' + key + '","slugs":["p0-0"],"x":[1');
    const made = overviewParts(graph, { cacheDir: dir });
    expect(made.layout.source).toBe("computed");
    expect(made.notes.join(" ")).toMatch(/not readable JSON/);
    expect(overviewParts(graph, { cacheDir: dir }).layout.source).toBe("disk");
  });

  it("ignores a file of the right name whose positions do not cover the library", () => {
    const graph = chains();
    const key = overviewContentHash(graph, { cacheDir: dir });
    writeFileSync(path.join(dir, `${key}.layout.json`), JSON.stringify({ format: 1, key, slugs: ["p0-0"], x: [1], y: [2] }));
    expect(overviewParts(graph, { cacheDir: dir }).layout.source).not.toBe("disk");
  });

  it("keeps at most eight layouts, removing the oldest", () => {
    for (let i = 0; i < 11; i++) overviewParts(chains(3, 4, `v${i}-`), { cacheDir: dir, iterations: 5 });
    expect(layoutFiles(dir)).toHaveLength(8);
  });

  it("says why it could not keep a layout, and answers all the same", () => {
    const file = path.join(dir, "not-a-folder");
    writeFileSync(file, "");
    const made = overviewParts(chains(), { cacheDir: file });
    expect(made.notes.join(" ")).toMatch(/could not be kept/);
    expect(decodeOverview(JSON.parse(made.first) as OverviewWire).nodes).toHaveLength(120);
  });
});

describe("layoutCacheDir", () => {
  it("takes PATTERN_ATLAS_LAYOUT_CACHE, 'off', or the user's cache folder", () => {
    expect(layoutCacheDir({ PATTERN_ATLAS_LAYOUT_CACHE: "off" })).toBeUndefined();
    expect(layoutCacheDir({ PATTERN_ATLAS_LAYOUT_CACHE: "/srv/layouts" })).toBe("/srv/layouts");
    expect(layoutCacheDir({ XDG_CACHE_HOME: "/home/u/.cache" })).toBe("/home/u/.cache/pattern-atlas/overview-layouts");
  });
});
