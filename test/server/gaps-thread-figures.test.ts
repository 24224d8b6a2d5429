// The gaps thread reports what each analysis took (findings, their packed bytes, its heap), which the
// server logs as its "Gaps:" line, and answers a page of the packed findings as the analysis lists them.
import { afterAll, describe, expect, it } from "vitest";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { createGapsThread } from "../../server/gaps-thread.ts";
import type { AnalysisFigures } from "../../server/gaps-thread-protocol.ts";
import { library } from "../gaps/helpers.ts";

const lib = library({
  patterns: Array.from({ length: 40 }, (_, i) => ({ slug: `p${i}`, domain: `d${i % 3}` })),
  links: Array.from({ length: 40 }, (_, i) => `p${i} enables p${(i * 7 + 1) % 40}`),
});

describe("the gaps thread's figures", () => {
  const reports: { ms: number; figures: AnalysisFigures }[] = [];
  const thread = createGapsThread(undefined, undefined, { onAnalysed: (ms, figures) => reports.push({ ms, figures }) });
  afterAll(() => thread.close());

  it("says how many findings the analysis made, how small they are packed and the thread's heap, once per library version", async () => {
    const ask = async (offset: number) => {
      const answer = await thread.answer({
        key: "v1",
        load: async () => ({ library: lib, version: 1, libraryName: "test-library" }),
        job: { kind: "page", query: { kinds: [] }, offset, limit: 3 },
        gzip: false,
        signal: new AbortController().signal,
      });
      return JSON.parse(answer.body.toString("utf8")) as { total: number; findings: { id: string }[] };
    };
    const plain = analyseGaps(lib).findings;
    const first = await ask(0);
    const second = await ask(3);
    expect(first.total).toBe(plain.length);
    expect([...first.findings, ...second.findings].map((f) => f.id)).toEqual(plain.slice(0, 6).map((f) => f.id));
    expect(reports).toHaveLength(1);
    const { figures } = reports[0]!;
    expect(figures.findings).toBe(plain.length);
    expect(figures.packedBytes).toBeGreaterThan(0);
    expect(figures.packedBytes).toBeLessThan(JSON.stringify(plain).length);
    expect(figures.heapUsedBytes).toBeGreaterThan(0);
    expect(figures.heapTotalBytes).toBeGreaterThanOrEqual(figures.heapUsedBytes);
  });
});
