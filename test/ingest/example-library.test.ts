// The project's example library gives exactly the numbers and facts in test/fixtures/example-library.expected.json.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../core/model.ts";
import { loadLibrary, summariseLibrary } from "../../ingest/index.ts";

const LIBRARY = fileURLToPath(new URL("../../examples/library", import.meta.url));
const expected = JSON.parse(readFileSync(new URL("../fixtures/example-library.expected.json", import.meta.url), "utf8"));
const facts = expected.facts;

let library: Library;
const hasLink = (source: string, type: string, target: string): boolean =>
  library.links.some((l) => l.source === source && l.type === type && l.target === target);

beforeAll(async () => {
  library = await loadLibrary(LIBRARY);
});

describe("the example library", () => {
  it("has the expected counts", () => {
    const summary = summariseLibrary(library);
    expect({
      files: summary.files,
      patterns: summary.patterns,
      problemFiles: summary.problemFiles,
      links: summary.links,
      dangling: summary.dangling,
      isolated: summary.isolated,
      generations: summary.generations,
      problemsByKind: summary.problemsByKind,
      problems: summary.problems.length,
    }).toEqual({
      files: expected.files,
      patterns: expected.patterns,
      problemFiles: expected.problemFiles,
      links: expected.links,
      dangling: expected.dangling,
      isolated: expected.isolated,
      generations: expected.generations,
      problemsByKind: expected.problemsByKind,
      problems: expected.problems,
    });
    expect(summary.files).toBe(summary.patterns + summary.problemFiles);
  });

  it("has the expected links and dangling references per type", () => {
    const summary = summariseLibrary(library);
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(nonZero(summary.linksByType)).toEqual(expected.linksByType);
    expect(nonZero(summary.danglingByType)).toEqual(expected.danglingByType);
  });

  it("has the expected domains and lineage edges", () => {
    const domains: Record<string, number> = {};
    for (const p of library.patterns) domains[p.domain!] = (domains[p.domain!] ?? 0) + 1;
    expect(domains).toEqual(expected.domains);
    const pairs = new Set<string>();
    for (const l of library.links) {
      if (l.type === "generalizes_from") pairs.add(`${l.target}>${l.source}`);
      if (l.type === "specializes_to") pairs.add(`${l.source}>${l.target}`);
    }
    expect(pairs.size).toBe(expected.lineageEdges);
  });

  it("reports the broken YAML file, the heading above ---, and the self-link where they are", () => {
    for (const fact of [facts.brokenYaml, facts.headingAboveFrontmatter, facts.selfLink]) {
      expect(library.problems).toContainEqual(expect.objectContaining({ file: fact.file, kind: fact.kind, line: fact.line }));
    }
    expect(library.problems.find((p) => p.kind === "invalid-yaml")!.column).toBe(facts.brokenYaml.column);
    expect(library.patterns.some((p) => p.slug === facts.brokenYaml.slugItWouldHave)).toBe(false);
    expect(library.patterns.some((p) => p.slug === facts.headingAboveFrontmatter.slug)).toBe(true);
    expect(library.links.some((l) => l.source === facts.selfLink.slug && l.target === facts.selfLink.slug)).toBe(false);
  });

  it("has exactly one orphan", () => {
    const linked = new Set(library.links.flatMap((l) => [l.source, l.target]));
    expect(library.patterns.filter((p) => !linked.has(p.slug)).map((p) => p.slug)).toEqual([facts.orphan]);
  });

  it("has exactly one one-sided lineage declaration and one enables without requires", () => {
    const inverse: Record<string, string> = { generalizes_from: "specializes_to", specializes_to: "generalizes_from", enables: "requires", requires: "enables" };
    const oneSided = library.links
      .filter((l) => inverse[l.type] && !hasLink(l.target, inverse[l.type]!, l.source))
      .map((l) => ({ source: l.source, type: l.type, target: l.target, line: l.line }));
    expect(oneSided).toEqual([facts.oneSidedLineage.declared, facts.enablesWithoutRequires.declared]);
  });

  it("keeps both dangling references with their form and line", () => {
    const dangling = library.dangling.map(({ source, type, target, form, declaredIn, line }) => ({ source, type, target, form, declaredIn, line }));
    expect(dangling).toEqual(facts.danglingRefs.map(({ what: _what, ...ref }: { what: string }) => ref));
  });

  it("counts duplicate declarations once", () => {
    for (const dup of facts.duplicateDeclarations) {
      expect(library.links.filter((l) => l.source === dup.source && l.type === dup.type && l.target === dup.target)).toHaveLength(1);
    }
  });

  it("keeps conflicts_with as its own type, and the tools links", () => {
    expect(hasLink(facts.unknownLinkType.source, facts.unknownLinkType.type, facts.unknownLinkType.target)).toBe(true);
    expect(library.links.filter((l) => l.type === "tools").map(({ source, type, target, weight }) => ({ source, type, target, weight }))).toEqual(
      facts.toolsLinks,
    );
  });

  it("has the planted lineage: chains, two parents, every pair declared from both sides but one", () => {
    for (const chain of facts.lineageChains as string[][]) {
      for (let i = 1; i < chain.length; i += 1) {
        expect(hasLink(chain[i]!, "generalizes_from", chain[i - 1]!), `${chain[i]} generalizes_from ${chain[i - 1]}`).toBe(true);
        expect(hasLink(chain[i - 1]!, "specializes_to", chain[i]!), `${chain[i - 1]} specializes_to ${chain[i]}`).toBe(true);
      }
    }
    const parents = library.links.filter((l) => l.source === facts.twoParents.child && l.type === "generalizes_from").map((l) => l.target);
    expect(parents.sort()).toEqual(facts.twoParents.parents);
    for (const [enabler, enabled] of facts.enablesRequiresBothSides as [string, string][]) {
      expect(hasLink(enabler, "enables", enabled) && hasLink(enabled, "requires", enabler)).toBe(true);
    }
  });

  it("resolves every target form: weighted mapping, title, id inside a mapping", () => {
    expect(library.links).toContainEqual(expect.objectContaining(facts.weightedLink));
    const { written: _t, ...title } = facts.titleTarget;
    expect(library.links).toContainEqual(expect.objectContaining(title));
    const { written: _i, ...id } = facts.idMappingTarget;
    expect(library.links).toContainEqual(expect.objectContaining(id));
    expect(library.patterns.find((p) => p.slug === facts.patternWithoutId)!.id).toBeUndefined();
    expect(library.patterns.find((p) => p.slug === facts.aliasExample.slug)!.aliases).toContain(facts.aliasExample.alias);
  });

  it("has plain-text titles", () => {
    for (const p of library.patterns) expect(p.title).toMatch(/^[\w' -]+$/);
  });
});
