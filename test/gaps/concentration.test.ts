// Link concentration: patterns whose incoming links are outliers for the library (robust z-score of
// log in-degree), with the spread of their sources and the first-letter skew. A literal library, then
// the real 2026-02-20 library, whose top hubs get 500-1,300 incoming links and all start with "a".
import { describe, expect, it } from "vitest";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { detectLinkConcentration } from "../../graph/gaps/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { library } from "./helpers.ts";

/** 60 patterns in a chain (in-degree 1 each, some 2), and `hub` linked from `fans` of them. */
function chainWithHub(hub: string, fans: number) {
  const slugs = Array.from({ length: 60 }, (_, i) => `p${String(i).padStart(2, "0")}`);
  const links = slugs.slice(1).map((s, i) => `${slugs[i]} related ${s}`);
  for (let i = 0; i < slugs.length; i += 3) links.push(`${slugs[(i + 7) % 60]} enables ${slugs[i]}`);
  for (const s of slugs.slice(0, fans)) links.push(`${s} related ${hub}`);
  return library({
    patterns: [...slugs.map((slug, i) => ({ slug, domain: i % 2 ? "craft" : "governance", file: `${i % 3 ? "a" : "b"}/${slug}.md` })), { slug: hub, domain: "craft" }],
    links,
  });
}

describe("link concentration", () => {
  it("finds the pattern linked from far more patterns than the rest, with its sources' spread", () => {
    const findings = detectLinkConcentration(chainWithHub("abundance", 40));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ id: "link-concentration:abundance", kind: "link-concentration", patterns: ["abundance"], links: [] });
    expect(f!.concentration).toMatchObject({ incoming: 40, domains: 2, folders: 2, letter: "a", sameLetter: 1, hubs: 1 });
    expect(f!.evidence).toContain("is linked from 40 patterns");
    // Most patterns share in-degree 1 here (MAD 0): the interquartile rule decides.
    expect(f!.evidence).toContain("past Q3 + 3 IQR");
    expect(f!.score).toBeGreaterThan(0);
  });

  it("finds none when no pattern stands out, or the most linked one has fewer than 20 sources", () => {
    expect(detectLinkConcentration(chainWithHub("abundance", 0))).toEqual([]);
    expect(detectLinkConcentration(chainWithHub("abundance", 12))).toEqual([]);
  });

  it("is part of the analysis, listed last", () => {
    const report = analyseGaps(chainWithHub("abundance", 40));
    expect(report.counts["link-concentration"]).toBe(1);
    expect(report.findings.at(-1)!.kind).toBe("link-concentration");
  });

  it("finds the 2026-02-20 library's alphabetical hubs: 500-1,300 incoming links each at the top, every slug starting with 'a'", async () => {
    const lib = await loadLibrary(realLibrary("2026-02-20"));
    const findings = detectLinkConcentration(lib);
    expect(findings.length).toBeGreaterThanOrEqual(10);
    const top = findings.slice(0, 10).map((f) => f.concentration!.incoming);
    expect(top[0]).toBeGreaterThanOrEqual(1_000);
    expect(top[0]).toBeLessThanOrEqual(1_300);
    expect(top[9]).toBeGreaterThanOrEqual(400);
    expect(findings.every((f) => f.patterns[0]!.startsWith("a"))).toBe(true);
    expect(findings[0]!.concentration).toMatchObject({ letter: "a", sameLetter: findings.length, hubs: findings.length });
    expect(findings[0]!.concentration!.domains).toBeGreaterThan(40);
    expect(findings[0]!.fix.description).toContain("alphabetical list");
  }, 60_000);
});
