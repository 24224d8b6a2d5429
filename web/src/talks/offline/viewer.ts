// Entry of the offline viewer bundle (built by web/vite.offline.config.ts as one IIFE with sigma and
// graphology inside): reads the snapshot JSON embedded in the page and draws it with the explorer's
// own renderer, so colours, labels, hover and emphasis behave as they did on screen. Pan, zoom,
// hover, click for a details card; no network, every piece of data set as text.
// Longer than 400 lines because the fit around the header, steps bar and legend and the list of unlabelled lit patterns share the page's state; that list is the next split.
import { createAtlasGraph } from "../../graph/atlas-graph.ts";
import { linkWording } from "../../graph/palette.ts";
import { GraphRenderer } from "../../graph/renderer.ts";
import { applyTheme, currentTheme } from "../../theme.ts";
import { OFFLINE_DATA_ID, parseOfflineSnapshot, type OfflineSnapshot } from "../offline-html.ts";
import { createStepper, type PresentationStep } from "../presentation-steps.ts";
import { widenTree } from "../widen-tree.ts";

export interface OfflineHook {
  ready: boolean;
  frames: number;
  error: string | null;
  selected(): string | null;
  nodes(): string[];
  nodePosition(slug: string): { x: number; y: number } | null;
  /** Where the walk through a path or lineage is (null: the file has no steps); `nodes`: the patterns it lights so far. */
  step(): { index: number; total: number; slug: string; caption: string; nodes: readonly string[] } | null;
  /** The label boxes of the last frame, in the page's pixels (the tests check them against the file's header and bars). */
  labelBoxes(): { key: string; label: string; x: number; y: number; width: number; height: number }[];
  /** The pattern a name in the steps bar's list of unlabelled patterns lit (null: none). */
  highlighted(): string | null;
}

declare global {
  interface Window {
    __atlasOffline?: OfflineHook;
  }
}

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A colour sample; the colour goes through the CSSOM, never through markup. */
function swatch(className: string, color: string): HTMLSpanElement {
  const span = el("span", { class: className, attrs: { "aria-hidden": "true" } });
  span.style.background = color;
  return span;
}

function button(label: string, text: string, onClick: () => void, className = "offline__button"): HTMLButtonElement {
  const b = el("button", { class: className, text, attrs: { type: "button", "aria-label": label, title: label } });
  b.addEventListener("click", onClick);
  return b;
}

/** Only http(s) links may leave the file; anything else (javascript:, data:) is dropped. */
function safeHttpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function start(root: HTMLElement, snapshot: OfflineSnapshot, hook: OfflineHook): void {
  applyTheme(snapshot.theme);
  root.replaceChildren();
  root.removeAttribute("aria-busy");
  const graphEl = el("div", { class: "offline__graph", attrs: { role: "img", "aria-label": `Graph: ${snapshot.title}` } });
  const tooltip = el("div", { class: "offline__tooltip", attrs: { role: "tooltip" } });
  tooltip.hidden = true;
  const card = el("aside", { class: "offline__card", attrs: { "aria-label": "Pattern details", "aria-live": "polite" } });
  card.hidden = true;
  root.append(graphEl, tooltip, card);

  const graph = createAtlasGraph();
  graph.import(snapshot.graph);
  const turned = turnUpright(graph, snapshot.mode);
  const title = (slug: string) => (graph.hasNode(slug) ? graph.getNodeAttribute(slug, "title") || slug : slug);
  let selected: string | null = null;
  // What runs once a frame has settled (the steps bar's list of lit patterns left unlabelled).
  let afterRest = () => {};

  const lineage = snapshot.mode === "lineage";
  const wording = (linkType: string, direction: "out" | "in") =>
    lineage ? (direction === "out" ? "parent of" : "child of") : linkWording(linkType, direction);

  const select = (slug: string | null) => {
    selected = slug && graph.hasNode(slug) ? slug : null;
    renderer.setSelected(selected);
    renderCard();
  };

  const renderer = new GraphRenderer(graphEl, {
    clickNode: (slug) => select(slug),
    doubleClickNode: (slug) => {
      select(slug);
      renderer.centreOn(slug, 0.5);
    },
    clickStage: () => select(null),
    cameraChanged: () => {},
    hoverEdge: (edge, x, y) => {
      if (!edge) {
        tooltip.hidden = true;
        return;
      }
      tooltip.replaceChildren(el("strong", { text: title(edge.source) }), ` ${wording(edge.attrs.linkType, "out")} `, el("strong", { text: title(edge.target) }));
      tooltip.hidden = false;
      tooltip.style.transform = `translate(${Math.round(x + 14)}px, ${Math.round(y + 14)}px)`;
    },
    rendered: (count, atRest) => {
      hook.frames++;
      if (count > 0) hook.ready = true;
      if (atRest) afterRest();
    },
  });

  function renderCard(): void {
    if (!selected) {
      card.hidden = true;
      card.replaceChildren();
      return;
    }
    const slug = selected;
    const attrs = graph.getNodeAttributes(slug);
    const detail = snapshot.details[slug] ?? {};
    const facts = [attrs.domain ? `Domain: ${attrs.domain}` : null, detail.status ? `Status: ${detail.status}` : null, `${attrs.degree} links in the library`]
      .filter((x): x is string => x !== null)
      .join(" · ");
    const groups = new Map<string, { slug: string; edge: string }[]>();
    graph.forEachEdge(slug, (edge, edgeAttrs, source, target) => {
      const out = source === slug;
      const label = wording(edgeAttrs.linkType, out ? "out" : "in");
      const list = groups.get(label) ?? [];
      list.push({ slug: out ? target : source, edge });
      groups.set(label, list);
    });
    const page = safeHttpUrl(detail.pageUrl);
    const parts: Child[] = [
      button("Close details", "×", () => select(null), "offline__close"),
      el("h2", { text: attrs.title || slug }),
      el("p", { class: "offline__facts", text: facts }),
      detail.summary ? el("p", { text: detail.summary }) : null,
      page ? el("p", {}, el("a", { text: "Pattern page (needs a network)", attrs: { href: page, target: "_blank", rel: "noopener noreferrer" } })) : null,
      ...[...groups.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .flatMap(([label, items]) => [
          el("h3", { text: label }),
          el(
            "ul",
            {},
            ...items
              .sort((a, b) => title(a.slug).localeCompare(title(b.slug)))
              .map((item) => {
                const b = el("button", { class: "offline__link", text: title(item.slug), attrs: { type: "button", "data-slug": item.slug } });
                b.addEventListener("click", () => {
                  select(item.slug);
                  renderer.centreOn(item.slug);
                });
                return el("li", {}, b);
              }),
          ),
        ]),
      groups.size === 0 ? el("p", { class: "offline__facts", text: "No links to other patterns in this snapshot." }) : null,
    ];
    card.replaceChildren(...parts.filter((part): part is Node | string => Boolean(part)));
    card.hidden = false;
  }

  // ---- header, legend, tools
  const meta = `Offline snapshot of ${formatDate(snapshot.createdAt)}${snapshot.sourceUrl ? ` · from ${snapshot.sourceUrl}` : ""}`;
  root.append(
    el(
      "header",
      { class: "offline__header" },
      el("h1", { class: "offline__title", text: snapshot.title }),
      snapshot.subtitle ? el("p", { class: "offline__subtitle", text: snapshot.subtitle }) : null,
      el("p", { class: "offline__meta", text: meta }),
    ),
  );
  if (snapshot.linkTypes.length || snapshot.domains.length) {
    root.append(
      el(
        "section",
        { class: "offline__legend", attrs: { "aria-label": "Legend" } },
        snapshot.linkTypes.length ? el("h2", { text: "Links" }) : null,
        snapshot.linkTypes.length
          ? el("ul", {}, ...snapshot.linkTypes.map((t) => el("li", {}, swatch("offline__swatch", t.color), t.label)))
          : null,
        snapshot.domains.length ? el("h2", { text: "Domains" }) : null,
        snapshot.domains.length
          ? el("ul", {}, ...snapshot.domains.map((d) => el("li", {}, swatch("offline__dot", d.color), d.domain)))
          : null,
      ),
    );
  }
  root.append(
    el(
      "div",
      { class: "offline__tools", attrs: { role: "group", "aria-label": "View" } },
      button("Zoom in", "+", () => renderer.zoom(1 / 1.5)),
      button("Zoom out", "−", () => renderer.zoom(1.5)),
      button("Fit graph to screen", "⤢", () => renderer.fit()),
      button("Switch theme", "◐", () => {
        applyTheme(currentTheme() === "dark" ? "light" : "dark");
        renderer.refreshTheme();
      }),
    ),
  );

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") select(null);
    else if (event.key === "+" || event.key === "=") renderer.zoom(1 / 1.5);
    else if (event.key === "-") renderer.zoom(1.5);
    else if (event.key === "0") renderer.fit();
  });
  graphEl.addEventListener("mouseleave", () => (tooltip.hidden = true));

  renderer.setFocus(snapshot.focus);
  const stepped = Boolean(snapshot.steps?.length);
  renderer.setGraph(graph, snapshot.style, turned || stepped ? null : snapshot.camera);
  renderer.setEmphasis(snapshot.emphasis ? { nodes: new Set(snapshot.emphasis.nodes), edges: new Set(snapshot.emphasis.edges) } : null);
  select(snapshot.selected);
  hook.step = () => null;
  if (snapshot.steps?.length) {
    afterRest = installSteps(root, snapshot.steps, renderer, hook, title);
    keepCardBelow(card, root.querySelector<HTMLElement>(".offline__steps")!);
  }
  // The header, legend, tools and steps bar float over the graph: no label goes under them, and a
  // walk through a path or lineage is fitted between them (the saved camera was the explorer's
  // stage's, whose top parents' labels fell under this file's header, and a phone's path ends under
  // its bars).
  const chrome = [".offline__header", ".offline__legend", ".offline__tools", ".offline__steps"]
    .map((selector) => root.querySelector<HTMLElement>(selector))
    .filter((element): element is HTMLElement => element !== null);
  renderer.setLabelObstacles(chrome);
  let unwiden = () => {};
  const fitBetweenBars = () => {
    keepBetweenBars(graphEl, chrome, renderer);
    // A lineage is spread sideways to the box's shape, as presentation mode does: its bands were
    // spaced for the explorer's stage beside its outline and panel, and crowded its labels out here.
    // sigma frames the graph by its size and extent as of its last render: the box's new size (and
    // the widened tree) are rendered first; then the fit, at once (a click right after "ready"
    // lands where it aims, as it did with the saved camera).
    renderer.sigma.resize(true);
    unwiden();
    if (stepped && snapshot.mode === "lineage") unwiden = widenTree(graph, renderer.sigma.getDimensions());
    renderer.sigma.refresh();
    renderer.setCamera(null, false);
  };
  if (turned || stepped) fitBetweenBars();
  // The steps bar's list of unlabelled patterns, opened or closed, changes the bar's height: the walk
  // is fitted again between the bars (opened on a phone, the list lay over the tree).
  root.querySelector(".offline__names-toggle")?.addEventListener("click", fitBetweenBars);

  hook.selected = () => selected;
  hook.nodes = () => graph.nodes();
  hook.nodePosition = (slug) => renderer.nodeViewportPosition(slug);
  hook.labelBoxes = () => {
    const origin = graphEl.getBoundingClientRect();
    return renderer.labelBoxes().map((b) => ({ key: b.key, label: b.label, x: b.minX + origin.left, y: b.minY + origin.top, width: b.maxX - b.minX, height: b.maxY - b.minY }));
  };
}

/**
 * A path saved on a wide screen runs left to right; opened on a screen taller than wide (a phone)
 * it is turned a quarter, the start at the top and every label below its node, as the explorer
 * draws paths there (layout/path-layout.ts): left to right, a phone drew it a third of the screen's
 * height with the ends' boxed labels over each other. Returns whether it turned the graph.
 */
function turnUpright(graph: ReturnType<typeof createAtlasGraph>, mode: string): boolean {
  if (mode !== "path" || window.innerHeight <= window.innerWidth || graph.order < 2) return false;
  const xs = graph.mapNodes((_, a) => a.x);
  const ys = graph.mapNodes((_, a) => a.y);
  if (Math.max(...xs) - Math.min(...xs) <= Math.max(...ys) - Math.min(...ys)) return false;
  graph.updateEachNodeAttributes((_, a) => ({ ...a, x: a.y, y: -a.x, labelAbove: false }));
  return true;
}

/**
 * A walk through a path or lineage (and a path turned upright) is fitted between what floats at the
 * top of the window (the header; the steps bar on a wide screen) and at its bottom (the steps bar on
 * a phone, the tools): the graph's box goes between them (sigma reads its new size on the resize
 * event); the caller fits it. The legend, bottom left on a wide screen, is kept clear as a column
 * on the left (as a band at the bottom it took a quarter of the height from a tree's bands). Left
 * as it is where the bars take most of the height.
 */
function keepBetweenBars(graphEl: HTMLElement, chrome: readonly HTMLElement[], renderer: GraphRenderer): void {
  const height = window.innerHeight;
  let top = 0;
  let bottom = 0;
  let left = 0;
  for (const element of chrome) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (element.classList.contains("offline__legend")) left = box.right + 4;
    else if (box.top + box.height / 2 < height / 2) top = Math.max(top, box.bottom + 4);
    else bottom = Math.max(bottom, height - box.top + 4);
  }
  if (top + bottom > height * 0.7) return;
  graphEl.style.top = `${top}px`;
  graphEl.style.bottom = `${bottom}px`;
  window.dispatchEvent(new Event("resize"));
  if (left > 0 && left < window.innerWidth * 0.4) renderer.setInsets(0, 0, left, 0);
}

/**
 * On a wide screen the steps bar and the details card both hold the top right: the card goes below
 * the bar (its title was under it), and follows it as a longer caption makes the bar taller. On a
 * phone the bar is at the bottom and the card a bottom sheet: nothing moves.
 */
function keepCardBelow(card: HTMLElement, steps: HTMLElement): void {
  const place = () => {
    const box = steps.getBoundingClientRect();
    const atTop = box.height > 0 && box.top < window.innerHeight / 2;
    card.style.top = atTop ? `${Math.round(box.bottom + 8)}px` : "";
    card.style.maxHeight = atTop ? `calc(100% - ${Math.round(box.bottom + 8 + 60)}px)` : "";
  };
  new ResizeObserver(place).observe(steps);
  window.addEventListener("resize", place);
  place();
}

/**
 * Steps through the path or lineage as presentation mode does: each step lights the patterns and
 * links shown so far and says the new link in words; the arrows, Page Up/Down (clickers), Home and
 * End move, and so do the two buttons of the caption bar.
 */
function installSteps(
  root: HTMLElement,
  steps: OfflineSnapshot["steps"] & object,
  renderer: GraphRenderer,
  hook: OfflineHook,
  title: (slug: string) => string,
): () => void {
  const count = el("span", { class: "offline__step-count" });
  const text = el("p", { class: "offline__step-text", attrs: { "aria-live": "polite" } });
  const previous = button("Previous step", "‹", () => stepper.run("previous"));
  const next = button("Next step", "›", () => stepper.run("next"));
  const names = unnamedList(renderer, hook, title);
  root.append(el("div", { class: "offline__steps", attrs: { role: "group", "aria-label": "Steps" } }, previous, count, next, text, names.toggle, names.list));
  const walk: PresentationStep[] = steps.map((s) => ({ ...s, edges: [], from: [] }));
  const stepper = createStepper(walk, {
    onStep: (step, index, total) => {
      count.textContent = `${index + 1} / ${total}`;
      text.textContent = step.caption;
      previous.disabled = index === 0;
      next.disabled = index === total - 1;
      renderer.setEmphasis({ nodes: new Set(step.nodesSoFar), edges: new Set(step.edgesSoFar) });
      renderer.setSelected(step.slug);
      names.reset();
    },
    // Esc closes the details card here; there is no presentation to leave.
    onExit: () => {},
  });
  hook.step = () => {
    const step = stepper.step;
    return step ? { index: stepper.index, total: stepper.total, slug: step.slug, caption: step.caption, nodes: [...step.nodesSoFar] } : null;
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Escape") return;
    if (event.target instanceof HTMLElement && event.target.closest("button") && (event.key === " " || event.key === "Enter")) return;
    if (stepper.handleKey(event.key)) event.preventDefault();
  });
  return () => names.update(stepper.step?.nodesSoFar ?? []);
}

/**
 * The lit patterns the graph has no room to label (a six-wide tree on a phone's 390 px labels a
 * few of its 27), named in a list that opens from the steps bar: "21 more lit, unlabelled" and,
 * opened, their titles in the tree's order from the top; a tap on one lights its node (and the
 * details card, on a second tap, as a click on the node does). Rebuilt only when the set changes.
 */
function unnamedList(renderer: GraphRenderer, hook: OfflineHook, title: (slug: string) => string) {
  const toggle = el("button", { class: "offline__names-toggle", attrs: { type: "button", "aria-expanded": "false" } });
  const list = el("ul", { class: "offline__names", attrs: { "aria-label": "Lit patterns without a label" } });
  toggle.hidden = true;
  list.hidden = true;
  let shown = "";
  let highlighted: string | null = null;
  hook.highlighted = () => highlighted;
  // Registered before the viewer's own listener, so the bar has its new height when the walk is fitted again.
  toggle.addEventListener("click", () => {
    list.hidden = !list.hidden;
    toggle.setAttribute("aria-expanded", String(!list.hidden));
  });
  const update = (lit: readonly string[]) => {
    const labelled = new Set(renderer.labelBoxes().map((b) => b.key));
    const at = (slug: string) => renderer.nodeViewportPosition(slug) ?? { x: 0, y: 0 };
    // The lit one stays where it was (its label, raised, would take it out from under the finger).
    const unnamed = lit.filter((slug) => slug === highlighted || !labelled.has(slug)).sort((a, b) => at(a).y - at(b).y || at(a).x - at(b).x);
    const key = unnamed.join("\n");
    if (key === shown) return;
    shown = key;
    toggle.hidden = unnamed.length === 0;
    if (unnamed.length === 0) list.hidden = true;
    toggle.textContent = `${unnamed.length} more lit, unlabelled`;
    list.replaceChildren(
      ...unnamed.map((slug) => {
        const name = el("button", { class: "offline__link", text: title(slug), attrs: { type: "button", "data-slug": slug } });
        if (slug === highlighted) name.setAttribute("aria-current", "true");
        name.addEventListener("click", () => {
          highlighted = slug;
          renderer.setSelected(slug);
          for (const other of list.querySelectorAll("[aria-current]")) other.removeAttribute("aria-current");
          name.setAttribute("aria-current", "true");
        });
        return el("li", {}, name);
      }),
    );
  };
  const reset = () => {
    highlighted = null;
  };
  return { toggle, list, update, reset };
}

function boot(): void {
  const hook: OfflineHook = { ready: false, frames: 0, error: null, selected: () => null, nodes: () => [], nodePosition: () => null, step: () => null, labelBoxes: () => [], highlighted: () => null };
  window.__atlasOffline = hook;
  const root = document.getElementById("atlas-offline") ?? document.body;
  try {
    const data = document.getElementById(OFFLINE_DATA_ID);
    if (!data?.textContent) throw new Error("This file holds no Pattern Atlas snapshot.");
    start(root, parseOfflineSnapshot(data.textContent), hook);
  } catch (error) {
    hook.error = error instanceof Error ? error.message : String(error);
    root.replaceChildren(el("p", { class: "offline__error", text: `The snapshot could not be shown: ${hook.error}` }));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, { once: true });
else boot();
