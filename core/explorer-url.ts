// The explorer's URL: its views and the query parameter of each part of its state. A permalink or an
// embed URL is a contract between the explorer, which writes and reads it (web/src/state/url-state.ts),
// and the server, whose oEmbed answer describes the view a URL shows (server/routes/talks.ts).

/** The explorer's views, as `?view=` names them. */
export const VIEW_MODES = ["overview", "neighborhood", "lineage", "path", "gaps"] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

/** Query parameter names, in the order they are written. */
export const URL_PARAMS = {
  mode: "view",
  focus: "focus",
  selected: "sel",
  depth: "depth",
  lineageDepth: "ldepth",
  lineageCollapsed: "collapse",
  lineagePages: "bands",
  types: "types",
  direction: "dir",
  expanded: "expand",
  limit: "limit",
  openGroups: "groups",
  from: "from",
  to: "to",
  k: "k",
  maxLength: "max",
  directed: "directed",
  pathIndex: "path",
  gapKind: "kind",
  gapDomain: "domain",
  gapPattern: "pattern",
  gapPage: "page",
  gapGroupBy: "groupBy",
  gapDecided: "decided",
  finding: "finding",
  unlinked: "unlinked",
  community: "community",
  camera: "cam",
} as const;
