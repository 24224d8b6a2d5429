// The Gaps view's work queue: the selection (findings, or whole groups fetched id by id), the bar
// that downloads the selection's patch or applies it (on a server started with --allow-write), and
// the `git diff --stat`-style summary of what a patch or an apply changed.
import type { Api } from "../api.ts";
import type { GapsPatchResponse, GapsWriteAccess } from "../types.ts";
import { MAX_SELECTION } from "../../../core/gaps.ts";
import { h } from "../ui/dom.ts";

const GROUP_PAGE = 500;

export interface GapsQueue {
  readonly selected: ReadonlySet<string>;
  isGroupSelected(key: string): boolean;
  toggleFinding(id: string, on: boolean): void;
  /** Selects or drops every finding of a group; `ids` pages through the group's findings. */
  toggleGroup(key: string, on: boolean, ids: (offset: number, limit: number) => Promise<{ ids: string[]; total: number }>): Promise<void>;
  clear(): void;
  /** The bar (count, Download patch, Apply, Clear) and the last result, or null with nothing to show. */
  bar(): HTMLElement | null;
}

export function createGapsQueue(api: Api, redraw: () => void): GapsQueue {
  const selected = new Set<string>();
  const groups = new Map<string, string[]>();
  let busy: string | null = null;
  let result: { what: "patch" | "apply"; body: GapsPatchResponse } | null = null;
  let error: string | null = null;
  let access: GapsWriteAccess | null = null;
  api.gapsWriteAccess().then(
    (a) => {
      access = a;
      redraw();
    },
    () => undefined,
  );

  const run = async (what: "patch" | "apply") => {
    busy = what;
    error = null;
    redraw();
    try {
      const ids = [...selected].slice(0, MAX_SELECTION);
      if (what === "patch") {
        const body = await api.gapsPatch(ids);
        result = { what, body };
        if (body.diff) download(body.diff, "gaps-selection.diff");
      } else if (access?.allowed) {
        const body = await api.gapsApply(ids, access);
        result = { what, body };
        for (const id of body.fixed) selected.delete(id);
        groups.clear();
      }
    } catch (reason) {
      error = reason instanceof Error ? reason.message : String(reason);
    } finally {
      busy = null;
      redraw();
    }
  };

  return {
    selected,
    isGroupSelected: (key) => groups.has(key),
    toggleFinding(id, on) {
      if (on && selected.size < MAX_SELECTION) selected.add(id);
      else selected.delete(id);
      result = null;
      redraw();
    },
    async toggleGroup(key, on, ids) {
      result = null;
      if (!on) {
        for (const id of groups.get(key) ?? []) selected.delete(id);
        groups.delete(key);
        return redraw();
      }
      const all: string[] = [];
      for (let offset = 0; all.length < MAX_SELECTION; offset += GROUP_PAGE) {
        const page = await ids(offset, GROUP_PAGE);
        all.push(...page.ids);
        if (offset + GROUP_PAGE >= page.total) break;
      }
      for (const id of all) if (selected.size < MAX_SELECTION) selected.add(id);
      groups.set(key, all);
      redraw();
    },
    clear() {
      selected.clear();
      groups.clear();
      result = null;
      error = null;
      redraw();
    },
    bar() {
      if (!selected.size && !result && !error) return null;
      const n = selected.size;
      const canApply = access?.allowed === true;
      return h(
        "section",
        { class: "gaps-queue", attrs: { "aria-label": "Selected findings", "data-testid": "gaps-queue" } },
        h(
          "div",
          { class: "gaps-queue__bar" },
          h("span", { class: "gaps-queue__count", attrs: { "data-testid": "gaps-selected" }, text: `${n} selected${n >= MAX_SELECTION ? " (the most one patch takes)" : ""}` }),
          h("button", { class: "button button--small", attrs: { type: "button", "data-action": "patch", disabled: !n || busy !== null }, on: { click: () => void run("patch") }, text: busy === "patch" ? "Making…" : "Download patch" }),
          canApply
            ? h("button", { class: "button button--small button--primary", attrs: { type: "button", "data-action": "apply", disabled: !n || busy !== null, title: "Write these fixes into the library files" }, on: { click: () => void run("apply") }, text: busy === "apply" ? "Applying…" : "Apply" })
            : null,
          h("button", { class: "button button--small", attrs: { type: "button", "data-action": "clear" }, on: { click: () => this.clear() }, text: "Clear" }),
        ),
        error ? h("p", { class: "notice notice--error", attrs: { role: "alert" }, text: error }) : null,
        result ? summary(result.what, result.body) : null,
      );
    },
  };
}

/** What a patch (or an apply) changed, as `git diff --stat` shows it, and the diff itself. */
function summary(what: "patch" | "apply", body: GapsPatchResponse): HTMLElement {
  const added = body.files.reduce((n, f) => n + f.added, 0);
  const removed = body.files.reduce((n, f) => n + f.removed, 0);
  const width = Math.max(0, ...body.files.map((f) => f.file.length));
  const stat = [
    ...body.files.map((f) => ` ${f.file.padEnd(width)} | ${String(f.added + f.removed).padStart(2)} ${"+".repeat(f.added)}${"-".repeat(f.removed)}`),
    ` ${body.files.length} file${body.files.length === 1 ? "" : "s"} changed, ${added} insertion${added === 1 ? "" : "s"}(+), ${removed} deletion${removed === 1 ? "" : "s"}(-)`,
  ].join("\n");
  const notes = [
    body.manual.length ? `${body.manual.length} without an automatic fix (only one-sided declarations have one): fix them by hand.` : "",
    body.unknown.length ? `${body.unknown.length} no longer in the library.` : "",
    body.skipped.length ? `${body.skipped.length} file(s) skipped: ${body.skipped.map((s) => `${s.file} (${s.reason})`).join("; ")}.` : "",
  ].filter(Boolean);
  const head =
    what === "apply"
      ? body.files.length
        ? `Applied ${body.fixed.length} fix${body.fixed.length === 1 ? "" : "es"} to the library; it reloads when the server watches it (--watch).`
        : "Nothing to write."
      : body.files.length
        ? `Patch of ${body.fixed.length} fix${body.fixed.length === 1 ? "" : "es"} downloaded (gaps-selection.diff).`
        : "No patch: none of the selected findings has an automatic fix.";
  return h(
    "div",
    { class: "gaps-result", attrs: { "data-testid": `gaps-${what}-result`, role: "status" } },
    h("p", { class: "gaps-result__head", text: head }),
    ...notes.map((n) => h("p", { class: "hint", text: n })),
    body.files.length ? h("pre", { class: "gaps-diffstat", attrs: { "data-testid": "gaps-diffstat" }, text: stat }) : null,
    body.diff ? h("details", { class: "gaps-diff" }, h("summary", { text: "The diff" }), h("pre", { text: body.diff })) : null,
  );
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/x-diff" }));
  const a = h("a", { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
