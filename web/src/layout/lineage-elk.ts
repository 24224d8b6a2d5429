// Places a planned lineage tree: elkjs's layered algorithm (Sugiyama, one ELK partition per band)
// orders each band to reduce crossings and suggests x; here each band is then spaced by its labels'
// widths so no two labels of a band overlap, and kept inside the width the screen gives it.
// elkjs was chosen by measurement on the real families (docs/explorer.md#lineage): fewest crossings.
import type { ElkNode } from "elkjs/lib/elk-api";

export interface BandInput {
  level: number;
  /** Patterns of the band's page (any order: ELK decides it). */
  slugs: string[];
  /** Group node ids for the patterns before and after the page, drawn at the band's ends. */
  before?: string;
  after?: string;
}

export interface PlaceOptions {
  /** Width (px) of each node's label box. */
  widthOf(id: string): number;
  /** Horizontal room between two label boxes (px). */
  gap: number;
  /** Vertical distance between bands (graph units = px at a fit of scale 1). */
  bandHeight: number;
  /** Widest a band's node centres may spread (px); a band ELK spreads wider is packed instead. */
  budget: number;
}

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
let elkInstance: Promise<Elk> | null = null;

/** elkjs (about 1.6 MB) is loaded with the first lineage, never for the other views. */
function elk(): Promise<Elk> {
  elkInstance ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK() as unknown as Elk);
  return elkInstance;
}

/** Centre span of a row of boxes packed side by side with `gap` between them. */
export function packedSpan(widths: readonly number[], gap: number): number {
  let span = 0;
  for (let i = 1; i < widths.length; i++) span += (widths[i - 1]! + widths[i]!) / 2 + gap;
  return span;
}

/**
 * Spaces one band: keeps the order and, where they leave room, the desired x; pushes boxes apart
 * where they would overlap, then moves the band back so it is centred where ELK wanted it, and
 * inside [-budget/2, budget/2].
 */
export function spaceBand(ids: readonly string[], desired: readonly number[], widthOf: (id: string) => number, gap: number, budget: number): number[] {
  if (!ids.length) return [];
  const widths = ids.map(widthOf);
  const span = packedSpan(widths, gap);
  const x = [...desired];
  for (let i = 1; i < x.length; i++) x[i] = Math.max(x[i]!, x[i - 1]! + (widths[i - 1]! + widths[i]!) / 2 + gap);
  if (x[x.length - 1]! - x[0]! > budget) {
    // ELK spread it wider than the screen: pack it, centred.
    let at = -span / 2;
    return widths.map((w, i) => {
      if (i > 0) at += (widths[i - 1]! + w) / 2 + gap;
      return at;
    });
  }
  const shift = desired.reduce((s, d, i) => s + d - x[i]!, 0) / x.length;
  let out = x.map((v) => v + shift);
  const low = -budget / 2 - out[0]!;
  const high = budget / 2 - out[out.length - 1]!;
  if (low > 0) out = out.map((v) => v + low);
  else if (high < 0) out = out.map((v) => v + high);
  return out;
}

/** Positions (graph units, y up) of every band member and group node. */
export async function placeLineage(
  bands: readonly BandInput[],
  edges: readonly { parent: string; child: string }[],
  options: PlaceOptions,
): Promise<Map<string, { x: number; y: number }>> {
  const levels = bands.map((b) => b.level);
  const minLevel = Math.min(...levels);
  const member = new Map<string, number>();
  for (const band of bands) for (const slug of band.slugs) member.set(slug, band.level);
  const drawn = edges.filter((e) => member.has(e.parent) && member.has(e.child) && member.get(e.parent)! < member.get(e.child)!);
  const graph: ElkNode = {
    id: "lineage",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.partitioning.activate": "true",
      "elk.spacing.nodeNode": String(options.gap),
      "elk.layered.spacing.nodeNodeBetweenLayers": String(options.bandHeight),
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
    },
    children: bands.flatMap((band) =>
      band.slugs.map((slug) => ({
        id: slug,
        width: options.widthOf(slug),
        height: 16,
        layoutOptions: { "elk.partitioning.partition": String(band.level - minLevel) },
      })),
    ),
    edges: drawn.map((e, i) => ({ id: `e${i}`, sources: [e.parent], targets: [e.child] })),
  };
  const laid = await (await elk()).layout(graph);
  const elkX = new Map((laid.children ?? []).map((c) => [c.id, (c.x ?? 0) + (c.width ?? 0) / 2]));
  const centre = ((laid.width ?? 0) as number) / 2;
  const positions = new Map<string, { x: number; y: number }>();
  const rootIndex = levels.indexOf(0);
  bands.forEach((band, index) => {
    const ordered = [...band.slugs].sort((a, b) => elkX.get(a)! - elkX.get(b)!);
    const ids = [...(band.before ? [band.before] : []), ...ordered, ...(band.after ? [band.after] : [])];
    const desired = ordered.map((slug) => elkX.get(slug)! - centre);
    // Group nodes sit just beyond the band's ends.
    const first = desired[0] ?? 0;
    const last = desired[desired.length - 1] ?? 0;
    const want = [...(band.before ? [first - 1] : []), ...desired, ...(band.after ? [last + 1] : [])];
    const xs = spaceBand(ids, want, options.widthOf, options.gap, options.budget);
    ids.forEach((id, i) => positions.set(id, { x: xs[i]!, y: (rootIndex - index) * options.bandHeight }));
  });
  return positions;
}
