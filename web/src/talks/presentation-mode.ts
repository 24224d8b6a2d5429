// Presentation mode: full screen, the chrome hidden, a high-contrast stage, large labels and
// thicker marks for a projector, and (in a path or lineage view) a step-by-step walk driven by the
// arrow keys or a clicker's Page Up/Down, each step highlighting the next pattern and link with a
// caption. Leaving puts the explorer's own camera, selection and emphasis back.
import type { Settings } from "sigma/settings";
import type { CameraView } from "../state/app-state.ts";
import { h, icon } from "../ui/dom.ts";
import { levelName } from "../layout/lineage-plan.ts";
import { createStepper, lineageEdgeKey, stepsFromLineage, stepsFromPath, type PresentationStep, type Stepper } from "./presentation-steps.ts";
import type { CurrentView, TalksHost } from "./talks-host.ts";
import { describeCurrentView } from "./ui.ts";
import { widenTree } from "./widen-tree.ts";

/** sigma settings while presenting: labels and marks about 1.6 times larger. */
const PRESENTING_LABEL_SIZE = 22;
const PRESENTING_SCALE = 1.6;
/**
 * On a stage narrower than this (a phone) a presentation keeps labels at 16 px, marks at their size
 * and 40 px of padding: at 22 px and 96 px a path filled half the phone's height and its two boxed
 * labels hid the link the step was about.
 */
const NARROW_STAGE = 600;
const NARROW = { labelSize: 16, padding: 40 } as const;

export interface PresentationStatus {
  index: number;
  total: number;
  slug: string | null;
  caption: string;
  nodes: string[];
  edges: string[];
}

export interface Presentation {
  readonly active: boolean;
  start(): Promise<void>;
  stop(): void;
  /** For tests and the hook: where the walk is. */
  status(): PresentationStatus | null;
}

/** The steps the current view offers: its chosen (or first) path, or its lineage. */
export function stepsForView(current: CurrentView | null): PresentationStep[] {
  if (!current) return [];
  const { view, state } = current;
  const graph = view.graph;
  const title = (slug: string) => (graph.hasNode(slug) ? graph.getNodeAttribute(slug, "title") : slug);
  if (view.info.mode === "path") {
    const info = view.info;
    const path = info.result.paths[state.pathIndex ?? 0] ?? info.result.paths[0];
    return path ? stepsFromPath(path, (slug) => info.titles.get(slug) ?? title(slug)) : [];
  }
  if (view.info.mode === "lineage") return stepsFromLineage(view.info.lineage, title, lineageEdgeKey, view.info.plan.shown, levelName);
  return [];
}

type SavedSettings = Pick<Settings, "labelSize" | "labelWeight" | "zoomToSizeRatioFunction" | "stagePadding">;

/** A caption longer than this many characters is set in smaller type (talks.css). */
const LONG_CAPTION = 90;

/** Room around the fitted graph while presenting: labels under the outer nodes are large. */
const PRESENTING_PADDING = 96;

export function createPresentation(host: TalksHost, stage: HTMLElement): Presentation {
  let active = false;
  let enteredFullscreen = false;
  let stepper: Stepper | null = null;
  let steps: PresentationStep[] = [];
  let saved: SavedSettings | null = null;
  let savedCamera: CameraView | null = null;
  let caption = "";
  let unwiden = () => {};

  const count = h("span", { class: "talks-caption__count" });
  const text = h("p", { class: "talks-caption__text" });
  const hint = h("p", { class: "talks-caption__hint" });
  // Buttons for a touch screen (or a mouse): keys are not the only way to step.
  const stepButton = (command: "previous" | "next", label: string, text: string) => {
    const button = h("button", { class: `talks-step talks-step--${command}`, attrs: { type: "button", "aria-label": label, title: label }, text });
    button.addEventListener("click", () => stepper?.run(command));
    return button;
  };
  const back = stepButton("previous", "Previous step", "‹ Back");
  const next = stepButton("next", "Next step", "Next ›");
  const bar = h(
    "div",
    { class: "talks-caption", attrs: { role: "status", "aria-live": "polite", id: "talks-caption" } },
    h("div", { class: "talks-caption__row" }, back, count, next),
    text,
    hint,
  );
  const exitButton = h("button", { class: "icon-button talks-exit", attrs: { type: "button", "aria-label": "Leave presentation (Esc)", title: "Leave presentation (Esc)" } }, icon("close"));
  exitButton.addEventListener("click", () => presentation.stop());

  const sigma = () => host.renderer.sigma;

  /**
   * Keeps the step's pattern in view: pans to it only when it is (nearly) off the canvas, so a view
   * that fits the screen never moves under the audience's eyes.
   */
  const keepInView = (slug: string) => {
    const at = host.renderer.nodeViewportPosition(slug);
    if (!at) return;
    const { width, height } = sigma().getDimensions();
    const margin = 12;
    if (at.x < margin || at.x > width - margin || at.y < margin || at.y > height - margin) host.renderer.centreOn(slug);
  };

  /** A long caption (a lineage level's names) is set smaller, so the bar leaves the graph its room. */
  const setCaption = (line: string) => {
    text.textContent = line;
    text.classList.toggle("talks-caption__text--long", line.length > LONG_CAPTION);
  };

  /**
   * The room the caption bar takes at the stage's bottom with the tallest of `captions` in it: the
   * graph is drawn above that (talks.css), so no step's caption hides the patterns at the bottom.
   */
  const captionRoom = (captions: readonly string[]): number => {
    let tallest = 0;
    for (const line of captions) {
      setCaption(line);
      tallest = Math.max(tallest, bar.offsetHeight);
    }
    return Math.ceil(tallest + (parseFloat(getComputedStyle(bar).bottom) || 0) + 16);
  };

  const show = (step: PresentationStep, index: number, total: number) => {
    host.renderer.setEmphasis({ nodes: new Set(step.nodesSoFar), edges: new Set(step.edgesSoFar) });
    // A lineage level lights many patterns at once: none of them is boxed (a boxed label took the
    // room of its neighbours' labels, leaving lit patterns unnamed); a path's step boxes its pattern.
    host.renderer.setSelected(step.slugs && step.slugs.length > 1 ? null : step.slug);
    // The renderer schedules its redraw for the next frame; until then sigma's display cache holds
    // raw graph coordinates, so positions are read one frame later (after sigma's own callback).
    requestAnimationFrame(() => {
      if (active) keepInView(step.slug);
    });
    caption = step.caption;
    count.textContent = `${index + 1} / ${total}`;
    back.hidden = next.hidden = false;
    back.disabled = index === 0;
    next.disabled = index + 1 >= total;
    setCaption(step.caption);
    hint.textContent = index + 1 < total ? "→ or Page Down: next · ← or Page Up: back · Esc: leave" : "The end · ← or Page Up: back · Home: start again · Esc: leave";
  };

  const onKey = (event: KeyboardEvent) => {
    if (!active || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopImmediatePropagation();
      presentation.stop();
      return;
    }
    if (stepper?.handleKey(event.key)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    // The explorer's own shortcuts ("1" for the overview, "/" for search...) would pull the view from
    // under the talk; only the theme switch, Tab and the function keys get through.
    if (event.key !== "t" && event.key !== "Tab" && !/^F\d+$/.test(event.key)) event.stopImmediatePropagation();
  };

  const onFullscreenChange = () => {
    // The browser's own Esc leaves full screen first; take that as leaving the presentation too.
    if (active && enteredFullscreen && !document.fullscreenElement) presentation.stop();
  };

  const presentation: Presentation = {
    get active() {
      return active;
    },
    async start() {
      if (active) return;
      active = true;
      const current = host.current();
      steps = stepsForView(current);
      savedCamera = host.renderer.getCamera();
      const s = sigma();
      saved = {
        labelSize: s.getSetting("labelSize"),
        labelWeight: s.getSetting("labelWeight"),
        zoomToSizeRatioFunction: s.getSetting("zoomToSizeRatioFunction"),
        stagePadding: s.getSetting("stagePadding"),
      };
      document.body.classList.add("is-presenting");
      stage.append(bar, exitButton);
      window.addEventListener("keydown", onKey, true);
      document.addEventListener("fullscreenchange", onFullscreenChange);
      try {
        if (!document.fullscreenElement && document.documentElement.requestFullscreen) {
          await document.documentElement.requestFullscreen({ navigationUI: "hide" });
          enteredFullscreen = true;
        }
      } catch {
        // Full screen can be refused (an iframe without allow=fullscreen, a headless browser): present in the window.
      }
      // Nothing drawn (a pattern not found, a view without a focus): the stage's own message stays, and says why.
      const nothing = !current || current.view.graph.order === 0;
      document.body.classList.toggle("is-presenting-nothing", nothing);
      const { title, subtitle } = describeCurrentView(current, host.stats());
      stage.style.setProperty("--talks-caption-room", `${captionRoom(steps.length ? steps.map((step) => step.caption) : [title])}px`);
      // A lineage tree spaces its bands for its own labels (views/lineage.ts): larger ones would overlap.
      const spaced = current?.view.info.mode === "lineage";
      const narrow = s.getDimensions().width < NARROW_STAGE;
      s.setSettings({
        labelSize: spaced ? saved.labelSize : narrow ? NARROW.labelSize : PRESENTING_LABEL_SIZE,
        labelWeight: spaced ? saved.labelWeight : "600",
        // On a phone nodes keep their size: a tree's bands are spaced for them, a path's lanes are narrow.
        zoomToSizeRatioFunction: (ratio: number) => Math.sqrt(ratio) / (narrow ? 1 : PRESENTING_SCALE),
        // A tree keeps its own padding too: on a phone a larger one would squeeze its bands together.
        stagePadding: spaced ? saved.stagePadding : narrow ? NARROW.padding : Math.max(saved.stagePadding, PRESENTING_PADDING),
      });
      // Wait for the stage to take its full-screen size, then frame the whole view.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      // A tree fitted above the caption on a wide stage is spread sideways, so its labels have room.
      if (spaced) unwiden = widenTree(host.renderer.getGraph(), s.getDimensions());
      s.refresh();
      host.renderer.setRightInset(0);
      host.renderer.setCamera(null, false);
      if (steps.length) {
        stepper = createStepper(steps, { onStep: show, onExit: () => presentation.stop() });
      } else {
        caption = nothing ? "Nothing to present" : title;
        count.textContent = "";
        back.hidden = next.hidden = true;
        setCaption(caption);
        hint.textContent = nothing ? "This view draws no pattern · Esc: leave" : `${subtitle ? `${subtitle} · ` : ""}Step-by-step needs a path or a lineage view · Esc: leave`;
      }
    },
    stop() {
      if (!active) return;
      active = false;
      window.removeEventListener("keydown", onKey, true);
      document.removeEventListener("fullscreenchange", onFullscreenChange);
      if (enteredFullscreen && document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      enteredFullscreen = false;
      document.body.classList.remove("is-presenting", "is-presenting-nothing");
      stage.style.removeProperty("--talks-caption-room");
      bar.remove();
      exitButton.remove();
      unwiden();
      unwiden = () => {};
      if (saved) sigma().setSettings(saved);
      saved = null;
      stepper = null;
      steps = [];
      host.restoreHighlights();
      requestAnimationFrame(() => host.renderer.setCamera(savedCamera, true));
    },
    status() {
      if (!active) return null;
      const step = stepper?.step ?? null;
      return {
        index: stepper?.index ?? 0,
        total: steps.length,
        slug: step?.slug ?? null,
        caption,
        nodes: step?.nodesSoFar ?? [],
        edges: step?.edgesSoFar ?? [],
      };
    },
  };
  return presentation;
}
