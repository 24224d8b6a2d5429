// Imported first by main.ts: starts the first view's API requests while the heavy modules (sigma,
// graphology) are still being evaluated, so the network and the start-up work overlap.
import { api } from "./api.ts";
import { gapsQuery } from "./gaps/gaps-data.ts";
import { NEIGHBORHOOD_LIMIT } from "./state/app-state.ts";
import { parseState } from "./state/url-state.ts";

const state = parseState(window.location.search);
api.prefetch(() => api.stats());
if (state.mode === "overview" || (state.mode === "gaps" && !state.finding)) api.prefetch(() => api.overview());
if (state.mode === "gaps") api.prefetch(() => api.gaps(gapsQuery(state)));
if (state.mode === "neighborhood" && state.focus && (state.types === null || state.types.length > 0)) {
  const query = { depth: state.depth, types: state.types, direction: state.direction, limit: NEIGHBORHOOD_LIMIT };
  api.prefetch(() => api.neighborhood(state.focus!, query));
  // Expansions are asked in place by the loader; prefetching them too keeps reloads as fast.
  for (const slug of state.expanded) api.prefetch(() => api.neighborhood(slug, { ...query, depth: 1 }));
}
if (state.mode === "lineage" && state.focus) api.prefetch(() => api.lineage(state.focus!, state.lineageDepth));
if (state.mode === "path" && state.from && state.to && (state.types === null || state.types.length > 0)) {
  api.prefetch(() =>
    api.paths({ from: state.from!, to: state.to!, types: state.types, directed: state.directed, k: state.k, maxLength: state.maxLength }),
  );
}
