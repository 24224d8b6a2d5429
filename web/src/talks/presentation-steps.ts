// The logic of presentation mode, free of any DOM: a path or a lineage becomes an ordered list of
// steps (each introducing one pattern and the link that reaches it, with a caption in words such as
// "Feature Toggles enables Trunk-Based Development."), and a stepper maps the keys a keyboard or a
// presentation clicker sends to moves. The words are the API's own (core/path-wording.ts).
import { linkVerb, stepLink } from "../../../core/path-wording.ts";
import type { Lineage, LinkView, PathView } from "../types.ts";
import { linkKey } from "../../../core/answers.ts";

export interface PresentationStep {
  /** The pattern this step introduces (of a lineage level, its most linked): highlighted and centred. */
  slug: string;
  /** Every pattern this step introduces (a whole lineage level); absent = just `slug`. */
  slugs?: string[];
  /** Keys (in the view's graph) of the links this step adds; empty for the first step. */
  edges: string[];
  /** The already-shown patterns those links come from. */
  from: string[];
  /** One sentence, e.g. "Feature Toggles enables Trunk-Based Development." */
  caption: string;
  /** Patterns and links shown so far, this step's included: what stays highlighted. */
  nodesSoFar: string[];
  edgesSoFar: string[];
}

export type TitleOf = (slug: string) => string;

/**
 * A hop as a sentence read from `from` to `to`: the most telling link's verb, then any other link of
 * the hop: "Trunk-Based Development is required by Continuous Integration, and is related to it."
 */
export function hopSentence(links: readonly LinkView[], from: string, to: string, title: TitleOf): string {
  if (!links.length) return `${title(from)}, then ${title(to)}.`;
  const main = stepLink(links);
  const others = [...new Set(links.filter((l) => l !== main).map((l) => linkVerb(l, from)))].filter((v) => v !== linkVerb(main, from));
  return `${title(from)} ${linkVerb(main, from)} ${title(to)}${others.length ? `, and ${others.join(" and ")} it` : ""}.`;
}

function withCumulative(steps: Omit<PresentationStep, "nodesSoFar" | "edgesSoFar">[]): PresentationStep[] {
  const nodes: string[] = [];
  const edges: string[] = [];
  return steps.map((step) => {
    for (const slug of step.slugs ?? [step.slug]) if (!nodes.includes(slug)) nodes.push(slug);
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
    steps.push({ slug: b, edges: links.map(linkKey), from: [a], caption: hopSentence(links, a, b, title) });
  }
  return withCumulative(steps);
}

/** The lineage view's edge key for a parent -> child fact (see web/src/views/lineage.ts). */
export const lineageEdgeKey = (parent: string, child: string): string => `${parent}>${child}`;

/** "children" -> "Children"; the level names of web/src/layout/lineage-plan.ts. */
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The lineage a level at a time, top-down: the highest ancestors, then each band below, the
 * root, its children, grandchildren... Each step brings in every pattern of its level that the
 * view draws (`shown`; all by default) and the links from the levels already shown.
 */
export function stepsFromLineage(
  lineage: Lineage,
  title: TitleOf,
  edgeKey = lineageEdgeKey,
  shown: ReadonlySet<string> | null = null,
  levelName: (level: number) => string = (level) => (level < 0 ? "ancestors" : "descendants") + ` (${level > 0 ? "+" : ""}${level})`,
): PresentationStep[] {
  const drawn = lineage.nodes.filter((n) => !shown || shown.has(n.slug));
  const levels = [...new Set(drawn.map((n) => n.level))].sort((a, b) => a - b);
  const seen = new Set<string>();
  const steps: Omit<PresentationStep, "nodesSoFar" | "edgesSoFar">[] = [];
  for (const level of levels) {
    const members = drawn
      .filter((n) => n.level === level)
      .sort((a, b) => b.degree - a.degree || title(a.slug).localeCompare(title(b.slug)) || a.slug.localeCompare(b.slug))
      .map((n) => n.slug as string);
    const inLevel = lineage.nodes.filter((n) => n.level === level).length;
    const edges = lineage.edges.filter(
      (e) => (members.includes(e.child) && (seen.has(e.parent) || members.includes(e.parent))) || (members.includes(e.parent) && seen.has(e.child)),
    );
    // The count says how many are lit when the view draws only some of the level ("1 of 32 drawn").
    const named = members.slice(0, 3).map(title);
    const rest = members.length - named.length;
    const list = `${named.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
    const count = members.length < inLevel ? `${members.length} of ${inLevel} drawn` : `${inLevel}`;
    const caption =
      level === 0
        ? steps.length === 0
          ? `${title(lineage.root)}: the top of this lineage`
          : title(lineage.root)
        : steps.length === 0 && members.length === 1 && inLevel === 1
          ? `${title(members[0]!)}: the top of this lineage`
          : `${capitalise(levelName(level))} (${count}): ${list}`;
    steps.push({
      slug: members[0]!,
      slugs: members,
      edges: edges.map((e) => edgeKey(e.parent, e.child)),
      from: [...new Set(edges.map((e) => (members.includes(e.child) ? e.parent : e.child)).filter((s) => !members.includes(s)))],
      caption,
    });
    for (const m of members) seen.add(m);
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
