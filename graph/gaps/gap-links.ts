// How findings name declared links and their places: a link or a dangling reference as a finding's
// GapLink, `file:line`, and how one pattern is written as a target in another's file.
import type { GapLink } from "../../core/gaps.ts";
import type { DanglingRef, Link, Pattern } from "../../core/model.ts";
import type { GapGraph } from "./gap-graph.ts";

export function gapLinkOf(l: Link): GapLink {
  return {
    source: l.source,
    type: l.type,
    target: l.target,
    dangling: false,
    ...(l.weight !== undefined ? { weight: l.weight } : {}),
    declaredIn: l.declaredIn,
    ...(l.line !== undefined ? { line: l.line } : {}),
  };
}

export function gapLinkOfDangling(d: DanglingRef): GapLink {
  return {
    source: d.source,
    type: d.type,
    target: d.target,
    dangling: true,
    form: d.form,
    ...(d.weight !== undefined ? { weight: d.weight } : {}),
    declaredIn: d.declaredIn,
    ...(d.line !== undefined ? { line: d.line } : {}),
  };
}

/** `file:line`, or the file alone when the line is unknown. */
export const at = (file: string, line?: number): string => (line ? `${file}:${line}` : file);

/** How to write `target` as a link target in `editor`'s file: its TypeID in generation 1 when unique, else its slug. */
export function targetValue(g: GapGraph, editor: Pattern, target: Pattern): string {
  if (editor.generation === 1 && target.id && g.idCount.get(target.id) === 1) return target.id;
  return target.slug;
}

/** `{ line }` when the line is known (an edit or a link names it only then). */
export const lineOf = (line?: number): { line?: number } => (line !== undefined ? { line } : {});
/** `{ domain }` when the pattern has one. */
export const domainOf = (p?: Pattern): { domain?: string } => (p?.domain ? { domain: p.domain } : {});
