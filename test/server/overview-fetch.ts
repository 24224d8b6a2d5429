// The whole overview of a running server, both parts read back into patterns and links: what tests
// and the bench use where they need every pattern (GET /api/overview alone gives the first part).
import { gzipSync } from "node:zlib";
import { decodeOverview, type DecodedOverview, type OverviewWire } from "../../core/overview-wire.ts";

/** `bytes`: each part's JSON size, and its gzipped size as the server sends it. */
export async function fetchWholeOverview(baseUrl: string | URL): Promise<DecodedOverview & { bytes: { first: number; rest: number; gzipped: number } }> {
  const get = async (query: string): Promise<[OverviewWire, number, number]> => {
    const response = await fetch(new URL(`/api/overview${query}`, baseUrl));
    if (!response.ok) throw new Error(`GET /api/overview${query} answered ${response.status}`);
    const text = await response.text();
    return [JSON.parse(text) as OverviewWire, Buffer.byteLength(text), gzipSync(text).length];
  };
  const [first, firstBytes, firstGzipped] = await get("");
  if (first.nodes.slug.length === first.total.patterns) return { ...decodeOverview(first), bytes: { first: firstBytes, rest: 0, gzipped: firstGzipped } };
  const [rest, restBytes, restGzipped] = await get("?part=rest");
  return { ...decodeOverview(first, rest), bytes: { first: firstBytes, rest: restBytes, gzipped: firstGzipped + restGzipped } };
}

/** An overview part's JSON without the layout's duration, the one field that differs from one run to the next. */
export const withoutTime = (json: string): unknown => {
  const part = JSON.parse(json) as { layout: { ms?: number } };
  delete part.layout.ms;
  return part;
};
