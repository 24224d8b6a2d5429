// AppState <-> URL query string. Every view is a URL: mode, focus, depth, type filters, path ends
// and camera. Parsing is forgiving (a bad value falls back to its default), writing omits defaults.
import {
  DEFAULT_STATE,
  DEPTH_RANGE,
  DIRECTION_CHOICES,
  K_RANGE,
  LINEAGE_DEPTH_RANGE,
  MAX_LENGTH_RANGE,
  type AppState,
  type CameraView,
} from "./app-state.ts";
import { EMBED_FLAGS, EMBED_PARAM } from "../../../core/embed.ts";
import { DECIDED_MODES, GAP_GROUP_BY } from "../../../core/gaps.ts";
import { URL_PARAMS, VIEW_MODES, type ViewMode } from "../../../core/explorer-url.ts";
import { QUERY_LIMITS } from "../../../core/query-limits.ts";
import { SLUG_MAX_LENGTH } from "../../../core/library.ts";

/** Every AppState field has its URL parameter (core/explorer-url.ts), and every URL parameter its field. */
const PARAMS_MATCH_STATE: [keyof AppState] extends [keyof typeof URL_PARAMS] ? ([keyof typeof URL_PARAMS] extends [keyof AppState] ? true : false) : false = true;
void PARAMS_MATCH_STATE;

/** Chrome switches for embedding (`/embed`): the same state plus what to show around the graph. */
export interface DisplayOptions {
  embed: boolean;
  legend: boolean;
  labels: boolean;
  search: boolean;
  interactive: boolean;
}

/** What the URL keeps as a slug: no white space, no comma, at most the API's SLUG_MAX_LENGTH (core/library.ts slugFault). */
const SLUG_LIKE = new RegExp(`^[^\\s,]{1,${SLUG_MAX_LENGTH}}$`);

function int(raw: string | null, range: { min: number; max: number }, fallback: number): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  const value = Number(raw);
  return value >= range.min && value <= range.max ? value : fallback;
}

function oneOf<T extends string, F extends T | null>(raw: string | null, values: readonly T[], fallback: F): T | F {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

const slug = (raw: string | null): string | null => (raw !== null && SLUG_LIKE.test(raw) ? raw : null);

/** Gap kinds are kebab-case words; the server says which exist (an unknown one is its 400). */
const GAP_KIND_LIKE = /^[a-z][a-z-]{0,39}$/;
/** Domains and finding ids are free text (ids hold `|`, `,` and `:`), bounded in length. */
const text = (raw: string | null, max: number): string | null => (raw !== null && raw.trim() !== "" && raw.length <= max ? raw : null);

function parseCamera(raw: string | null): CameraView | null {
  if (!raw) return null;
  const parts = raw.split(",").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n)) || parts[2]! <= 0) return null;
  return { x: parts[0]!, y: parts[1]!, ratio: parts[2]! };
}

function parseList(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(",").map((s) => s.trim()).filter((s) => SLUG_LIKE.test(s)))];
}

/** `2:1,-1:3`: band level and 0-based page; a malformed or repeated entry is dropped. */
function parsePages(raw: string | null): [number, number][] {
  const pages = new Map<number, number>();
  for (const part of (raw ?? "").split(",")) {
    const match = /^(-?[1-9]\d?):(\d{1,4})$/.exec(part);
    if (match && !pages.has(Number(match[1]))) pages.set(Number(match[1]), Number(match[2]));
  }
  return [...pages].filter(([, page]) => page > 0);
}

export function parseState(search: string): AppState {
  const p = new URLSearchParams(search);
  const mode = p.get(URL_PARAMS.mode);
  const direction = p.get(URL_PARAMS.direction);
  const typesRaw = p.get(URL_PARAMS.types);
  const pathIndexRaw = p.get(URL_PARAMS.pathIndex);
  return {
    mode: (VIEW_MODES as readonly string[]).includes(mode ?? "") ? (mode as ViewMode) : DEFAULT_STATE.mode,
    focus: slug(p.get(URL_PARAMS.focus)),
    selected: slug(p.get(URL_PARAMS.selected)),
    depth: int(p.get(URL_PARAMS.depth), DEPTH_RANGE, DEFAULT_STATE.depth),
    lineageDepth: int(p.get(URL_PARAMS.lineageDepth), LINEAGE_DEPTH_RANGE, DEFAULT_STATE.lineageDepth),
    lineageCollapsed: parseList(p.get(URL_PARAMS.lineageCollapsed)),
    lineagePages: parsePages(p.get(URL_PARAMS.lineagePages)),
    // `types=` (present but empty) means "no type at all", which is distinct from "every type".
    types: typesRaw === null ? null : parseList(typesRaw),
    direction: (DIRECTION_CHOICES as readonly string[]).includes(direction ?? "")
      ? (direction as AppState["direction"])
      : DEFAULT_STATE.direction,
    expanded: parseList(p.get(URL_PARAMS.expanded)),
    limit: int(p.get(URL_PARAMS.limit), QUERY_LIMITS.neighborhoodLimit, DEFAULT_STATE.limit),
    openGroups: (p.get(URL_PARAMS.openGroups) ?? "").split(",").filter((k) => k !== "" && k.length <= 1000),
    from: slug(p.get(URL_PARAMS.from)),
    to: slug(p.get(URL_PARAMS.to)),
    k: int(p.get(URL_PARAMS.k), K_RANGE, DEFAULT_STATE.k),
    maxLength: int(p.get(URL_PARAMS.maxLength), MAX_LENGTH_RANGE, DEFAULT_STATE.maxLength),
    directed: p.get(URL_PARAMS.directed) === "1" || p.get(URL_PARAMS.directed) === "true",
    pathIndex: pathIndexRaw === null ? null : int(pathIndexRaw, { min: 0, max: K_RANGE.max - 1 }, 0),
    gapKind: GAP_KIND_LIKE.test(p.get(URL_PARAMS.gapKind) ?? "") ? p.get(URL_PARAMS.gapKind) : null,
    gapDomain: text(p.get(URL_PARAMS.gapDomain), 200),
    gapPattern: slug(p.get(URL_PARAMS.gapPattern)),
    // Pages are 1-based in the URL, 0-based in the state.
    gapPage: int(p.get(URL_PARAMS.gapPage), { min: 1, max: 100_000 }, 1) - 1,
    gapGroupBy: oneOf(p.get(URL_PARAMS.gapGroupBy), GAP_GROUP_BY, null),
    gapDecided: oneOf(p.get(URL_PARAMS.gapDecided), DECIDED_MODES, DEFAULT_STATE.gapDecided),
    finding: text(p.get(URL_PARAMS.finding), 1000),
    unlinked: p.get(URL_PARAMS.unlinked) === "1",
    community: slug(p.get(URL_PARAMS.community)),
    camera: parseCamera(p.get(URL_PARAMS.camera)),
  };
}

const round = (n: number, digits: number): string => String(Number(n.toFixed(digits)));

/** Writes only what differs from the defaults and matters for the mode, so URLs stay short. */
export function serializeState(state: AppState): string {
  const p = new URLSearchParams();
  const set = (key: keyof AppState, value: string | null | undefined) => {
    if (value !== null && value !== undefined) p.set(URL_PARAMS[key], value);
  };
  if (state.mode !== DEFAULT_STATE.mode) set("mode", state.mode);
  const usesFocus = state.mode === "neighborhood" || state.mode === "lineage";
  if (usesFocus) set("focus", state.focus);
  set("selected", state.selected);
  if (state.mode === "neighborhood") {
    if (state.depth !== DEFAULT_STATE.depth) set("depth", String(state.depth));
    if (state.direction !== DEFAULT_STATE.direction) set("direction", state.direction);
    if (state.expanded.length) set("expanded", state.expanded.join(","));
    if (state.limit !== DEFAULT_STATE.limit) set("limit", String(state.limit));
    if (state.openGroups.length) set("openGroups", state.openGroups.join(","));
  }
  if (state.mode === "lineage") {
    if (state.lineageDepth !== DEFAULT_STATE.lineageDepth) set("lineageDepth", String(state.lineageDepth));
    if (state.lineageCollapsed.length) set("lineageCollapsed", state.lineageCollapsed.join(","));
    if (state.lineagePages.length) set("lineagePages", state.lineagePages.map((p) => p.join(":")).join(","));
  }
  if ((state.mode === "neighborhood" || state.mode === "path") && state.types !== null) {
    set("types", state.types.join(","));
  }
  if (state.mode === "path") {
    set("from", state.from);
    set("to", state.to);
    if (state.k !== DEFAULT_STATE.k) set("k", String(state.k));
    if (state.maxLength !== DEFAULT_STATE.maxLength) set("maxLength", String(state.maxLength));
    if (state.directed) set("directed", "1");
    if (state.pathIndex !== null) set("pathIndex", String(state.pathIndex));
  }
  if (state.mode === "overview") {
    // The overview lights one domain (chosen in the legend), the same filter the Gaps view applies.
    set("gapDomain", state.gapDomain);
    if (state.unlinked) set("unlinked", "1");
    set("community", state.community);
  }
  if (state.mode === "gaps") {
    set("gapKind", state.gapKind);
    set("gapDomain", state.gapDomain);
    set("gapPattern", state.gapPattern);
    if (state.gapPage > 0) set("gapPage", String(state.gapPage + 1));
    set("gapGroupBy", state.gapGroupBy);
    if (state.gapDecided !== DEFAULT_STATE.gapDecided) set("gapDecided", state.gapDecided);
    set("finding", state.finding);
  }
  if (state.camera) {
    const { x, y, ratio } = state.camera;
    set("camera", `${round(x, 4)},${round(y, 4)},${round(ratio, 4)}`);
  }
  const query = p.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
  return query ? `?${query}` : "";
}

/** Display parameters (embed flags, theme) that ride along unchanged when the app rewrites the URL. */
export const DISPLAY_PARAMS = [EMBED_PARAM, ...EMBED_FLAGS, "theme"] as const;

export function displayQuery(search: string): string {
  const p = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of DISPLAY_PARAMS) {
    const value = p.get(name);
    if (value !== null) kept.set(name, value);
  }
  return kept.toString();
}

export function parseDisplayOptions(search: string, pathname: string): DisplayOptions {
  const p = new URLSearchParams(search);
  const embed = pathname.replace(/\/+$/, "").endsWith("/embed") || p.get(EMBED_PARAM) === "1";
  const flag = (name: string, fallback: boolean) => {
    const raw = p.get(name);
    return raw === null ? fallback : raw !== "0" && raw !== "false";
  };
  return {
    embed,
    legend: flag("legend", true),
    labels: flag("labels", true),
    search: flag("search", !embed),
    interactive: flag("interactive", true),
  };
}
