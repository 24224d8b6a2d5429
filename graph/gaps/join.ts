// Joins the two halves of one relationship: A's stale reference that means B, and B's declaration of
// the inverse link back to A (a one-sided finding). Replacing A's stale target settles both files, so
// they are one finding with one fix, not a replacement plus a reciprocal that would duplicate it.
import { INVERSE_LINK_TYPE, isKnownLinkType } from "../../core/model.ts";
import type { Slug } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import { CLOSE_SECOND } from "./dangling-fix.ts";
import { linkKey } from "./gap-graph.ts";
import { declaresWords, placeOf, possessive } from "./wording.ts";

/** The one-sided finding that B's inverse declaration to A makes, if A's `type` link to B is the missing half. */
function partnerId(a: string, type: string, b: string): string[] {
  if (!isKnownLinkType(type)) return [];
  const inverse = INVERSE_LINK_TYPE[type];
  if (!inverse) return [];
  const kind = type === "generalizes_from" || type === "specializes_to" ? "one-sided-lineage" : "one-sided-enables";
  return [`${kind}:${linkKey(b, inverse, a)}`];
}

/**
 * Moves each one-sided finding that a dangling finding's replacement settles into that finding's
 * `joined`, and lets such a declaration decide between candidates too close to pick: the one whose
 * file already declares the link back is the one meant. Returns the findings left (order kept).
 * `title` names a pattern in the evidence.
 */
export function joinFindings(findings: GapFinding[], title: (slug: string) => string): GapFinding[] {
  const oneSided = new Map<string, GapFinding>();
  for (const f of findings) if (f.kind === "one-sided-lineage" || f.kind === "one-sided-enables") oneSided.set(f.id, f);
  const absorbed = joinInto(findings, (id) => oneSided.get(id), title);
  return absorbed.size ? findings.filter((f) => !absorbed.has(f.id)) : findings;
}

/**
 * joinFindings with the one-sided findings looked up by id (`oneSided`) rather than listed: changes
 * the dangling ones among `findings` in place and returns the ids of the one-sided findings they took in.
 */
export function joinInto(findings: readonly GapFinding[], oneSided: (id: string) => GapFinding | undefined, title: (slug: string) => string): Set<string> {
  const absorbed = new Set<string>();
  for (const f of findings) {
    if (f.kind !== "dangling" || !f.candidates?.length || !f.fix.choices) continue;
    const link = f.links[0]!;
    const a = link.source;
    const partnerOf = (slug: string): GapFinding | undefined =>
      partnerId(a, link.type, slug)
        .map((id) => oneSided(id))
        .find((p) => p !== undefined && !absorbed.has(p.id));
    let chosen = f.fix.action === "replace" ? f.candidates[0]! : undefined;
    if (f.fix.action === "choose" || f.fix.action === "create") {
      // Among the candidates close to the best, exactly one declaring the link back decides it.
      const top = f.candidates[0]!.score;
      const close = f.candidates.filter((c) => top - c.score <= CLOSE_SECOND && c.slug !== a);
      const declaring = close.filter((c) => partnerOf(c.slug));
      if (declaring.length === 1) chosen = declaring[0];
    }
    if (!chosen) continue;
    const partner = partnerOf(chosen.slug);
    if (!partner) continue;
    const choice = f.fix.choices.find((c) => c.target === chosen.slug);
    if (!choice) continue;
    absorbed.add(partner.id);
    const b = chosen.slug as Slug;
    const inverse = partner.links[0]!;
    const decided = f.fix.action !== "replace";
    f.joined = [...(f.joined ?? []), partner];
    f.patterns = [...new Set([...f.patterns, b])] as Slug[];
    f.domains = [...new Set([...f.domains, ...partner.domains])].sort(compareStrings);
    f.evidence += ` ${possessive(title(b))} file declares the link back (${declaresWords(title, inverse, title(inverse.target))}, says ${placeOf(inverse.declaredIn, inverse.line)}), which is one-sided only because of this stale reference${decided ? "; among the close candidates only it does, so it is the one meant" : ""}.`;
    const edit = choice.edits[0]!;
    f.fix = {
      ...f.fix,
      action: "replace",
      description: `In ${link.declaredIn}, replace the ${link.type} target '${link.target}' with '${edit.op === "replace-target" ? edit.to : b}' (${chosen.title}): that also settles '${b}''s one-sided ${inverse.type}, so both files agree.`,
      file: link.declaredIn,
      edits: choice.edits,
      choices: [choice, ...f.fix.choices.filter((c) => c !== choice)],
    };
  }
  return absorbed;
}
