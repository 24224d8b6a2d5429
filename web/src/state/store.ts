// A minimal observable store for the AppState: one `update` entry point that also says how the
// change goes into browser history, so back/forward walk through views but not through every pan.
import { DEFAULT_STATE, type AppState } from "./app-state.ts";

/** push: a new history entry (a new view); replace: same entry, new URL; none: URL untouched. */
export type HistoryMode = "push" | "replace" | "none";

export type Listener = (state: AppState, previous: AppState, history: HistoryMode) => void;

export interface Store {
  get(): AppState;
  update(patch: Partial<AppState>, history?: HistoryMode): void;
  subscribe(listener: Listener): () => void;
}

export function createStore(initial: Partial<AppState> = {}): Store {
  let state: AppState = { ...DEFAULT_STATE, ...initial };
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    update(patch, history = "push") {
      const previous = state;
      state = { ...state, ...patch };
      for (const listener of listeners) listener(state, previous, history);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
