// The overview thread (server/overview-thread.ts) stops once idle, to give its heap back, and the
// next overview starts a fresh one: the same answer, and no failure heard. Its overview is handed over
// a part per turn of the event loop, or all in one turn for the server's start-up.
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import type { OverviewGraph, Slug } from "../../graph/index.ts";
import { overviewParts } from "../../server/overview-json.ts";
import { createOverviewThread } from "../../server/overview-thread.ts";
import { withoutTime } from "./overview-fetch.ts";

const overview = (n: number): OverviewGraph => ({
  nodes: Array.from({ length: n }, (_, i) => ({ slug: `p${i}` as Slug, title: `P ${i}`, degree: 2 })),
  links: Array.from({ length: n }, (_, i) => ({
    source: `p${i}` as Slug,
    target: `p${(i + 1) % n}` as Slug,
    type: "enables" as const,
    directed: true,
  })),
});


describe("the overview thread", () => {
  it("answers one overview after another, stopping while idle, as the calling thread would", async () => {
    const failures: string[] = [];
    const thread = createOverviewThread((message) => failures.push(message));
    const first = await thread.make(overview(30), undefined, {});
    // Long enough for the idle thread to have stopped.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await thread.make(overview(40), first.hash, {});
    const again = await thread.make(overview(40), second.hash, {});
    expect(failures).toEqual([]);
    expect(withoutTime(first.parts!.first)).toEqual(withoutTime(overviewParts(overview(30), {}).first));
    expect(withoutTime(second.parts!.first)).toEqual(withoutTime(overviewParts(overview(40), {}).first));
    expect(second.hash).not.toBe(first.hash);
    expect(again).toEqual({ hash: second.hash });
  });

  it("is handed an overview a part per turn, or all of it in the turn it is asked (the server's start-up)", async () => {
    // At the server's start-up the store's preparation runs in slices meanwhile: a part per slice held
    // the layout back until the preparation was done. 2,500 patterns and links: five parts.
    const posted = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const thread = createOverviewThread();
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      const kinds = () => posted.mock.calls.map(([message]) => (message as { kind: string }).kind);
      const slowly = thread.make(overview(2500), undefined, {});
      await turn();
      expect(kinds()).toEqual(["nodes"]);
      const first = await slowly;
      expect(kinds()).toEqual([...Array<string>(3).fill("nodes"), ...Array<string>(3).fill("links"), "make"]);
      posted.mockClear();
      const atOnce = thread.make(overview(2500), undefined, {}, true);
      await turn();
      expect(kinds()).toEqual([...Array<string>(3).fill("nodes"), ...Array<string>(3).fill("links"), "make"]);
      expect(withoutTime((await atOnce).parts!.first)).toEqual(withoutTime(first.parts!.first));
    } finally {
      posted.mockRestore();
    }
  });
});
