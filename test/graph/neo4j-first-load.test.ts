// A first load (no current copy to take rows from) makes its rows a batch at a time
// (graph/neo4j/neo4j-load-rows.ts) and analyses the gaps once the overview is laid out: on the real
// library it stores, row for row and hash for hash, what a load that sends every row through the
// re-ingest's path (neo4j-incremental.ts) stores.
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CopyAttachmentMaker, Library } from "../../graph/index.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { vocabularyRows } from "../../graph/neo4j/neo4j-search-vocabulary.ts";
import { createNeo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { EXAMPLE_LIBRARY } from "../server/helpers.ts";
import { deleteTestNamespaces, getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

let conn: Neo4jTestConnection;
let driver: Driver;
let real: Library;

beforeAll(async () => {
  conn = await getTestNeo4j();
  driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
  real = await loadLibrary(realLibrary("2026-02-20"));
}, 120_000);

afterAll(async () => {
  await driver?.close();
  await deleteTestNamespaces();
});

/** Every row of the namespace's current copy, without its copy id (lib, and the findings' set), in a fixed order. */
async function storedRows(namespace: string): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (l:${LABELS.library} {namespace: $ns})
     MATCH (n {lib: l.current})
     RETURN labels(n) AS labels, n {.*, lib: null, set: null} AS props,
            COLLECT { MATCH (n)-[r]->(m) RETURN [type(r), m.slug, properties(r)] } AS out`,
    { ns: namespace },
    { database: conn.database },
  );
  const sorted = (value: unknown): string =>
    JSON.stringify(value, (_k, v: unknown) =>
      v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
    );
  return records.map((r) => sorted([r.get("labels"), r.get("props"), (r.get("out") as unknown[]).map(sorted).sort()])).sort();
}

describe("a first load into Neo4j", () => {
  it("stores the real library row for row as a load that sends every row through the re-ingest's path", async () => {
    const first = uniqueNamespace("first-load");
    const other = uniqueNamespace("first-load-other");
    const firstStore = await createNeo4jStore({ ...conn, namespace: first });
    const otherStore = await createNeo4jStore({ ...conn, namespace: other });
    try {
      const firstReport = await firstStore.loadWithReport(real);
      expect(firstReport.rows.reused).toBe(0);
      // Another library first, so that the real one is written over a current copy: its rows go
      // through reuseRows (hashed up front), and none of this library's rows is there to take over
      // but the few the example library shares.
      await otherStore.load(await loadLibrary(EXAMPLE_LIBRARY));
      const otherReport = await otherStore.loadWithReport(real);
      expect(otherReport.rows.sent).toBeGreaterThan(otherReport.rows.reused);
      const [a, b] = [await storedRows(first), await storedRows(other)];
      // The copy's search vocabulary (neo4j-search-vocabulary.ts) is among its rows.
      const tokens = vocabularyRows(real).length;
      expect(a.length).toBe(real.patterns.length + real.dangling.length + real.problems.length + (firstReport.gaps?.findings ?? 0) + tokens);
      expect(a).toEqual(b);
    } finally {
      await firstStore.close();
      await otherStore.close();
    }
    // Three loads with their gap analyses: ~1 minute on a quiet machine, several on a loaded one.
  }, 600_000);

  // A real maker whose overview ends only when the gap analysis has said it is done, or after
  // `overviewWaitMs` if it never does. Run beside the analysis, the overview is made after it
  // whatever the machine's load; run one after the other, the overview is not started before the
  // analysis is done.
  async function loadSteps(threadsOneAtATimeFrom: number | undefined, overviewWaitMs: number): Promise<string[]> {
    const steps: string[] = [];
    let analysisDone = () => {};
    const analysed = new Promise<void>((resolve) => (analysisDone = resolve));
    const attachments: CopyAttachmentMaker = {
      names: ["test/slow-overview"],
      async make() {
        steps.push("overview started");
        await Promise.race([analysed, new Promise((resolve) => setTimeout(resolve, overviewWaitMs))]);
        steps.push("overview made");
        return [{ name: "test/slow-overview", meta: "{}", bytes: new Uint8Array([1, 2, 3]) }];
      },
    };
    const store = await createNeo4jStore({ ...conn, namespace: uniqueNamespace("first-load-order"), attachments, threadsOneAtATimeFrom, onLoadStep: (step) => {
      steps.push(step);
      if (step.startsWith("gap analysis done")) analysisDone();
    } });
    try {
      const report = await store.loadWithReport(await loadLibrary(EXAMPLE_LIBRARY));
      expect(report.gaps?.findings).toBeGreaterThan(0);
      expect(steps).toContain("overview written");
      return steps;
    } finally {
      await store.close();
    }
  }

  it("lays out the overview only once the gaps are analysed in a library past the size for one thread at a time, and writes the findings first", async () => {
    const steps = await loadSteps(1, 60_000);
    const analysed = steps.findIndex((s) => s.startsWith("gap analysis done"));
    expect(analysed).toBeGreaterThanOrEqual(0);
    expect(steps.indexOf("overview started")).toBeGreaterThan(analysed);
    expect(steps.indexOf("overview made")).toBeGreaterThan(analysed);
    expect(steps.indexOf("overview written")).toBeGreaterThan(steps.findIndex((s) => s.startsWith("gap findings written")));
  }, 120_000);

  it("analyses the gaps beside the overview in a library below that size", async () => {
    const steps = await loadSteps(undefined, 60_000);
    const made = steps.indexOf("overview made");
    expect(made).toBeGreaterThanOrEqual(0);
    const analysed = steps.findIndex((s) => s.startsWith("gap analysis done"));
    expect(analysed).toBeGreaterThanOrEqual(0);
    expect(analysed).toBeLessThan(made);
  }, 120_000);
});
