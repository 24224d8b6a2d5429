// The allowed range of every numeric query option: the stores check them (graph/algorithms/
// query-options.ts), the routes parse with them, the OpenAPI document states them and the explorer
// offers no more than they allow.

/** Inclusive integer ranges, named after the HTTP query parameters. */
export const QUERY_LIMITS = {
  searchLimit: { min: 1, max: 100 },
  neighborhoodDepth: { min: 1, max: 4 },
  neighborhoodLimit: { min: 1, max: 10_000 },
  neighborhoodOffset: { min: 0, max: 10_000 },
  lineageDepth: { min: 1, max: 10 },
  pathsK: { min: 1, max: 10 },
  pathsMaxLength: { min: 1, max: 8 },
  pathsMaxDegree: { min: 1, max: 1_000_000 },
} as const;
