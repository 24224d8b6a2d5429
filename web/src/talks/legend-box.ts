// The exports' legend box (what the colours mean), laid out once: the SVG export writes it as
// shapes and the PNG export paints it on a 2D canvas, from the same rows and the same geometry.

export interface LegendRow {
  kind: "node" | "link";
  label: string;
  color: string;
}

export interface Legend {
  rows: LegendRow[];
}

export interface LegendRowLayout extends LegendRow {
  /** A node row's disc (centre and radius); a link row's stroke runs from x1 to x2 at cy. */
  mark: { cx: number; cy: number; r: number; x1: number; x2: number; stroke: number };
  /** The label's baseline start. */
  text: { x: number; y: number };
}

export interface LegendLayout {
  box: { x: number; y: number; width: number; height: number; radius: number; border: number };
  fontSize: number;
  font: string;
  rows: LegendRowLayout[];
}

/**
 * The legend box 16 px in from `origin` (the output's top left corner) and its rows, in the
 * output's units: `unit` of them per output pixel (1 for a PNG drawn in CSS pixels).
 */
export function legendLayout(legend: Legend, fontFamily: string, origin: { x: number; y: number }, unit: number, measure: (text: string, font: string) => number): LegendLayout {
  const fontSize = 15 * unit;
  const row = fontSize * 1.6;
  const pad = 12 * unit;
  const font = `500 ${fontSize}px ${fontFamily}`;
  const width = pad * 3 + 26 * unit + Math.max(0, ...legend.rows.map((r) => measure(r.label, font)));
  const height = pad * 2 + row * legend.rows.length - (row - fontSize);
  const x0 = origin.x + 16 * unit;
  const y0 = origin.y + 16 * unit;
  const rows = legend.rows.map((r, i) => {
    const cy = y0 + pad + i * row + fontSize * 0.5;
    return { ...r, mark: { cx: x0 + pad + 9 * unit, cy, r: 6 * unit, x1: x0 + pad, x2: x0 + pad + 20 * unit, stroke: 3 * unit }, text: { x: x0 + pad * 2 + 22 * unit, y: cy + fontSize * 0.35 } };
  });
  return { box: { x: x0, y: y0, width, height, radius: 8 * unit, border: unit }, fontSize, font, rows };
}

/** Paints a laid-out legend on a 2D canvas (in the context's current units). */
export function paintLegend(ctx: CanvasRenderingContext2D, layout: LegendLayout, colors: { box: string; border: string; label: string }): void {
  const { box } = layout;
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, box.radius);
  ctx.fillStyle = colors.box;
  ctx.fill();
  ctx.lineWidth = box.border;
  ctx.strokeStyle = colors.border;
  ctx.stroke();
  ctx.font = layout.font;
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  for (const row of layout.rows) {
    const { mark } = row;
    ctx.beginPath();
    if (row.kind === "node") {
      ctx.arc(mark.cx, mark.cy, mark.r, 0, Math.PI * 2);
      ctx.fillStyle = row.color;
      ctx.fill();
    } else {
      ctx.moveTo(mark.x1, mark.cy);
      ctx.lineTo(mark.x2, mark.cy);
      ctx.lineWidth = mark.stroke;
      ctx.lineCap = "round";
      ctx.strokeStyle = row.color;
      ctx.stroke();
    }
    ctx.fillStyle = colors.label;
    ctx.fillText(row.label, row.text.x, row.text.y);
  }
  ctx.restore();
}
