// The neighbourhood's fast path (selection on typed arrays, bytes copied from the encoded library)
// changes for speed, never for answers: thousands of seeded requests on the real library (depths
// 1-4, every direction, type filters, limits from 1 to 1,000, group pages within and past a group's
// sample) must give the answers recorded before the last such change, byte for byte. The digest
// below was recorded when links lost their `id` and their `dangling: false` (the answers before,
// parsed, rewritten to that shape and written again, give the same digest); a change that means to
// change answers records it again and says why.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMemoryStore, DIRECTIONS, type NeighborhoodOptions } from "../../graph/index.ts";
import { KNOWN_LINK_TYPES } from "../../core/link-types.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { seededRandom } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";

const REQUESTS = 2500;
const RECORDED = { answers: 5323, sha256: "23b3a061044a7c601a2b215036695d065969358778d74897dc210274f9b0015a" };

describe("the neighbourhood's answers on seeded requests", () => {
  it("are byte for byte the recorded ones on the real library", async () => {
    const library = await loadLibrary(realLibrary("2026-02-20"));
    const store = createMemoryStore(library);
    const random = seededRandom(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const slugs = library.patterns.map((p) => p.slug);
    const digest = createHash("sha256");
    let answers = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const types = random() < 0.3 ? KNOWN_LINK_TYPES.filter(() => random() < 0.5) : undefined;
      const options: NeighborhoodOptions = {
        depth: 1 + Math.floor(random() * 4),
        direction: pick(DIRECTIONS),
        limit: pick([1, 2, 5, 20, 200, 1000]),
        ...(types ? { types } : {}),
      };
      const center = pick(slugs);
      const bytes = await store.neighborhoodJson(center, options);
      digest.update(bytes);
      answers++;
      // The first groups' first pages, and the first group's page past its sample.
      const groups = (JSON.parse(bytes.toString()) as { groups: { key: string }[] }).groups;
      for (const [g, group] of groups.slice(0, 2).entries()) {
        for (const offset of g === 0 ? [0, 3, 6] : [0]) {
          digest.update(await store.neighborhoodJson(center, { ...options, limit: 3, group: group.key, offset }));
          answers++;
        }
      }
    }
    expect({ answers, sha256: digest.digest("hex") }).toEqual(RECORDED);
  }, 120_000);
});
