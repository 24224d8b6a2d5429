// The validation of every query option against its allowed range (core/query-limits.ts), shared by
// both stores (and the server's parameter parsing) so that a bad value is refused the same way everywhere.
import { InvalidInputError } from "../../core/errors.ts";
import { QUERY_LIMITS } from "../../core/query-limits.ts";
import { parseGroupKey } from "../../core/neighborhood.ts";
import { DIRECTIONS, LINK_TYPE_PATTERN, type LinkType, type NeighborhoodOptions, type PathOptions } from "../../core/model.ts";

interface Range {
  readonly min: number;
  readonly max: number;
}

/** @throws InvalidInputError naming `parameter` unless `value` is an integer within `range`. */
export function checkInteger(parameter: string, value: unknown, range: Range): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new InvalidInputError(parameter, value, `an integer from ${range.min} to ${range.max}`);
  }
  return value;
}

/**
 * Link types must be safe names (LINK_TYPE_PATTERN); a safe name that no link uses is allowed and
 * simply matches nothing. An empty list allows no type at all.
 */
export function checkLinkTypes(types: readonly LinkType[] | undefined): void {
  if (types === undefined) return;
  if (!Array.isArray(types)) throw new InvalidInputError("types", types, "a list of link type names");
  for (const t of types) {
    if (typeof t !== "string" || !LINK_TYPE_PATTERN.test(t)) {
      throw new InvalidInputError("types", t, "link type names of lowercase letters, digits and '_'");
    }
  }
}

export function checkSearchLimit(limit: unknown): number {
  return checkInteger("limit", limit, QUERY_LIMITS.searchLimit);
}

/** The search query must be a string (of any content: one without letters or digits finds nothing), and `limit` in range. */
export function checkSearch(query: unknown, limit: unknown): void {
  if (typeof query !== "string") throw new InvalidInputError("q", query, "a string");
  checkSearchLimit(limit);
}

export function checkNeighborhoodOptions(options: NeighborhoodOptions): void {
  checkInteger("depth", options.depth, QUERY_LIMITS.neighborhoodDepth);
  checkInteger("limit", options.limit, QUERY_LIMITS.neighborhoodLimit);
  if (!(DIRECTIONS as readonly unknown[]).includes(options.direction)) {
    throw new InvalidInputError("direction", options.direction, DIRECTIONS.join(", "));
  }
  checkLinkTypes(options.types);
  if (options.group !== undefined) {
    const parsed = typeof options.group === "string" ? parseGroupKey(options.group) : undefined;
    if (!parsed || parsed.limit > QUERY_LIMITS.neighborhoodLimit.max) {
      throw new InvalidInputError("group", options.group, "a group key from an earlier answer's groups");
    }
  }
  if (options.offset !== undefined) {
    if (options.group === undefined) throw new InvalidInputError("offset", options.offset, "an offset only together with a group");
    checkInteger("offset", options.offset, QUERY_LIMITS.neighborhoodOffset);
  }
}

export function checkLineageDepth(depth: unknown): number {
  return checkInteger("depth", depth, QUERY_LIMITS.lineageDepth);
}

export function checkPathOptions(options: PathOptions): void {
  checkInteger("k", options.k, QUERY_LIMITS.pathsK);
  checkInteger("maxLength", options.maxLength, QUERY_LIMITS.pathsMaxLength);
  if (typeof options.directed !== "boolean") throw new InvalidInputError("directed", options.directed, "true or false");
  if (options.maxDegree !== undefined) checkInteger("maxDegree", options.maxDegree, QUERY_LIMITS.pathsMaxDegree);
  checkLinkTypes(options.types);
}
