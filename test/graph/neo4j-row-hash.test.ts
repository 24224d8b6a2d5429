// The hashes the first load's hot loops make without copying a row (neo4j-model.ts linkRowHash, the
// findings' rows of neo4j-gap-rows.ts) are rowHash's of the row it would have hashed, for every link
// and every finding of the real library, and for links with all and none of their optional properties.
import { describe, expect, it } from "vitest";
import { canonicalLibrary } from "../../graph/algorithms/library-order.ts";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { findingRows } from "../../graph/neo4j/neo4j-gap-rows.ts";
import { linkProperties, linkRowHash, relationshipType } from "../../graph/neo4j/neo4j-model.ts";
import { rowHash } from "../../graph/neo4j/neo4j-row-hash.ts";
import type { Link } from "../../core/model.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const library = canonicalLibrary(await loadLibrary(realLibrary("2026-02-20")));

describe("a row's hash made without copying the row", () => {
  it("is rowHash's for every link of the real library and for links with all or none of the optional properties", () => {
    const some: Link[] = [
      ...library.links,
      { source: "a", type: "requires", target: "b", declaredIn: "a.md" } as Link,
      { source: "a\"b", type: "related", target: "c\\d", declaredIn: "x.md", weight: 0.5, description: "said \"so\"\n", line: 12 } as Link,
    ];
    expect(library.links.length).toBeGreaterThan(1000);
    let differing = 0;
    for (const link of some) {
      const relType = relationshipType(link.type);
      const row = linkProperties(link);
      if (linkRowHash(relType, row, link.source, link.target) !== rowHash(relType, { ...row, source: link.source, target: link.target })) differing += 1;
    }
    expect(differing).toBe(0);
  });

  it("is rowHash's of a finding's row without its seq, for every finding of the real library", () => {
    const report = analyseGaps(library);
    const files = new Map(library.patterns.map((p) => [p.slug as string, p.file]));
    const rowOf = findingRows(report.findings, (slug) => files.get(slug));
    expect(report.findings.length).toBeGreaterThan(1000);
    let differing = 0;
    report.findings.forEach((f, i) => {
      const { seq, h, ...content } = rowOf(f, i);
      expect(seq).toBe(i);
      if (h !== rowHash("finding", content)) differing += 1;
    });
    expect(differing).toBe(0);
  });
});
