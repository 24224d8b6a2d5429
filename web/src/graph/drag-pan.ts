// Panning by moving the drawn picture: while the pointer drags the stage, sigma's canvases move as one
// image (a CSS transform: the compositor's work, no WebGL) and the camera is moved, the graph drawn anew,
// only when the pointer pauses, is released, or has uncovered half the stage. Why: in software WebGL (no
// GPU) every frame sigma draws is read back from each of its three WebGL canvases for compositing, which a
// Chromium trace of panning over the largest opened community at ten times the library put at ~60 ms per
// canvas under load; drawing no frame while dragging leaves frames that cost the compositor alone
// (docs/performance.md#panning-over-an-opened-community-at-10x).
import type Sigma from "sigma";
import type { Attributes } from "graphology-types";
import type { CameraState } from "sigma/types";

/** The pointer resting this long while it holds the stage draws the graph where it is (as a frame in motion). */
export const DRAG_REDRAW_PAUSE_MS = 400;
/** The picture is drawn anew once the drag has moved it this share of the stage's shorter side. */
export const DRAG_REDRAW_SHARE = 0.5;
/** A press that moves less than this (px) is a click, left to sigma. */
const CLICK_SLOP = 3;

export interface DragPanOptions {
  /** Whether a drag starting now moves the picture (the view asks for it, panning is on). */
  enabled(): boolean;
  /**
   * Moves the camera to `state` (when given) and draws the frame at once (the transform is removed right
   * after): a frame in motion while the drag goes on (`moving`), the frame at rest when it ends.
   */
  commit(state: Pick<CameraState, "x" | "y"> | null, moving: boolean): void;
}

export interface DragPan {
  /** Whether a drag is moving the picture now. */
  readonly dragging: boolean;
  detach(): void;
}

/**
 * Takes over mouse drags on `sigma`'s stage: sigma sees the press and the release (so its state stays
 * right) but not the moves in between, so it neither pans, nor picks the node under the pointer, nor draws.
 */
export function attachDragPan<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, options: DragPanOptions): DragPan {
  const container = sigma.getContainer();
  let press: { x: number; y: number } | null = null;
  let offset = { dx: 0, dy: 0 };
  let dragging = false;
  let swallowClick = false;
  let pause: number | undefined;
  /** The stage's shorter side, read at the press: read on each move, after the canvases' transform was set, it made the browser lay the page out again each time. */
  let side = 0;

  /** The canvases that show the graph (not sigma's event layer, which stays under the pointer). */
  const pictures = (): HTMLCanvasElement[] => Object.entries(sigma.getCanvases()).filter(([id]) => id !== "mouse").map(([, canvas]) => canvas);
  const place = (dx: number, dy: number): void => {
    for (const canvas of pictures()) {
      canvas.style.willChange = "transform";
      canvas.style.transform = `translate3d(${dx}px, ${dy}px, 0)`;
    }
  };
  const unplace = (): void => {
    for (const canvas of pictures()) {
      canvas.style.transform = "";
      canvas.style.willChange = "";
    }
  };

  /** Whether this drag has drawn a frame in motion, which its end must replace with one at rest. */
  let drewMoving = false;
  /** Moves the camera by what the picture moved, draws there, and puts the canvases back. */
  const settle = (moving: boolean): void => {
    window.clearTimeout(pause);
    const { dx, dy } = offset;
    offset = { dx: 0, dy: 0 };
    let state: Pick<CameraState, "x" | "y"> | null = null;
    if (dx !== 0 || dy !== 0) {
      const camera = sigma.getCamera().getState();
      const from = sigma.viewportToFramedGraph({ x: 0, y: 0 });
      const to = sigma.viewportToFramedGraph({ x: dx, y: dy });
      state = { x: camera.x + from.x - to.x, y: camera.y + from.y - to.y };
    }
    if (state || (!moving && drewMoving)) options.commit(state, moving);
    drewMoving = moving && (drewMoving || state !== null);
    unplace();
  };

  const onDown = (event: MouseEvent): void => {
    swallowClick = false;
    if (event.button !== 0 || !options.enabled()) return;
    press = { x: event.clientX, y: event.clientY };
    offset = { dx: 0, dy: 0 };
    side = Math.min(container.clientWidth, container.clientHeight);
    dragging = false;
    drewMoving = false;
  };
  const onMove = (event: MouseEvent): void => {
    if (!press) return;
    if ((event.buttons & 1) === 0) {
      // The release happened where no listener saw it (outside the window): sigma, which saw the press
      // but not this drag's moves, would take this move for its own drag and pan the camera with the
      // pointer from here on (a move to the "+N not named" marker threw the graph off the stage).
      const dragged = dragging;
      finish();
      if (dragged) releaseSigma();
      return;
    }
    const dx = event.clientX - press.x;
    const dy = event.clientY - press.y;
    if (!dragging && Math.hypot(dx, dy) < CLICK_SLOP) {
      event.stopPropagation();
      return;
    }
    dragging = true;
    // Before sigma's own listener on the document: it would pan the camera and read the picking buffer.
    event.stopPropagation();
    offset = { dx, dy };
    place(dx, dy);
    window.clearTimeout(pause);
    if (Math.hypot(dx, dy) >= DRAG_REDRAW_SHARE * side) restart(event);
    else pause = window.setTimeout(() => press && restart(null), DRAG_REDRAW_PAUSE_MS);
  };
  /** Draws where the drag has got to, and goes on dragging from there. */
  const restart = (event: MouseEvent | null): void => {
    if (!press) return;
    const moved = offset;
    settle(true);
    press = event ? { x: event.clientX, y: event.clientY } : { x: press.x + moved.dx, y: press.y + moved.dy };
  };
  const finish = (): void => {
    if (!press) return;
    if (dragging) settle(false);
    press = null;
    dragging = false;
  };
  /** sigma's pointer state as its own release would leave it (it did not see the drag's moves, nor, here, its release). */
  const releaseSigma = (): void => {
    const captor = sigma.getMouseCaptor();
    captor.isMouseDown = false;
    captor.isMoving = false;
    captor.draggedEvents = 0;
  };
  const onUp = (event: Event): void => {
    const dragged = dragging;
    finish();
    if (!dragged) return;
    if (event.type !== "mouseup") return releaseSigma();
    // The click the browser sends with this release (in the same task, right after it) is the drag's end,
    // and only that one: a drag let go outside the window (no release here, no click; its end is a move
    // with no button held, or the window's blur) swallowed the next click on whatever it met, such as
    // the stage's "+N not named" marker, which no press on the stage had cleared.
    swallowClick = true;
    window.setTimeout(() => (swallowClick = false), 0);
    // sigma's own release would read its picking buffer for the node under the pointer (an "up" event
    // nobody here listens to), which waits for the GPU to finish the frame just drawn: in software WebGL
    // the release's task took that whole frame's drawing longer. Its state is put back as its release would.
    event.stopPropagation();
    releaseSigma();
  };
  const onClick = (event: MouseEvent): void => {
    if (!swallowClick) return;
    // A drag is not a click on whatever lies under the pointer at its end.
    swallowClick = false;
    event.stopPropagation();
  };

  container.addEventListener("mousedown", onDown, { capture: true });
  window.addEventListener("mousemove", onMove, { capture: true });
  window.addEventListener("mouseup", onUp, { capture: true });
  window.addEventListener("click", onClick, { capture: true });
  window.addEventListener("blur", onUp);
  return {
    get dragging() {
      return dragging;
    },
    detach() {
      container.removeEventListener("mousedown", onDown, { capture: true });
      window.removeEventListener("mousemove", onMove, { capture: true });
      window.removeEventListener("mouseup", onUp, { capture: true });
      window.removeEventListener("click", onClick, { capture: true });
      window.removeEventListener("blur", onUp);
      window.clearTimeout(pause);
      unplace();
    },
  };
}
