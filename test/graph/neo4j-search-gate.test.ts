// The Neo4j store's gate on searches at once (neo4j-search-gate.ts): how many run, in which order
// the others get their turn, and what a wait past the budget or a caller who left gives.
import { describe, expect, it } from "vitest";
import { QueryAbortedError } from "../../graph/budget.ts";
import { QueryTimeoutError } from "../../core/errors.ts";
import { SearchGate } from "../../graph/neo4j/neo4j-search-gate.ts";

/** A search that runs until released, noting when it started. */
function controlled(log: string[], name: string) {
  let release!: (value: string) => void;
  const done = new Promise<string>((resolve) => (release = resolve));
  return {
    release: () => release(name),
    search: (remainingMs: number) => {
      log.push(`${name} ${remainingMs > 0 ? "started" : "no time"}`);
      return done;
    },
  };
}

/** A gate of one search at once, its turn held by a search (`first`) until released. */
function oneRunning() {
  const gate = new SearchGate(1);
  const log: string[] = [];
  const first = controlled(log, "first");
  return { gate, log, first, running: gate.run(first.search, { timeoutMs: 10_000, hint: "" }) };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("The gate on searches at once", () => {
  it("runs at most its number at once and gives the others their turn in arrival order", async () => {
    const gate = new SearchGate(2);
    const log: string[] = [];
    const searches = ["a", "b", "c", "d", "e"].map((name) => controlled(log, name));
    const answers = searches.map((s) => gate.run(s.search, { timeoutMs: 10_000, hint: "" }));
    await settle();
    expect(log).toEqual(["a started", "b started"]);
    expect(gate.stats()).toEqual({ running: 2, waiting: 3 });
    searches[1]!.release();
    await settle();
    expect(log).toEqual(["a started", "b started", "c started"]);
    searches[0]!.release();
    searches[2]!.release();
    await settle();
    expect(log).toEqual(["a started", "b started", "c started", "d started", "e started"]);
    searches[3]!.release();
    searches[4]!.release();
    expect(await Promise.all(answers)).toEqual(["a", "b", "c", "d", "e"]);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("hands the turn on when a search fails", async () => {
    const gate = new SearchGate(1);
    const failing = gate.run(() => Promise.reject(new Error("Neo4j went away")), { timeoutMs: 10_000, hint: "" });
    const next = gate.run(() => Promise.resolve("answered"), { timeoutMs: 10_000, hint: "" });
    await expect(failing).rejects.toThrow("Neo4j went away");
    expect(await next).toBe("answered");
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("counts the wait against the budget: a search is given what is left, and one that waits it all out never runs", async () => {
    const { gate, log, first, running } = oneRunning();
    let given = -1;
    const later = gate.run(
      async (remainingMs) => {
        given = remainingMs;
        return "later";
      },
      { timeoutMs: 10_000, hint: "" },
    );
    const tooLate = gate.run(
      async () => {
        log.push("too late ran");
        return "";
      },
      { timeoutMs: 50, hint: "Ask for a smaller maxLength." },
    );
    const refused = await tooLate.catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueryTimeoutError);
    expect((refused as QueryTimeoutError).message).toBe("The server, busy with other searches, did not answer within 0.05 s. Ask for a smaller maxLength.");
    first.release();
    expect(await running).toBe("first");
    expect(await later).toBe("later");
    expect(given).toBeGreaterThan(9_000);
    expect(given).toBeLessThan(10_000);
    expect(log).toEqual(["first started"]);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("drops a waiting search whose caller left, before it runs, and one whose caller left before it came", async () => {
    const { gate, log, first, running } = oneRunning();
    const leaving = new AbortController();
    const abandoned = gate.run(
      async () => {
        log.push("abandoned ran");
        return "";
      },
      { timeoutMs: 10_000, hint: "", signal: leaving.signal },
    );
    const kept = gate.run(async () => "kept", { timeoutMs: 10_000, hint: "" });
    expect(gate.stats()).toEqual({ running: 1, waiting: 2 });
    leaving.abort();
    await expect(abandoned).rejects.toBeInstanceOf(QueryAbortedError);
    expect(gate.stats()).toEqual({ running: 1, waiting: 1 });
    await expect(gate.run(async () => "never", { timeoutMs: 10_000, hint: "", signal: leaving.signal })).rejects.toBeInstanceOf(QueryAbortedError);
    first.release();
    expect(await running).toBe("first");
    expect(await kept).toBe("kept");
    expect(log).toEqual(["first started"]);
  });

  it("refuses a number of searches at once that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => new SearchGate(bad)).toThrow(RangeError);
  });
});
