// The logic of presentation mode, free of any DOM: a path or a lineage becomes an ordered list of
// steps (each introducing one pattern and the link that reaches it, with a caption such as
// "A —enables→ B"), and a stepper maps the keys a keyboard or a presentation clicker sends to moves.
import type { Lineage, LinkView, PathView } from "../types.ts";

export interface PresentationStep {
  /** The pattern this step introduces: highlighted and centred. */
  slug: string;
  /** Keys (in the view's graph) of the links this step adds; empty for the first step. */
  edges: string[];
  /** The already-shown patterns those links come from. */
  from: string[];
  /** One line, e.g. "Feature Toggles —enables→ Trunk-Based Development". */
  caption: string;
  /** Patterns and links shown so far, this step's included: what stays highlighted. */
  nodesSoFar: string[];
  edgesSoFar: string[];
}

export type TitleOf = (slug: string) => string;

/** "generalizes_from" -> "generalizes from". */
const typeLabel = (type: string): string => type.replace(/_/g, " ");

/** One link read from `from` towards the other end: "—enables→", "←requires—" or "—related—". */
export function linkArrow(link: Pick<LinkView, "source" | "type" | "directed">, from: string): string {
  const label = typeLabel(link.type);
  if (!link.directed) return `—${label}—`;
  return link.source === from ? `—${label}→` : `←${label}—`;
}

function withCumulative(steps: Omit<PresentationStep, "nodesSoFar" | "edgesSoFar">[]): PresentationStep[] {
  const nodes: string[] = [];
  const edges: string[] = [];
  return steps.map((step) => {
    if (!nodes.includes(step.slug)) nodes.push(step.slug);
    for (const edge of step.edges) if (!edges.includes(edge)) edges.push(edge);
    return { ...step, nodesSoFar: [...nodes], edgesSoFar: [...edges] };
  });
}

/**
 * One step per pattern of the path: the start, then each hop with every link the API listed for it
 * (a hop may be traversed against a link's declared direction, and may have several links).
 */
export function stepsFromPath(path: Pick<PathView, "nodes" | "links" | "length">, title: TitleOf): PresentationStep[] {
  if (path.nodes.length === 0) return [];
  const first = path.nodes[0]!;
  const last = path.nodes[path.nodes.length - 1]!;
  const steps: Omit<PresentationStep, "nodesSoFar" | "edgesSoFar">[] = [
    {
      slug: first,
      edges: [],
      from: [],
      caption: path.nodes.length > 1 ? `${title(first)}: the path to ${title(last)} in ${path.length} ${path.length === 1 ? "step" : "steps"}` : title(first),
    },
  ];
  for (let hop = 0; hop + 1 < path.nodes.length; hop++) {
    const a = path.nodes[hop]!;
    const b = path.nodes[hop + 1]!;
    const links = path.links.filter((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));
    const arrows = links.length ? links.map((l) => linkArrow(l, a)).join(" / ") : "—";
    steps.push({ slug: b, edges: links.map((l) => l.id), from: [a], caption: `${title(a)} ${arrows} ${title(b)}` });
  }
  return withCumulative(steps);
}

/** The lineage view's edge key for a parent -> child fact (see web/src/views/lineage.ts). */
export const lineageEdgeKey = (parent: string, child: string): string => `${parent}>${child}`;

/**
 * The lineage top-down: start at the highest ancestor, then repeatedly take, among the patterns
 * linked to one already shown, the highest (lowest level), ties by title; so every step after the
 * first arrives through a visible link, even with several parents.
 */
export function stepsFromLineage(lineage: Lineage, title: TitleOf, edgeKey = lineageEdgeKey): PresentationStep[] {
  const byLevel = (a: { slug: string; level: number }, b: { slug: string; level: number }) =>
    a.level - b.level || title(a.slug).localeCompare(title(b.slug)) || a.slug.localeCompare(b.slug);
  const remaining = [...lineage.nodes].sort(byLevel);
  if (remaining.length === 0) return [];
  const shown = new Set<string>();
  const steps: Omit<PresentationStep, "nodesSoFar" | "edgesSoFar">[] = [];
  while (remaining.length) {
    const linked = (slug: string) => lineage.edges.filter((e) => (e.child === slug && shown.has(e.parent)) || (e.parent === slug && shown.has(e.child)));
    const index = Math.max(0, remaining.findIndex((n) => linked(n.slug).length > 0));
    const node = remaining.splice(shown.size === 0 ? 0 : index, 1)[0]!;
    const edges = linked(node.slug);
    const caption = edges.length
      ? edges.map((e) => `${title(e.parent)} —specializes to→ ${title(e.child)}`).join(" · ")
      : shown.size === 0
        ? `${title(node.slug)}: the top of this lineage`
        : title(node.slug);
    steps.push({
      slug: node.slug,
      edges: edges.map((e) => edgeKey(e.parent, e.child)),
      from: edges.map((e) => (e.parent === node.slug ? e.child : e.parent)),
      caption,
    });
    shown.add(node.slug);
  }
  return withCumulative(steps);
}

// ------------------------------------------------------------------------------------------------
// Stepping

export const STEP_COMMANDS = ["next", "previous", "first", "last", "exit"] as const;
export type StepCommand = (typeof STEP_COMMANDS)[number];

/** Keyboard keys (KeyboardEvent.key) per command; clickers send PageDown/PageUp or the arrows. */
export const STEP_KEYS: Readonly<Record<StepCommand, readonly string[]>> = {
  next: ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"],
  previous: ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"],
  first: ["Home"],
  last: ["End"],
  exit: ["Escape"],
};

export function commandForKey(key: string): StepCommand | null {
  for (const command of STEP_COMMANDS) if (STEP_KEYS[command].includes(key)) return command;
  return null;
}

export interface Stepper {
  readonly index: number;
  readonly total: number;
  readonly step: PresentationStep | null;
  go(index: number): void;
  run(command: StepCommand): void;
  /** Runs the key's command; false when the key means nothing here (let the page have it). */
  handleKey(key: string): boolean;
}

export interface StepperHandlers {
  /** Called on every move (and once at creation) with the step now shown. */
  onStep(step: PresentationStep, index: number, total: number): void;
  onExit(): void;
}

/** A cursor over the steps; moves past either end stay at the end (no wrap-around mid-talk). */
export function createStepper(steps: readonly PresentationStep[], handlers: StepperHandlers, start = 0): Stepper {
  let index = Math.min(Math.max(0, start), Math.max(0, steps.length - 1));
  const show = () => {
    const step = steps[index];
    if (step) handlers.onStep(step, index, steps.length);
  };
  const stepper: Stepper = {
    get index() {
      return index;
    },
    get total() {
      return steps.length;
    },
    get step() {
      return steps[index] ?? null;
    },
    go(next) {
      const clamped = Math.min(Math.max(0, next), Math.max(0, steps.length - 1));
      if (clamped === index) return;
      index = clamped;
      show();
    },
    run(command) {
      switch (command) {
        case "next":
          stepper.go(index + 1);
          break;
        case "previous":
          stepper.go(index - 1);
          break;
        case "first":
          stepper.go(0);
          break;
        case "last":
          stepper.go(steps.length - 1);
          break;
        case "exit":
          handlers.onExit();
          break;
      }
    },
    handleKey(key) {
      const command = commandForKey(key);
      if (!command) return false;
      stepper.run(command);
      return true;
    },
  };
  show();
  return stepper;
}
