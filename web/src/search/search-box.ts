// Search with autocomplete over titles, aliases and slugs (ranked by the server): an ARIA combobox
// driven by arrows, Enter and Escape, reused for the main search and for the two path ends.
import type { Api } from "../api.ts";
import { isAbort } from "../api.ts";
import type { DomainScale } from "../graph/palette.ts";
import type { SearchHit } from "../types.ts";
import { h, icon, replaceChildren } from "../ui/dom.ts";

export interface SearchBoxOptions {
  api: Api;
  domains: () => DomainScale;
  /** Accessible name and visible placeholder. */
  label: string;
  placeholder: string;
  onChoose(hit: SearchHit): void;
  /** Extra class on the wrapper (e.g. "search--compact"). */
  className?: string;
  id: string;
  limit?: number;
  /** Shown in the field before anything is typed (e.g. the chosen path end's title). */
  value?: string;
}

export interface SearchBox {
  element: HTMLElement;
  input: HTMLInputElement;
  setValue(text: string): void;
  focus(): void;
  close(): void;
}

let counter = 0;

export function createSearchBox(options: SearchBoxOptions): SearchBox {
  const listId = `${options.id}-listbox`;
  const input = h("input", {
    class: "search__input",
    attrs: {
      id: options.id,
      type: "search",
      role: "combobox",
      "aria-label": options.label,
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": listId,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: options.placeholder,
    },
  });
  input.value = options.value ?? "";
  const list = h("ul", { class: "search__list", attrs: { id: listId, role: "listbox", "aria-label": `${options.label} suggestions` } });
  list.hidden = true;
  const element = h("div", { class: `search ${options.className ?? ""}`.trim() }, h("span", { class: "search__icon" }, icon("search", 16)), input, list);

  let hits: SearchHit[] = [];
  let active = -1;
  let timer: number | undefined;
  let controller: AbortController | null = null;
  let lastQuery = "";

  const open = (yes: boolean) => {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
    element.classList.toggle("search--open", yes);
    if (!yes) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  };

  const setActive = (index: number) => {
    active = hits.length ? (index + hits.length) % hits.length : -1;
    list.querySelectorAll<HTMLElement>("[role=option]").forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === active));
      if (i === active) {
        input.setAttribute("aria-activedescendant", li.id);
        li.scrollIntoView({ block: "nearest" });
      }
    });
  };

  const choose = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    input.value = hit.title;
    open(false);
    options.onChoose(hit);
  };

  const render = (query: string) => {
    const prefix = `${options.id}-opt-${++counter}`;
    if (!hits.length) {
      replaceChildren(list, h("li", { class: "search__empty", attrs: { role: "option", "aria-disabled": "true", id: `${prefix}-none` } }, `No pattern matches “${query}”`));
      open(true);
      return;
    }
    const scale = options.domains();
    // Libraries do hold different patterns with the same title: then the slug tells them apart.
    const titleCount = new Map<string, number>();
    for (const hit of hits) titleCount.set(hit.title.toLowerCase(), (titleCount.get(hit.title.toLowerCase()) ?? 0) + 1);
    replaceChildren(
      list,
      ...hits.map((hit, i) =>
        h(
          "li",
          {
            class: "search__option",
            attrs: { role: "option", id: `${prefix}-${i}`, "aria-selected": "false", "data-slug": hit.slug },
            on: {
              mousedown: (event) => {
                event.preventDefault();
                choose(i);
              },
              mousemove: () => {
                if (active !== i) setActive(i);
              },
            },
          },
          h("span", { class: "search__dot", attrs: { style: `background:${scale.color(hit.domain)}` } }),
          h(
            "span",
            { class: "search__text" },
            h("span", { class: "search__title", text: hit.title }),
            h(
              "span",
              { class: "search__meta" },
              hit.domain ?? "no domain",
              (titleCount.get(hit.title.toLowerCase()) ?? 0) > 1 ? ` · ${hit.slug}` : "",
              hit.matched !== "title" ? ` · ${hit.matched} “${hit.matchedText}”` : "",
            ),
          ),
        ),
      ),
    );
    open(true);
    setActive(0);
  };

  const runSearch = async () => {
    const query = input.value.trim();
    lastQuery = query;
    controller?.abort();
    if (!query) {
      hits = [];
      open(false);
      return;
    }
    controller = new AbortController();
    try {
      const result = await options.api.search(query, options.limit ?? 8, controller.signal);
      if (query !== lastQuery) return;
      hits = result;
      if (document.activeElement === input) render(query);
    } catch (error) {
      if (!isAbort(error)) {
        hits = [];
        replaceChildren(list, h("li", { class: "search__empty", attrs: { role: "option", "aria-disabled": "true", id: `${options.id}-err` } }, "Search failed: is the server running?"));
        open(true);
      }
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(runSearch, 90);
  });
  input.addEventListener("focus", () => {
    if (input.value.trim() && hits.length) render(input.value.trim());
    input.select();
  });
  input.addEventListener("blur", () => open(false));
  input.addEventListener("keydown", (event) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (list.hidden && hits.length) render(input.value.trim());
        else setActive(active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        setActive(active - 1);
        break;
      case "Enter": {
        event.preventDefault();
        if (hits.length && input.value.trim() === lastQuery) choose(active < 0 ? 0 : active);
        else {
          // Enter before the debounce fired: search now, then take the best hit.
          window.clearTimeout(timer);
          void runSearch().then(() => choose(0));
        }
        break;
      }
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          event.stopPropagation();
          open(false);
        } else if (input.value) {
          event.preventDefault();
          event.stopPropagation();
          input.value = "";
          hits = [];
        } else input.blur();
        break;
      case "Tab":
        open(false);
        break;
    }
  });

  return {
    element,
    input,
    setValue(text) {
      if (document.activeElement !== input) input.value = text;
    },
    focus() {
      input.focus();
    },
    close() {
      open(false);
    },
  };
}
