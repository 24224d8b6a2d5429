// The details panel's lineage: each parent and child once, whichever file declared the fact, saying
// whether both files declare it or only one (the API lists a fact under generalizes_from on the child
// and under specializes_to on the parent, which read as two separate lists would repeat every child).
import { linkTypeColor } from "../graph/palette.ts";
import type { LinkEnd, PatternDetail } from "../types.ts";
import { h } from "../ui/dom.ts";

/** The link types this section shows, left out of the panel's per-type groups. */
export const LINEAGE_TYPES: readonly string[] = ["generalizes_from", "specializes_to"];

export type Declared = "both" | "here" | "there";

export interface Relative {
  end: LinkEnd;
  declared: Declared;
}

/**
 * Parents: this file's generalizes_from, and patterns declaring specializes_to towards it.
 * Children: this file's specializes_to, and patterns declaring generalizes_from towards it.
 */
export function relativesOf(detail: Pick<PatternDetail, "outgoing" | "incoming">): { parents: Relative[]; children: Relative[] } {
  const merge = (here: LinkEnd[] = [], there: LinkEnd[] = []): Relative[] => {
    const bySlug = new Map<string, Relative>();
    for (const end of here) bySlug.set(end.slug, { end, declared: "here" });
    for (const end of there) {
      const known = bySlug.get(end.slug);
      if (known) known.declared = "both";
      else bySlug.set(end.slug, { end, declared: "there" });
    }
    return [...bySlug.values()].sort((a, b) => a.end.title.localeCompare(b.end.title) || a.end.slug.localeCompare(b.end.slug));
  };
  return {
    parents: merge(detail.outgoing.generalizes_from, detail.incoming.specializes_to),
    children: merge(detail.outgoing.specializes_to, detail.incoming.generalizes_from),
  };
}

const WORDING: Record<"parents" | "children", Record<Declared, string>> = {
  parents: { both: "both files", here: "this file only", there: "the parent's file only" },
  children: { both: "both files", here: "this file only", there: "the child's file only" },
};

/** The "Lineage" section, or null for a pattern without parents or children. */
export function lineageSection(detail: PatternDetail, open: (slug: string) => void): HTMLElement | null {
  const { parents, children } = relativesOf(detail);
  if (!parents.length && !children.length) return null;
  const list = (label: string, side: "parents" | "children", relatives: Relative[]) =>
    relatives.length
      ? h(
          "div",
          { class: "link-direction" },
          h("p", { class: "link-direction__label", text: `${label} (${relatives.length})` }),
          h(
            "ul",
            { class: "link-list", attrs: { "data-testid": `lineage-${side}` } },
            ...relatives.map(({ end, declared }) =>
              h(
                "li",
                { class: `link-list__item${end.dangling ? " link-list__item--dangling" : ""}`, attrs: { "data-declared": declared } },
                end.dangling
                  ? h("span", { class: "link-list__text" }, h("span", { class: "badge badge--warn", text: "dangling" }), " ", end.title || end.slug)
                  : h("button", { class: "link-button", attrs: { type: "button", "data-slug": end.slug, title: end.description ?? end.slug }, on: { click: () => open(end.slug) } }, end.title || end.slug),
                h("span", { class: `link-list__meta${declared === "both" ? "" : " link-list__meta--one-sided"}`, attrs: { title: "Which files declare this" }, text: WORDING[side][declared] }),
              ),
            ),
          ),
        )
      : null;
  return h(
    "section",
    { class: "link-group", attrs: { "aria-label": "Lineage", "data-testid": "lineage-links" } },
    h("h4", { class: "link-group__title" }, h("span", { class: "swatch", attrs: { style: `background:${linkTypeColor("generalizes_from")}` } }), "Lineage", h("span", { class: "count", text: String(parents.length + children.length) })),
    list("Parents", "parents", parents),
    list("Children", "children", children),
  );
}
