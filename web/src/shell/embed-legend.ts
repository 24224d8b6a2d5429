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

/**
 * The embed's legend box is at most 55% of the stage high (styles.css) and its list scrolls inside
 * it: cut at that height, the box ended in the middle of a row (a wide embed showed half of its last
 * domain). This keeps the list's visible height at the end of the last row that fits whole, so the
 * box ends between rows, and marks the box `legend--more` while rows are left below (a shade at its
 * bottom says the list scrolls). Worked out again whenever the legend is rendered or the page resized.
 */
export function keepLegendRowsWhole(box: HTMLElement, list: HTMLElement): void {
  let pending = 0;
  const fit = () => {
    pending = 0;
    list.style.maxHeight = "";
    const room = list.clientHeight;
    const more = list.scrollHeight > room + 1;
    box.classList.toggle("legend--more", more);
    if (!more || room === 0) return;
    const style = getComputedStyle(list);
    const padTop = parseFloat(style.paddingTop) || 0;
    const padBottom = parseFloat(style.paddingBottom) || 0;
    const top = list.getBoundingClientRect().top - list.scrollTop;
    // Rows and section titles (a hidden one has no box), in the list's own pixels from its top edge.
    const rows = [...list.querySelectorAll<HTMLElement>("li, h2, h3, h4")].map((row) => row.getBoundingClientRect()).filter((r) => r.height > 0);
    let end = padTop;
    for (const r of rows) if (r.bottom - top <= room - padBottom && r.bottom - top > end) end = r.bottom - top;
    // The list's padding scrolls with its rows: it ends before the next row begins, or a sliver of that row shows.
    const next = Math.min(...rows.map((r) => r.top - top).filter((t) => t >= end));
    list.style.maxHeight = `${Math.min(Math.ceil(end + padBottom), Math.floor(next))}px`;
  };
  const schedule = () => {
    if (!pending) pending = requestAnimationFrame(fit);
  };
  new MutationObserver(schedule).observe(list, { childList: true, subtree: true });
  window.addEventListener("resize", schedule);
  schedule();
}
