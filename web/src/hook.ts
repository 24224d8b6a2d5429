// `window.__atlas`: a small read-only hook for browser tests and the first-frame benchmark. It says
// when the first frame was drawn, whether the current view has settled, and where nodes are.
import type { AppState } from "./state/app-state.ts";

export type ViewStatus = "loading" | "drawn" | "ready" | "empty" | "error";

export interface AtlasHook {
  /** performance.now() (ms since navigation start) at the first rendered frame with nodes. */
  firstFrame: Promise<number>;
  firstFrameAt: number | null;
  /**
   * ms since navigation start at the first animation frame after that render: by then the browser
   * has composited the frame (in software WebGL, after the GPU process has executed it).
   */
  firstPresented: Promise<number>;
  /** The current view's graph key and status: "drawn" once its first frame is on screen, "ready" once settled. */
  viewKey: string;
  status: ViewStatus;
  /** ms since navigation start at which the current view's first frame was drawn. */
  viewFrameAt: number | null;
  frames: number;
  error: string | null;
  state(): AppState;
  graph(): { nodes: string[]; edges: { id: string; source: string; target: string; linkType: string; program: string; cut?: boolean }[] };
  /**
   * A neighbourhood's left-out groups drawn as nodes: the node's key, the group's key, whether it is
   * open, its label; an open group's pager node has `page`, the 0-based page its click shows.
   */
  groupNodes(): { node: string; key: string; open: boolean; label: string; page?: number }[];
  /** A large library's overview: the nodes standing for a community (closed) or marking an opened one, with its key and size; `crowded`: not drawn at this zoom. */
  communityNodes(): { node: string; key: string; open: boolean; members: number; size: number; label: string; crowded: boolean }[];
  nodePosition(slug: string): { x: number; y: number } | null;
  /** A node's hop count (neighbourhood) or level (lineage, group nodes included); null when it has none. */
  nodeLevel(slug: string): number | null;
  /** The renderer's actual camera (the state's camera is what the URL says). */
  camera(): { x: number; y: number; ratio: number };
  /** What the view emphasises (path, finding), the rest being faded; null when nothing is. */
  emphasis(): { nodes: string[]; edges: string[] } | null;
  /** How many library changes (server events) have been applied to the screen, and the last version. */
  libraryRefreshes: number;
  libraryVersion: number | null;
  /** The label boxes (canvas px) of the last frame, to check that no two labels overlap; `badge`: a group's count inside its dot (graph/dot-badge.ts); `lines`: the text drawn. */
  labelBoxes(): readonly { key: string; label: string; short: boolean; badge: boolean; lines: readonly string[]; x: number; y: number; width: number; height: number }[];
  /** The nodes' dots of the last frame (canvas px: centre and radius), to check that no label covers one. */
  nodeDots(): readonly { key: string; x: number; y: number; r: number }[];
  /** Resolves once the side panel has rendered the selected pattern. */
  panelLoaded(): Promise<void>;
  /** How many times a node's drawn look has been worked out (sigma's node reducer); a camera move works out none. */
  reducedNodes(): number;
}

declare global {
  interface Window {
    __atlas?: AtlasHook;
  }
}

export function createHook(
  partial: Omit<AtlasHook, "firstFrame" | "firstPresented" | "firstFrameAt" | "viewKey" | "status" | "viewFrameAt" | "frames" | "error" | "libraryRefreshes" | "libraryVersion">,
): {
  hook: AtlasHook;
  frameDrawn(nodeCount: number): void;
  setView(key: string, status: ViewStatus, error?: string | null): void;
  libraryChanged(version: number | null): void;
} {
  let resolveFirst: (t: number) => void = () => {};
  let resolvePresented: (t: number) => void = () => {};
  const hook: AtlasHook = {
    ...partial,
    firstFrame: new Promise<number>((resolve) => (resolveFirst = resolve)),
    firstPresented: new Promise<number>((resolve) => (resolvePresented = resolve)),
    firstFrameAt: null,
    viewKey: "",
    status: "loading",
    viewFrameAt: null,
    frames: 0,
    error: null,
    libraryRefreshes: 0,
    libraryVersion: null,
  };
  window.__atlas = hook;
  return {
    hook,
    frameDrawn(nodeCount) {
      hook.frames++;
      if (nodeCount === 0) return;
      const now = performance.now();
      if (hook.firstFrameAt === null) {
        hook.firstFrameAt = now;
        resolveFirst(now);
        requestAnimationFrame(() => resolvePresented(performance.now()));
      }
      if (hook.viewFrameAt === null) hook.viewFrameAt = now;
      if (hook.status === "loading") hook.status = "drawn";
    },
    libraryChanged(version) {
      hook.libraryRefreshes++;
      if (version !== null) hook.libraryVersion = version;
    },
    setView(key, status, error = null) {
      if (key !== hook.viewKey) hook.viewFrameAt = null;
      hook.viewKey = key;
      hook.status = status;
      hook.error = error;
    },
  };
}
