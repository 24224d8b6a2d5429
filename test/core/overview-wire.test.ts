// The overview's front-coded columns (core/overview-wire.ts): slugs and titles written as what each
// shares with the one before it plus the rest, read back exactly, and older answers without the
// columns still read.
import { describe, expect, it } from "vitest";
import { decodeOverview, sharedPrefixesRestored, sharePrefixes, type OverviewWire } from "../../core/overview-wire.ts";

describe("sharePrefixes", () => {
  it.each([
    { values: [], rest: [], shared: [] },
    { values: ["pattern"], rest: ["pattern"], shared: [0] },
    { values: ["commons", "commons-x10", "commons-x2", "common-good"], rest: ["commons", "-x10", "2", "-good"], shared: [0, 7, 9, 6] },
    { values: ["Commons", "Commons (10)", "Commons (2)"], rest: ["Commons", " (10)", "2)"], shared: [0, 7, 9] },
    { values: ["abc", "abc", "ab", ""], rest: ["abc", "", "", ""], shared: [0, 3, 2, 0] },
    { values: ["same", "different"], rest: ["same", "different"], shared: [0, 0] },
  ])("writes $values as $shared shared and $rest", ({ values, rest, shared }) => {
    expect(sharePrefixes(values)).toEqual({ rest, shared });
    expect(sharedPrefixesRestored(rest, shared)).toEqual(values);
  });

  it("never splits a surrogate pair between the shared prefix and the rest", () => {
    // "\u{1F600}" and "\u{1F601}" share their high surrogate only.
    const values = ["a\u{1F600}", "a\u{1F601}", "a\u{1F601}b"];
    const { rest, shared } = sharePrefixes(values);
    expect(shared).toEqual([0, 1, 3]);
    expect(rest[1]).toBe("\u{1F601}");
    // No lone surrogate in any rest.
    for (const text of rest) expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(sharedPrefixesRestored(rest, shared)).toEqual(values);
  });

  it("reads a column without its shared counts as it is", () => {
    expect(sharedPrefixesRestored(["a", "b"], undefined)).toEqual(["a", "b"]);
  });
});

describe("decodeOverview", () => {
  const wire = (nodes: Pick<OverviewWire["nodes"], "slug" | "title" | "slugShared" | "titleShared">): OverviewWire => ({
    format: "columns",
    part: "first",
    total: { patterns: 2, links: 1, unlinked: 0 },
    offset: 0,
    domains: [],
    statuses: [],
    linkTypes: [{ type: "related", directed: false }],
    weights: [],
    nodes: { ...nodes, domain: [-1, -1], status: [-1, -1], degree: [1, 1], x: [0, 1], y: [0, 1], community: [0, 0] },
    links: { later: [1], earlier: [0], type: [0], weight: [-1], description: {} },
    dangling: { nodes: [], links: [] },
    regions: [],
    communities: [],
    communityLinks: { a: [], b: [], count: [] },
    layout: { algorithm: "forceatlas2", iterations: 1, barnesHut: false, ms: 0, source: "computed" },
  });

  it("reads front-coded slugs and titles back, links included", () => {
    const decoded = decodeOverview(wire({ slug: ["commons", "-x2"], slugShared: [0, 7], title: ["Commons", " (2)"], titleShared: [0, 7] }));
    expect(decoded.nodes.map((n) => [n.slug, n.title])).toEqual([
      ["commons", "Commons"],
      ["commons-x2", "Commons (2)"],
    ]);
    expect(decoded.links.map((l) => [l.source, l.target])).toEqual([["commons-x2", "commons"]]);
  });

  it("reads a part written without the shared counts (an older answer)", () => {
    const decoded = decodeOverview(wire({ slug: ["commons", "commons-x2"], title: ["Commons", "Commons (2)"] }));
    expect(decoded.nodes.map((n) => n.slug)).toEqual(["commons", "commons-x2"]);
  });
});
