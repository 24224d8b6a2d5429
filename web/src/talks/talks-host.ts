// What the talks features (share, export, present, embed) need from the explorer, as one small
// interface: app.ts builds it once from its renderer, store and current view, and nothing in
// web/src/talks reaches into the explorer's internals otherwise.
import type { Api } from "../api.ts";
import type { DomainScale } from "../graph/palette.ts";
import type { GraphRenderer } from "../graph/renderer.ts";
import type { AppState } from "../state/app-state.ts";
import type { LibraryStats } from "../types.ts";
import type { LoadedView } from "../views/view.ts";

export interface CurrentView {
  state: AppState;
  view: LoadedView;
}

export interface TalksHost {
  renderer: GraphRenderer;
  api: Api;
  /** The state now (what the URL says). */
  state(): AppState;
  /** The view on screen and the state that produced it; null while nothing is drawn. */
  current(): CurrentView | null;
  stats(): LibraryStats | null;
  domains(): DomainScale;
  /** Puts back the explorer's own selection and emphasis (after presentation mode borrowed them). */
  restoreHighlights(): void;
  /** Called on every state change and every newly drawn view. */
  onChange(listener: () => void): void;
  /** An element floating over the stage (an embed's "Pattern Atlas" link): no label is placed under it. */
  keepLabelsFrom(element: HTMLElement): void;
}
