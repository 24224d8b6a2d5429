// Where an embed's floating legend covers the graph, as insets the camera's fit keeps clear of. The
// legend floats bottom left (styles.css, "embed: the graph alone"): on a wide embed (a slide) it
// takes a column on the left; on a narrow or upright one (a phone, a sidebar iframe) it spans most
// of the width, so it takes a band at the bottom instead, and the graph is fitted above it.

/** Below this width, or on a stage taller than wide, the legend is a band at the bottom. */
const NARROW_EMBED = 600;

export interface LegendInsets {
  left: number;
  bottom: number;
}

/** `below`: what already covers the stage's bottom (the bottom sheet); the legend's band adds to it. */
export function embedLegendInsets(shown: boolean, legend: HTMLElement, stage: HTMLElement, below = 0): LegendInsets {
  if (!shown || !legend.offsetWidth) return { left: 0, bottom: below };
  const upright = stage.clientWidth < NARROW_EMBED || stage.clientHeight > stage.clientWidth;
  return upright ? { left: 0, bottom: below + legend.offsetHeight + 10 } : { left: legend.offsetWidth + 10, bottom: below };
}
