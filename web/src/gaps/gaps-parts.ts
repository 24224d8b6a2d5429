// Parts of the Gaps list that depend only on what they show: the progress of the queue and an opened
// finding's details (gaps-panel.ts puts them together).
import type { GapFinding, GapsPayload } from "../types.ts";
import { h } from "../ui/dom.ts";

const nf = new Intl.NumberFormat("en");

/** Handled (decided) of all the findings under the domain and pattern filters, and the file's stale entries. */
export function gapsProgress(p: GapsPayload): HTMLElement {
  const d = p.decisions;
  const all = d.open + d.decided;
  const notes = [
    d.staleCount ? `${nf.format(d.staleCount)} stale decision${d.staleCount === 1 ? "" : "s"} (no such finding now) in ${d.file}` : "",
    d.problems.length ? `${d.file}: ${d.problems.map((x) => `line ${x.line ?? "?"}: ${x.message}`).join("; ")}` : "",
  ].filter(Boolean);
  return h(
    "div",
    { class: "gaps-progress", attrs: { "data-testid": "gaps-progress" } },
    h(
      "p",
      { class: "gaps-progress__text" },
      h("strong", { text: `${nf.format(d.decided)} handled` }),
      ` / ${nf.format(d.open)} open`,
      d.decided ? h("span", { class: "muted", text: ` (${nf.format(d.byDecision.intended)} intended, ${nf.format(d.byDecision.ignored)} ignored)` }) : null,
    ),
    h("progress", { class: "gaps-progress__bar", attrs: { max: String(Math.max(1, all)), value: String(d.decided), "aria-label": "Findings handled" } }),
    d.file === null ? h("p", { class: "hint", text: "Record decisions in the library's .pattern-atlas/decisions.yml (see Finding gaps)." }) : null,
    ...notes.map((n) => h("p", { class: "hint gaps-progress__note", text: n })),
  );
}

/** A finding opened in the list: its fix, the lines to edit or cut, the candidates, its patterns (a click shows details). */
export function findingDetails(finding: GapFinding, title: (slug: string) => string, select: (slug: string) => void): HTMLElement {
  const patternButtons = [...new Set([...finding.patterns, ...(finding.candidates ?? []).map((c) => c.slug as string)])].slice(0, 12);
  return h(
    "div",
    { class: "gap__details" },
    h("p", { class: "gap__fix" }, h("strong", { text: "Fix: " }), finding.fix.description, finding.fix.automatic ? h("span", { class: "badge gap__auto", attrs: { title: "npm run gaps -- <folder> --fix-reciprocal writes this fix" }, text: "automatic" }) : null),
    finding.links.length
      ? h(
          "ul",
          { class: "gap__files" },
          ...finding.links.slice(0, 6).map((l) => h("li", {}, h("code", { text: `${l.declaredIn}${l.line ? `:${l.line}` : ""}` }), ` ${l.type}: ${l.target}`)),
        )
      : finding.fix.file
        ? h("p", { class: "gap__files" }, h("code", { text: finding.fix.file }))
        : null,
    finding.cut?.length
      ? h(
          "ul",
          { class: "gap__cut", attrs: { "aria-label": "Links to cut" } },
          ...finding.cut.map((l) => h("li", {}, h("strong", { text: "Cut " }), h("code", { text: `${l.declaredIn}${l.line ? `:${l.line}` : ""}` }), ` ${l.type}: ${l.target}`)),
        )
      : null,
    finding.candidates?.length
      ? h(
          "ul",
          { class: "gap__candidates", attrs: { "aria-label": "Candidates" } },
          ...finding.candidates.slice(0, 5).map((c) => h("li", {}, h("strong", { text: c.title }), ` ${c.reason}`)),
        )
      : null,
    h(
      "div",
      { class: "chips gap__patterns" },
      ...patternButtons.map((slug) =>
        h("button", { class: "chip chip--button", attrs: { type: "button", "data-slug": slug, title: "Show details" }, on: { click: () => select(slug) } }, title(slug)),
      ),
    ),
  );
}
