// Input parsing at the route: raw query strings and path segments become typed values, or an
// InvalidInputError that names the parameter, the value and what is allowed. Routes never see raw input.
import {
  DIRECTIONS,
  InvalidInputError,
  KNOWN_LINK_TYPES,
  LINK_TYPE_PATTERN,
  type Direction,
  type LinkType,
} from "../graph/index.ts";

/** An InvalidInputError whose echoed value is cut short: an error body should not grow with the input. */
export function invalid(parameter: string, value: unknown, allowed: string): InvalidInputError {
  const shown =
    typeof value === "string" && value.length > 60
      ? `${value.slice(0, 60)}…`
      : Array.isArray(value)
        ? value.slice(0, 5).map((v) => (typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…` : v))
        : value;
  const name = parameter.length > 60 ? `${parameter.slice(0, 60)}…` : parameter;
  return new InvalidInputError(name, shown, allowed);
}

/** A parsed query string: every value is a single string. */
export type Query = Readonly<Record<string, string>>;

/** The raw shape our query parser produces: repeated parameters become arrays. */
export type RawQuery = Record<string, string | string[]>;

/** Longest accepted slug or free-text value; longer input is a mistake (or an attack), not a query. */
export const MAX_TEXT_LENGTH = 200;

/**
 * Express "query parser": splits `a=1&b=2` into a null-prototype object (so `__proto__` is just a
 * name), keeps repeated names as arrays (rejected later with a 400), and throws InvalidInputError on a
 * malformed %-escape instead of silently replacing it.
 */
export function parseQueryString(text: string): RawQuery {
  const out: RawQuery = Object.create(null) as RawQuery;
  if (!text) return out;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    const name = decodeComponent(rawName, rawName);
    const value = decodeComponent(rawValue, name);
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  }
  return out;
}

function decodeComponent(raw: string, parameter: string): string {
  // Nothing to decode (most names and values: `depth=2`): the text as it is, without a regex and a decode.
  if (!raw.includes("%") && !raw.includes("+")) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw invalid(parameter, raw, "valid UTF-8 percent-encoding");
  }
}

/**
 * Checks the query has only the parameters an endpoint accepts, each given once and not empty.
 * Unknown parameters are rejected (not ignored) so that a typo such as `?dept=3` is reported
 * instead of silently answering with the default. An empty value (`?kind=`) is never taken for an
 * absent one: it is a 400 naming the parameter, on every endpoint, except for the free-text
 * parameters listed in `emptyAllowed`, where empty text has a meaning of its own (`q=`: no hits).
 */
export function readQuery(raw: unknown, accepted: readonly string[], emptyAllowed: readonly string[] = []): Query {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== "object") throw invalid("query", raw, "a query string of name=value pairs");
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!accepted.includes(name)) {
      throw invalid(
        name,
        value,
        accepted.length ? `no such parameter; this endpoint accepts ${accepted.join(", ")}` : "no parameters on this endpoint",
      );
    }
    if (Array.isArray(value)) throw invalid(name, value, "a single value (the parameter was given more than once)");
    if (typeof value !== "string") throw invalid(name, value, "a single string value");
    if (value === "" && !emptyAllowed.includes(name)) throw invalid(name, value, "a value (an empty one is refused: leave the parameter out for its default)");
    out[name] = value;
  }
  return out;
}

export interface IntRange {
  min: number;
  max: number;
  default: number;
}

/** A decimal integer within [min, max]; absent means the default. */
export function parseIntParam(query: Query, name: string, range: IntRange): number {
  const raw = query[name];
  if (raw === undefined) return range.default;
  const allowed = `an integer from ${range.min} to ${range.max} (default ${range.default})`;
  if (!/^\d{1,9}$/.test(raw)) throw invalid(name, raw, allowed);
  const value = Number(raw);
  if (value < range.min || value > range.max) throw invalid(name, raw, allowed);
  return value;
}

export function parseEnumParam<T extends string>(query: Query, name: string, values: readonly T[], fallback: T): T {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw invalid(name, raw, `one of ${values.join(", ")} (default ${fallback})`);
  }
  return raw as T;
}

export function parseBooleanParam(query: Query, name: string, fallback: boolean): boolean {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalid(name, raw, `true or false (default ${fallback})`);
}

export function parseDirectionParam(query: Query, name = "direction"): Direction {
  return parseEnumParam(query, name, DIRECTIONS, "both");
}

/** Free text, at most MAX_TEXT_LENGTH characters and without control characters. */
export function parseTextParam(query: Query, name: string, options: { required: boolean; fallback?: string }): string {
  const raw = query[name];
  if (raw === undefined) {
    if (options.required) throw invalid(name, null, `a value (the parameter is required)`);
    return options.fallback ?? "";
  }
  return checkText(name, raw, options.required);
}

function checkText(name: string, raw: string, required: boolean): string {
  const allowed = `${required ? "non-empty " : ""}text of at most ${MAX_TEXT_LENGTH} characters without control characters`;
  if (raw.length > MAX_TEXT_LENGTH) throw invalid(name, raw, allowed);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw invalid(name, raw, allowed);
  if (required && raw.trim() === "") throw invalid(name, raw, allowed);
  return raw;
}

/** A slug from a path segment or a query parameter. Whether it exists is the store's answer (404). */
export function parseSlug(name: string, raw: string | undefined): string {
  if (raw === undefined) throw invalid(name, null, "a pattern slug (the parameter is required)");
  return checkText(name, raw, true).trim();
}

/** A parsed `types` list as a cache key: the stores treat it as a set, so order and repeats do not matter. */
export function typesKey(types: readonly LinkType[] | undefined): string {
  return types === undefined ? "*" : [...new Set(types)].sort().join(",");
}

/** The link types the caller may name: the known ones plus those present in the loaded library. */
export type LinkTypeLookup = () => Promise<ReadonlySet<string>>;

/**
 * A comma-separated list of link types, e.g. `enables,requires`. Known types are accepted without a
 * store round trip; other well-formed names are checked against the library's own types.
 * @returns undefined when absent (all types).
 */
export async function parseLinkTypesParam(
  query: Query,
  name: string,
  libraryTypes: LinkTypeLookup,
): Promise<LinkType[] | undefined> {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = raw.split(",").map((s) => s.trim());
  const known = KNOWN_LINK_TYPES as readonly string[];
  const describe = async () => {
    const present = [...(await libraryTypes())].filter((t) => !known.includes(t)).sort();
    return `a comma-separated list of link types from ${[...known, ...present].join(", ")}`;
  };
  if (parts.some((p) => p === "")) throw invalid(name, raw, await describe());
  const unknown = parts.filter((p) => !known.includes(p));
  if (unknown.some((p) => !LINK_TYPE_PATTERN.test(p))) throw invalid(name, raw, await describe());
  if (unknown.length) {
    const present = await libraryTypes();
    if (unknown.some((p) => !present.has(p))) throw invalid(name, raw, await describe());
  }
  return [...new Set(parts)];
}
