// What a dangling reference's fix offers, honestly: a replacement only when one candidate is confident
// and no other comes close; otherwise a choice among them, or a stub to create the pattern several
// files refer to. Removing a reference someone meant is offered as a choice, never as the default.
import { INVERSE_LINK_TYPE, isKnownLinkType, isSymmetricLinkType } from "../../core/model.ts";
import type { DanglingRef, FrontmatterGeneration, LinkType, Pattern, Slug } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import type { FixAction, GapCandidate, GapChoice, GapEdit, GapFix } from "../../core/gaps.ts";
import type { GapGraph } from "./gap-graph.ts";
import { normaliseText } from "./text.ts";

/** A candidate this close is safe to propose as a replacement edit (below it, the fix only names it). */
export const REPLACE_CONFIDENCE = 0.85;
/** A second candidate within this of the first makes the fix a choice: neither is picked for the maintainer. */
export const CLOSE_SECOND = 0.02;

/** One declaration of a dangling target: who wrote it, as which link type, in which file. */
export interface Reference {
  source: Slug;
  type: LinkType;
  file: string;
}

export interface DanglingFixInput {
  g: GapGraph;
  d: DanglingRef;
  source: Pattern | undefined;
  candidates: readonly GapCandidate[];
  /** Every declaration of the same target (as written) in the library, this one included. */
  references: readonly Reference[];
  /** How to write a pattern as a target in a file of `generation` (its TypeID in generation 1 when unique). */
  valueFor: (editor: Pattern, target: Pattern) => string;
}

const lineOf = (line?: number): { line?: number } => (line !== undefined ? { line } : {});

/** True when the first candidate is confident and no other is within CLOSE_SECOND of it. */
export function isClearCandidate(candidates: readonly GapCandidate[]): boolean {
  const [first, second] = candidates;
  return first !== undefined && first.score >= REPLACE_CONFIDENCE && (second === undefined || first.score - second.score > CLOSE_SECOND);
}

export function danglingFix({ g, d, source, candidates, references, valueFor }: DanglingFixInput): GapFix & { action: FixAction } {
  const remove: GapEdit = { op: "remove-link", file: d.declaredIn, ...lineOf(d.line), source: d.source, type: d.type, target: d.target };
  const removeChoice: GapChoice = {
    label: `Remove the reference '${d.target}'`,
    reason: "only if no pattern of this library is meant",
    edits: [remove],
  };
  const replaceWith = (c: GapCandidate): GapChoice | undefined => {
    const target = g.bySlug.get(c.slug);
    if (!source || !target) return undefined;
    const to = d.form === "id" ? valueFor({ ...source, generation: 1 }, target) : c.slug;
    return {
      label: `Replace '${d.target}' with '${to}' (${c.title})`,
      target: c.slug,
      confidence: c.score,
      reason: c.reason,
      edits: [{ op: "replace-target", file: d.declaredIn, ...lineOf(d.line), source: d.source, type: d.type, from: d.target, to, slug: c.slug }],
    };
  };

  const first = candidates[0];
  // The history can show a reference to the declaring pattern's own former id: a self-link, nothing
  // meant elsewhere. A look-alike of its own slug proves nothing of the kind, so it is only left out.
  if (first && first.slug === d.source && first.via === "history" && first.score >= REPLACE_CONFIDENCE) {
    return {
      action: "remove",
      description: `In ${d.declaredIn}, '${d.target}' names '${d.source}' itself (${first.reason}): remove the reference.`,
      file: d.declaredIn,
      edits: [remove],
    };
  }
  const options = candidates.filter((c) => c.slug !== d.source);
  const replacements = options.map(replaceWith).filter((c): c is GapChoice => c !== undefined);
  const stub = createStub(g, d, references, valueFor);
  const files = new Set(references.map((r) => r.file));

  if (isClearCandidate(options) && replacements[0]) {
    const [chosen, ...others] = replacements;
    return {
      action: "replace",
      description: `In ${d.declaredIn}, replace the ${d.type} target '${d.target}' with '${chosen!.edits[0]!.op === "replace-target" ? chosen!.edits[0]!.to : ""}' (${options[0]!.title}).`,
      file: d.declaredIn,
      edits: chosen!.edits,
      choices: [chosen!, ...others, ...(stub ? [stub] : []), removeChoice],
    };
  }
  const choices = [...replacements, ...(stub ? [stub] : []), removeChoice];
  if (stub && files.size >= 2 && !options.some((c) => c.score >= REPLACE_CONFIDENCE)) {
    return {
      action: "create",
      description:
        `'${d.target}' is referenced from ${files.size} files and no pattern is a confident match: create it (${stub.label.replace(/^Create /, "")})` +
        `${options.length ? `, or choose ${options.map((c) => `'${c.slug}'`).join(", ")}` : ""}.`,
      file: d.declaredIn,
      edits: stub.edits,
      choices,
    };
  }
  const tie = options.length > 1 && options[0]!.score - options[1]!.score <= CLOSE_SECOND;
  const named = options.map((c) => `'${c.slug}' (${c.score})`).join(", ");
  const missing =
    d.form === "id"
      ? `No pattern carries the id '${d.target}' (renamed, re-identified or never written): write the id or slug of the pattern meant.`
      : `Create the pattern '${d.target}' if it is missing.`;
  return {
    action: "choose",
    description: options.length
      ? `${tie ? "Choose" : "Check"} which pattern ${d.declaredIn} meant: ${named}${tie ? ": too close to pick one" : ""}. ${missing}`
      : `${missing} Remove the reference from ${d.declaredIn} only if nothing was meant.`,
    file: d.declaredIn,
    choices,
  };
}

/** The name a missing pattern would have: the slug or title the references wrote (an id names nothing). */
function stubName(d: DanglingRef): { slug: Slug; title: string } | undefined {
  if (d.form === "id" || /^pat_/i.test(d.target)) return undefined;
  const slug = normaliseText(d.target).replace(/ /g, "-");
  if (!slug) return undefined;
  const title =
    d.form === "title"
      ? d.target.trim()
      : normaliseText(d.target)
          .split(" ")
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(" ");
  return { slug: slug as Slug, title };
}

/**
 * A stub file for the missing pattern, in the library's layout: the folder and the frontmatter
 * generation most of its referencing files use, declaring the reciprocal of each reference.
 */
function createStub(
  g: GapGraph,
  d: DanglingRef,
  references: readonly Reference[],
  valueFor: (editor: Pattern, target: Pattern) => string,
): GapChoice | undefined {
  const name = stubName(d);
  if (!name || g.bySlug.has(name.slug)) return undefined;
  const referrers = references.map((r) => ({ r, p: g.bySlug.get(r.source) })).filter((x): x is { r: Reference; p: Pattern } => x.p !== undefined);
  if (!referrers.length) return undefined;
  const folder = mostCommon(referrers.map((x) => (x.p.file.includes("/") ? x.p.file.slice(0, x.p.file.lastIndexOf("/") + 1) : "")));
  const generation = Number(mostCommon(referrers.map((x) => String(x.p.generation)))) as FrontmatterGeneration;
  const domain = mostCommon(referrers.map((x) => x.p.domain ?? ""));
  const file = `${folder}${name.slug}.md`;
  const stub: Pattern = { slug: name.slug, title: name.title, aliases: [], file, generation };
  const lists = new Map<string, string[]>();
  const unlisted: string[] = [];
  for (const { r, p } of referrers) {
    const inverse = isKnownLinkType(r.type) ? (INVERSE_LINK_TYPE[r.type] ?? (isSymmetricLinkType(r.type) ? r.type : undefined)) : undefined;
    if (!inverse) {
      unlisted.push(`${p.slug} (${r.type})`);
      continue;
    }
    const list = lists.get(inverse) ?? [];
    const value = generation === 1 ? valueFor(stub, p) : p.slug;
    if (!list.includes(value)) list.push(value);
    lists.set(inverse, list);
  }
  const yamlString = (s: string): string => JSON.stringify(s);
  const out = ["---", `slug: ${name.slug}`, `title: ${yamlString(name.title)}`];
  if (generation === 1) {
    out.push(`tags:`, ...(domain ? [`  domain: ${yamlString(domain)}`] : []), `  status: draft`);
    for (const type of ["generalizes_from", "specializes_to", "enables", "requires", "related"]) {
      out.push(`${type}: [${(lists.get(type) ?? []).map(yamlString).join(", ")}]`);
    }
  } else {
    out.push(`summary: >-`, `  TODO: one paragraph.`);
    if (domain) out.push(`ontology:`, `  domain: ${yamlString(domain)}`);
    out.push(`lifecycle: { status: draft }`, `relationships:`);
    for (const type of ["generalizes_from", "specializes_to", "enables", "requires", "alternatives", "complementary"]) {
      const list = lists.get(type) ?? (type === "alternatives" || type === "complementary" ? lists.get("related") : undefined) ?? [];
      out.push(list.length ? `  ${type}:\n${list.map((s) => `    - ${s}`).join("\n")}` : `  ${type}: []`);
    }
  }
  const referencedBy = referrers.map((x) => `${x.p.slug} (${x.r.type}, ${x.r.file})`).sort(compareStrings);
  out.push("---", "", `<!-- Stub created for the references of: ${referencedBy.join("; ")}.${unlisted.length ? ` Not declared back: ${unlisted.join(", ")}.` : ""} -->`, "");
  return {
    label: `Create ${file} ("${name.title}", generation ${generation})`,
    reason: `referenced as '${d.target}' from ${new Set(references.map((r) => r.file)).size} file(s); the stub declares each reference back`,
    edits: [
      {
        op: "create-pattern",
        file,
        slug: name.slug,
        title: name.title,
        generation,
        text: out.join("\n"),
        referencedBy: referrers.map((x) => x.p.slug).filter((s, i, all) => all.indexOf(s) === i),
      },
    ],
  };
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? "";
  for (const [v, c] of counts) if (c > counts.get(best)! || (c === counts.get(best)! && v < best)) best = v;
  return best;
}
