// A re-ingest with few changes sends only the changed rows (graph/neo4j/neo4j-incremental.ts): the rest
// of the new copy is taken over inside Neo4j from the current copy, and the result is the library a full
// load of the same files gives, in another namespace of the same real Neo4j.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../graph/index.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace } from "../setup/neo4j.ts";
import { EXAMPLE_LIBRARY } from "../server/helpers.ts";

let library: Library;
let incremental: Neo4jStore;
let full: Neo4jStore;

const rowsOf = (l: Library): number => l.patterns.length + l.links.length + l.dangling.length + l.problems.length;

beforeAll(async () => {
  library = await loadLibrary(EXAMPLE_LIBRARY);
  const conn = await getTestNeo4j();
  // The new-copy path's take-over is what is tested: a change this small would otherwise apply in place (neo4j-in-place.test.ts).
  incremental = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("incremental"), inPlace: false });
  full = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("incremental-full") });
});

afterAll(async () => {
  await incremental?.close();
  await full?.close();
  await deleteTestNamespaces();
});

/** Loads `next` over what `incremental` holds, and the same into an empty namespace; both must store the same library. */
async function loadBoth(next: Library) {
  const report = await incremental.loadWithReport(next);
  await full.load(next);
  expect(await incremental.exportLibrary()).toEqual(await full.exportLibrary());
  expect(await incremental.stats()).toEqual(await full.stats());
  return report;
}

describe("a re-ingest with few changes", () => {
  it("sends every row the first time, when there is no copy to take rows from", async () => {
    const report = await incremental.loadWithReport(library);
    expect(report.rows).toEqual({ sent: rowsOf(library), reused: 0 });
  });

  it("sends only the one pattern whose file changed its title, and takes every other row over", async () => {
    const target = library.patterns[3]!.slug;
    const next: Library = { ...library, patterns: library.patterns.map((p) => (p.slug === target ? { ...p, title: `${p.title} (retitled)` } : p)) };
    const report = await loadBoth(next);
    expect(report.outcome).toBe("written");
    expect(report.rows).toEqual({ sent: 1, reused: rowsOf(next) - 1 });
    expect((await incremental.getPattern(target)).pattern.title).toMatch(/\(retitled\)$/);
  });

  it("sends the removed link's end patterns and what their numbers changed, never the untouched links, and stores what a full load stores", async () => {
    const current = await incremental.exportLibrary();
    const dropped = current.links[0]!;
    const next: Library = { ...current, links: current.links.slice(1) };
    const report = await loadBoth(next);
    expect(report.rows.reused).toBeGreaterThanOrEqual(next.links.length);
    expect(report.rows.sent).toBeGreaterThanOrEqual(2);
    expect(report.rows.sent).toBeLessThanOrEqual(next.patterns.length);
    const detail = await incremental.getPattern(dropped.source);
    expect((detail.outgoing[dropped.type] ?? []).map((end) => end.slug)).not.toContain(dropped.target);
  });
});
