// sigma clears its hovered-nodes WebGL canvas on every frame, though it is empty on nearly all of them
// (nothing hovered, nothing selected). In software WebGL (no GPU) a canvas drawn into, a clear included,
// is read back whole for compositing: at 1440x900 one of the three read-backs each frame costs, for a
// canvas that shows nothing. Here its clear is skipped while nothing was drawn on it since the last one,
// so the canvas is left as it was presented: empty. Measured in docs/performance.md#the-release-of-a-pan-and-the-overview-on-a-phone.
import type Sigma from "sigma";
import type { Attributes } from "graphology-types";

/** Skips the clears of sigma's `hoverNodes` canvas that would clear an already empty canvas. */
export function quietHoverLayer<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>): void {
  const gl = (sigma as unknown as { webGLContexts: Record<string, WebGLRenderingContext | WebGL2RenderingContext | undefined> }).webGLContexts.hoverNodes;
  // WebGL 1 draws instances through an extension's function, which is not watched here: left alone.
  if (typeof WebGL2RenderingContext === "undefined" || !(gl instanceof WebGL2RenderingContext)) return;
  // Drawn on since its last clear: the next clear must happen.
  let drawn = true;
  const clear = gl.clear.bind(gl);
  gl.clear = (mask: number) => {
    if (!drawn) return;
    drawn = false;
    clear(mask);
  };
  const marked = <F extends (...args: never[]) => void>(draw: F): F => ((...args: Parameters<F>) => ((drawn = true), draw(...args))) as F;
  gl.drawArrays = marked(gl.drawArrays.bind(gl));
  gl.drawElements = marked(gl.drawElements.bind(gl));
  gl.drawArraysInstanced = marked(gl.drawArraysInstanced.bind(gl));
  gl.drawElementsInstanced = marked(gl.drawElementsInstanced.bind(gl));
}
