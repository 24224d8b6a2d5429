// Writes the missing reciprocal declarations (the automatic fixes of one-sided findings) into pattern
// files, in each file's own frontmatter generation and style, as a unified diff a maintainer reviews and applies
// with `git apply`; and the stale target a joined finding replaces, since that one edit is what
// settles its one-sided half. Every byte outside the edited lines stays as it was. One file's edit is
// fix-file.ts; the lines and the diff are line-edits.ts.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GapFinding } from "../graph/gaps/index.ts";
import { compareStrings } from "../core/order.ts";
import { addReciprocalLinks, fixFile, type ReciprocalAddition, type TargetReplacement } from "./fix-file.ts";
import { splitLines, unifiedDiff } from "./line-edits.ts";

export interface ReciprocalPatch {
  /**
   * The unified diff (`a/` and `b/` prefixes, paths relative to the library root); empty when nothing
   * to add. Bytes, not text: context lines are copied byte for byte whatever the files' encoding.
   */
  diff: Buffer;
  /** Files the patch changes, with what it adds to each (and the stale targets it replaces). */
  files: { file: string; added: ReciprocalAddition[]; replaced: TargetReplacement[]; after: Buffer }[];
  /** Fixes that could not be written, with the reason (the finding stays for a human). */
  skipped: { file: string; findingIds: string[]; reason: string }[];
}

/** The automatic add-link edits of some findings, grouped by file (files and lists in a stable order). */
export function reciprocalAdditions(findings: readonly GapFinding[]): Map<string, ReciprocalAddition[]> {
  const byFile = new Map<string, ReciprocalAddition[]>();
  for (const f of findings) {
    if (!f.fix.automatic) continue;
    for (const e of f.fix.edits ?? []) {
      if (e.op !== "add-link") continue;
      const list = byFile.get(e.file) ?? [];
      if (!list.some((a) => a.type === e.type && a.value === e.value)) {
        list.push({ type: e.type, value: e.value, ...(e.weight !== undefined ? { weight: e.weight } : {}), findingId: f.id });
      }
      byFile.set(e.file, list);
    }
  }
  return new Map([...byFile].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Which stale targets a patch replaces: `joined` (the CLI's `--fix-reciprocal`): only those whose
 * replacement settles a joined one-sided declaration too; `confident` (a selection the maintainer
 * made in the Gaps view): every finding whose default fix is a replacement, i.e. one candidate
 * confident and clearly ahead of the next (ties are choices and never written).
 */
export type ReplacementScope = "joined" | "confident";

const replaces = (f: GapFinding, scope: ReplacementScope): boolean => f.fix.action === "replace" && (scope === "confident" || Boolean(f.joined?.length));

/** True when the patch writes this finding's fix: an automatic reciprocal, or a replacement in `scope`. */
export function isWrittenByPatch(f: GapFinding, scope: ReplacementScope = "joined"): boolean {
  if (f.fix.automatic && f.fix.edits?.some((e) => e.op === "add-link")) return true;
  return replaces(f, scope) && (f.fix.edits ?? []).some((e) => e.op === "replace-target" && e.line !== undefined);
}

/**
 * The stale targets replaced on their own lines: of joined findings (a stale reference whose default
 * fix replaces its target, and whose one-sided half was joined into it), or of every confident
 * replacement (see ReplacementScope).
 */
export function joinedReplacements(findings: readonly GapFinding[], scope: ReplacementScope = "joined"): Map<string, TargetReplacement[]> {
  const byFile = new Map<string, TargetReplacement[]>();
  for (const f of findings) {
    if (!replaces(f, scope)) continue;
    for (const e of f.fix.edits ?? []) {
      if (e.op !== "replace-target" || e.line === undefined) continue;
      const list = byFile.get(e.file) ?? [];
      list.push({ type: e.type, line: e.line, from: e.from, to: e.to, findingId: f.id });
      byFile.set(e.file, list);
    }
  }
  return byFile;
}

/**
 * Reads each file once from `root` and builds the patch adding every automatic reciprocal fix of
 * `findings`, and replacing the stale targets `scope` names. Never writes: applying is the
 * caller's choice (`applyReciprocalPatch` or `git apply`).
 */
export async function buildReciprocalPatch(root: string, findings: readonly GapFinding[], scope: ReplacementScope = "joined"): Promise<ReciprocalPatch> {
  const patch: ReciprocalPatch = { diff: Buffer.alloc(0), files: [], skipped: [] };
  const parts: string[] = [];
  const additionsByFile = reciprocalAdditions(findings);
  const replacementsByFile = joinedReplacements(findings, scope);
  const files = [...new Set([...additionsByFile.keys(), ...replacementsByFile.keys()])].sort(compareStrings);
  for (const file of files) {
    const additions = additionsByFile.get(file) ?? [];
    const replacements = replacementsByFile.get(file) ?? [];
    const ids = [...additions, ...replacements].map((a) => a.findingId ?? "").filter(Boolean);
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(root, ...file.split("/")));
    } catch (error) {
      patch.skipped.push({ file, findingIds: ids, reason: `cannot read the file: ${(error as Error).message}` });
      continue;
    }
    const result = replacements.length ? fixFile(bytes, file, additions, replacements) : addReciprocalLinks(bytes, file, additions);
    if (!result.ok) {
      patch.skipped.push({ file, findingIds: ids, reason: result.reason });
      continue;
    }
    parts.push(unifiedDiff(file, splitLines(bytes.toString("latin1")), result.ops));
    patch.files.push({ file, added: result.added, replaced: result.replaced ?? [], after: result.bytes });
  }
  patch.diff = Buffer.from(parts.join(""), "latin1");
  return patch;
}

/** Writes the patched files in place (only for `--apply`: the default is a patch to review). */
export async function applyReciprocalPatch(root: string, patch: ReciprocalPatch): Promise<void> {
  for (const f of patch.files) await writeFile(path.join(root, ...f.file.split("/")), f.after);
}
