// Why a declared target matches no pattern, in the words the explorer shows beside its written name:
// an id no pattern carries now ("stale id"), or a slug or title no file has ("never created").
// Platform-free, so the web app reads dangling targets the way the gaps analysis describes them.
import type { TargetForm } from "./library.ts";

export const DANGLING_REASONS = ["stale id", "never created"] as const;
export type DanglingReason = (typeof DANGLING_REASONS)[number];

/** A TypeID as written in a library (`pat_` and its suffix), in any case. */
const WRITTEN_ID = /^pat_[a-z0-9_]+$/i;

/**
 * A written id as the explorer labels it: "pat_01kg…aac0", the prefix and the first four characters of
 * its suffix, then its last four (one pattern's stale ids share their time-ordered start, so the end
 * tells them apart). Anything else is returned as written. The whole id is in the hovered label and
 * the declaring pattern's panel.
 */
export function shortDanglingTarget(target: string): string {
  const written = target.trim();
  return WRITTEN_ID.test(written) && written.length > 16 ? `${written.slice(0, 8)}…${written.slice(-4)}` : target;
}

/** `form`: how the target was written, when known (the panel's DanglingRef); otherwise read from its text. */
export function danglingReason(target: string, form?: TargetForm): DanglingReason {
  if (form === "id") return "stale id";
  if (form !== undefined && form !== "mapping") return "never created";
  return WRITTEN_ID.test(target.trim()) ? "stale id" : "never created";
}
