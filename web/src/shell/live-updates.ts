// Live updates: the server re-read the library (--watch) or came back after being away. What is on
// screen is refreshed in place, a toast says what changed, and whatever failed is fetched again.
import type { LibraryChangedEvent } from "../../../core/events.ts";
import { subscribeLibraryEvents } from "../live.ts";
import { h } from "../ui/dom.ts";

export interface LiveUpdatesDeps {
  /** Where the toast goes (the stage). */
  stage: HTMLElement;
  /** The library changed: refetch (or take the event's stats), redraw in place; resolves when redrawn. */
  refresh(event: LibraryChangedEvent | null): void;
  /** The server answers again: fetch anew whatever failed while it was away. */
  recover(): void;
}

export interface LiveUpdates {
  /** Shows `text` in the toast for a few seconds (longer for a warning). */
  say(text: string, warn?: boolean): void;
}

/** "": no files; ": a.md, b.md, c.md and 4 more". */
export const filesText = (files: readonly string[]): string =>
  files.length ? `: ${files.slice(0, 3).join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""}` : "";

/** Subscribes to the server's events (unless `subscribe` is false: a static embed) and returns the toast. */
export function installLiveUpdates(deps: LiveUpdatesDeps, subscribe: boolean): LiveUpdates {
  const toast = h("div", { class: "live-toast", attrs: { role: "status", "aria-live": "polite", "data-testid": "live-toast" } });
  toast.hidden = true;
  deps.stage.append(toast);
  let toastTimer: number | undefined;
  const say = (text: string, warn = false) => {
    toast.textContent = text;
    toast.classList.toggle("live-toast--warn", warn);
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => (toast.hidden = true), warn ? 8000 : 4000);
  };
  if (subscribe) {
    subscribeLibraryEvents({
      reconnected: deps.recover,
      changed: (event) => {
        deps.refresh(event);
        say(`Library updated${event ? filesText(event.files) : ""}.`);
      },
      failed: (event) => say(`Could not re-read the library${filesText(event.files)}: ${event.message}. Still showing the previous version.`, true),
    });
  }
  return { say };
}
