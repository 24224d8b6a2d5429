// Presentation mode's logic: paths and lineages become ordered, captioned steps, and the keys a
// keyboard or a clicker sends move through them without running off either end.
import { describe, expect, it } from "vitest";
import { asSlug, type Lineage, type LinkView, type PathView } from "../../core/model.ts";
import {
  commandForKey,
  createStepper,
  hopSentence,
  stepsFromLineage,
  stepsFromPath,
  type PresentationStep,
} from "../../web/src/talks/presentation-steps.ts";

const TITLES: Record<string, string> = {
  a: "Feature Toggles",
  b: "Trunk-Based Development",
  c: "Continuous Integration",
  d: "Continuous Delivery",
  top: "Separation of Concerns",
  mid: "Modular Design",
  left: "Microservices",
  right: "Component-Based UI",
  leaf: "Micro Frontends",
};
const title = (slug: string) => TITLES[slug] ?? slug;

function link(source: string, type: string, target: string, directed = true): LinkView {
  return { source: asSlug(source), target: asSlug(target), type, directed };
}

/** a —enables→ b ←requires— c, b—c also related, c —enables→ d: three hops. */
const PATH: Pick<PathView, "nodes" | "links" | "length"> = {
  nodes: ["a", "b", "c", "d"].map(asSlug),
  links: [link("a", "enables", "b"), link("c", "requires", "b"), link("b", "related", "c", false), link("c", "enables", "d")],
  length: 3,
};

describe("steps from a path", () => {
  const steps = stepsFromPath(PATH, title);

  it("has one step per pattern, in path order", () => {
    expect(steps.map((s) => s.slug)).toEqual(["a", "b", "c", "d"]);
  });

  it("captions each hop in words, the link read in the walking direction", () => {
    expect(steps.map((s) => s.caption)).toEqual([
      "Feature Toggles: the path to Continuous Delivery in 3 steps",
      "Feature Toggles enables Trunk-Based Development.",
      "Trunk-Based Development is required by Continuous Integration, and is related to it.",
      "Continuous Integration enables Continuous Delivery.",
    ]);
  });

  it("adds each hop's links by their ids, and keeps what was shown before", () => {
    expect(steps[0]!.edges).toEqual([]);
    expect(steps[2]!.edges).toEqual(["c|requires|b", "b|related|c"]);
    expect(steps[2]!.from).toEqual(["b"]);
    expect(steps[3]!.nodesSoFar).toEqual(["a", "b", "c", "d"]);
    expect(steps[3]!.edgesSoFar).toEqual(["a|enables|b", "c|requires|b", "b|related|c", "c|enables|d"]);
  });

  it("words a hop as the API's path wording does, from either end", () => {
    expect(hopSentence([link("x", "generalizes_from", "y")], "x", "y", title)).toBe("x is a variant of y.");
    expect(hopSentence([link("x", "generalizes_from", "y")], "y", "x", title)).toBe("y is a generalization of x.");
    expect(hopSentence([link("x", "related", "y", false)], "y", "x", title)).toBe("y is related to x.");
  });

  it("gives a single step for a path of one pattern and none for an empty one", () => {
    expect(stepsFromPath({ nodes: [asSlug("a")], links: [], length: 0 }, title).map((s) => s.caption)).toEqual(["Feature Toggles"]);
    expect(stepsFromPath({ nodes: [], links: [], length: 0 }, title)).toEqual([]);
  });
});

describe("steps from a lineage", () => {
  /** top > mid > left > leaf and mid > right > leaf: leaf has two parents. Root of the query: left. */
  const lineage: Lineage = {
    root: asSlug("left"),
    depth: 3,
    truncated: false,
    nodes: [
      { slug: asSlug("left"), title: "Microservices", degree: 3, level: 0 },
      { slug: asSlug("mid"), title: "Modular Design", degree: 3, level: -1 },
      { slug: asSlug("top"), title: "Separation of Concerns", degree: 1, level: -2 },
      { slug: asSlug("right"), title: "Component-Based UI", degree: 2, level: -1 },
      { slug: asSlug("leaf"), title: "Micro Frontends", degree: 2, level: 1 },
    ],
    edges: [
      { parent: asSlug("top"), child: asSlug("mid"), declaredAs: ["generalizes_from", "specializes_to"] },
      { parent: asSlug("mid"), child: asSlug("left"), declaredAs: ["generalizes_from"] },
      { parent: asSlug("mid"), child: asSlug("right"), declaredAs: ["specializes_to"] },
      { parent: asSlug("left"), child: asSlug("leaf"), declaredAs: ["generalizes_from"] },
      { parent: asSlug("right"), child: asSlug("leaf"), declaredAs: ["generalizes_from"] },
    ],
  };
  const steps = stepsFromLineage(lineage, title);

  it("reveals a generation at a time, top-down, with the links from the generations above", () => {
    // Most linked first within a generation.
    expect(steps.map((s) => s.slugs)).toEqual([["top"], ["mid", "right"], ["left"], ["leaf"]]);
    expect(steps.map((s) => s.slug)).toEqual(["top", "mid", "left", "leaf"]);
    for (const step of steps.slice(1)) expect(step.edges.length).toBeGreaterThan(0);
    expect(steps[1]!.edges).toEqual(["top>mid", "mid>right"]);
    expect(steps[3]!.edges.sort()).toEqual(["left>leaf", "right>leaf"]);
    expect(steps[3]!.nodesSoFar.sort()).toEqual(["leaf", "left", "mid", "right", "top"]);
  });

  it("captions each generation with its size and most linked patterns", () => {
    expect(steps[0]!.caption).toBe("Separation of Concerns: the top of this lineage");
    expect(steps[1]!.caption).toBe("Ancestors (-1) (2): Modular Design, Component-Based UI");
    expect(steps[2]!.caption).toBe("Microservices");
  });

  it("brings in only the patterns the view draws, and says how many of the level are drawn", () => {
    const partial = stepsFromLineage(lineage, title, undefined, new Set(["top", "mid", "left", "leaf"]), (l) => (l < 0 ? "parents" : "children"));
    expect(partial.map((s) => s.slugs)).toEqual([["top"], ["mid"], ["left"], ["leaf"]]);
    expect(partial[1]!.caption).toBe("Parents (1 of 2 drawn): Modular Design");
  });
});

describe("the stepper", () => {
  const steps: PresentationStep[] = stepsFromPath(PATH, title);

  function run(keys: string[]) {
    const seen: number[] = [];
    let exits = 0;
    const stepper = createStepper(steps, { onStep: (_s, i) => seen.push(i), onExit: () => exits++ });
    const handled = keys.map((k) => stepper.handleKey(k));
    return { seen, exits, handled, stepper };
  }

  it("maps the keys of keyboards and presentation clickers to moves", () => {
    expect(
      ["ArrowRight", "PageDown", " ", "ArrowLeft", "PageUp", "Home", "End", "Escape", "x"].map(commandForKey),
    ).toEqual(["next", "next", "next", "previous", "previous", "first", "last", "exit", null]);
  });

  it("shows the first step at once, then moves one step per key", () => {
    const { seen, stepper } = run(["ArrowRight", "PageDown", "PageUp"]);
    expect(seen).toEqual([0, 1, 2, 1]);
    expect(stepper.step?.slug).toBe("b");
  });

  it("stays at either end instead of wrapping around", () => {
    const { seen, stepper } = run(["ArrowLeft", "End", "ArrowRight", "PageDown", "Home"]);
    expect(seen).toEqual([0, 3, 0]);
    expect(stepper.index).toBe(0);
  });

  it("asks to leave on Escape and leaves other keys to the page", () => {
    const { exits, handled } = run(["Escape", "a", "Tab"]);
    expect(exits).toBe(1);
    expect(handled).toEqual([true, false, false]);
  });
});
