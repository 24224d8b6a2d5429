// sigma's line edge program, whose drawn links are kept as a picture and moved, not drawn again, when
// the camera only pans. Why: in software WebGL (SwiftShader, Chromium without a GPU) drawing the 13,202
// links of the largest opened community at ten times the library took ~33 ms of the GPU process's CPU
// in each frame after a pan, the largest single part of that frame; a pan at the same zoom leaves every
// link's pixels as they were, moved by whole pixels. So once the camera has panned with the links
// unchanged, they are drawn once into a texture covering their extent (up to half a stage beyond
// each side of it), and each later frame at that zoom draws that texture, moved, as one rectangle
// (docs/performance.md#the-frame-after-a-pan-release-at-10x-links-kept-as-a-picture-2026-12-0607-2249-0011-utc-load-25-33). Any change of
// the links' data, the zoom, the stage's size or a pan of a fraction of a pixel draws them again, as sigma does.
import { EdgeLineProgram } from "sigma/rendering";
import type { RenderParams } from "sigma/types";
import type { Attributes } from "graphology-types";
import { LINE_CACHE_MIN_LINES } from "./view-style.ts";


/** A pan moving the picture by this far from whole pixels draws the links again (float error is ~1e-4 px). */
const WHOLE_PIXEL = 0.01;

const QUAD_VERTEX = `
attribute vec2 a_corner;
void main() {
  gl_Position = vec4(a_corner, 0.0, 1.0);
}
`;

// gl_FragCoord is a pixel's centre, so a whole-pixel offset samples each texel's centre: the same bytes.
const QUAD_FRAGMENT = `
precision highp float;
uniform sampler2D u_picture;
uniform vec2 u_origin;
uniform vec2 u_size;
void main() {
  gl_FragColor = texture2D(u_picture, (gl_FragCoord.xy - u_origin) / u_size);
}
`;

/** Where the kept picture lies, in drawing-buffer pixels (WebGL's: y up) of the camera it was drawn with. */
interface Picture {
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
  /** The matrix it was drawn with. */
  matrix: Float32Array;
  width: number;
  height: number;
  /** The drawing buffer's size then. */
  bufferWidth: number;
  bufferHeight: number;
  /** Its lower left corner, and the links' extent it holds, as drawn with `matrix`. */
  x: number;
  y: number;
  extent: Box;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Blitter {
  program: WebGLProgram;
  buffer: WebGLBuffer;
  corner: number;
  origin: WebGLUniformLocation;
  size: WebGLUniformLocation;
  picture: WebGLUniformLocation;
}

/** The same zoom, turn and stage: the two matrices differ by a translation only. */
function sameLinear(a: Float32Array, b: Float32Array): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5] && a[8] === b[8];
}

export class EdgeLineCachedProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends EdgeLineProgram<N, E, G> {
  /** The links' data changed since the last frame (sigma processed or reallocated them). */
  private changed = true;
  /** The matrix of the last frame that drew the links themselves. */
  private lastMatrix: Float32Array | null = null;
  private picture: Picture | null = null;
  private blitter: Blitter | null = null;

  reallocate(capacity: number): void {
    this.changed = true;
    super.reallocate(capacity);
  }

  process(...args: Parameters<EdgeLineProgram<N, E, G>["process"]>): void {
    this.changed = true;
    super.process(...args);
  }

  render(params: RenderParams): void {
    if (this.hasNothingToRender()) return;
    const gl = this.normalProgram.gl;
    const bufferWidth = Math.round(params.width * params.pixelRatio);
    const bufferHeight = Math.round(params.height * params.pixelRatio);
    if (this.picture && !this.changed && !this.pickProgram) {
      const at = this.placement(this.picture, params.matrix, bufferWidth, bufferHeight);
      if (at) return this.blit(gl, this.picture, at, bufferWidth, bufferHeight);
    }
    if (this.picture) this.picture = this.forget(this.picture);
    // The links are kept only once the camera has panned with them unchanged: a frame that changes them
    // (a hover, a community opened) or the zoom draws them as sigma does, and costs what it did.
    const last = this.lastMatrix;
    const panned = !this.changed && !this.pickProgram && last !== null && sameLinear(last, params.matrix);
    this.changed = false;
    this.lastMatrix = Float32Array.from(params.matrix);
    // Kept as the last frame drew them where they were all on its stage (exactly its pixels), else as now.
    if (panned && (this.keep(gl, params, last, true) || this.keep(gl, params, params.matrix, false))) {
      const at = this.placement(this.picture!, params.matrix, bufferWidth, bufferHeight);
      if (at) return this.blit(gl, this.picture!, at, bufferWidth, bufferHeight);
      this.picture = this.forget(this.picture!);
    }
    super.render(params);
  }

  kill(): void {
    if (this.picture) this.forget(this.picture);
    if (this.blitter) {
      this.normalProgram.gl.deleteProgram(this.blitter.program);
      this.normalProgram.gl.deleteBuffer(this.blitter.buffer);
    }
    super.kill();
  }

  private forget(picture: Picture): null {
    const gl = this.normalProgram.gl;
    gl.deleteTexture(picture.texture);
    gl.deleteFramebuffer(picture.framebuffer);
    return null;
  }

  /** The links' extent in drawing-buffer pixels under `matrix`, with room for a line's width; null when none is drawn. */
  private extent(matrix: Float32Array, bufferWidth: number, bufferHeight: number): Box | null {
    const array = this.array;
    const stride = this.ATTRIBUTES_ITEMS_COUNT;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < this.verticesCount; i += 2) {
      const a = i * stride;
      const b = a + stride;
      // A hidden link is written as zeros (sigma's EdgeProgram.process) and draws nothing.
      if (array[a] === 0 && array[a + 1] === 0 && array[a + 2] === 0 && array[b] === 0 && array[b + 1] === 0 && array[b + 2] === 0) continue;
      for (const v of [a, b]) {
        const x = array[v]!;
        const y = array[v + 1]!;
        const px = ((matrix[0]! * x + matrix[3]! * y + matrix[6]! + 1) * bufferWidth) / 2;
        const py = ((matrix[1]! * x + matrix[4]! * y + matrix[7]! + 1) * bufferHeight) / 2;
        if (px < x0) x0 = px;
        if (px > x1) x1 = px;
        if (py < y0) y0 = py;
        if (py > y1) y1 = py;
      }
    }
    return x0 <= x1 ? { x0: Math.floor(x0) - 2, y0: Math.floor(y0) - 2, x1: Math.ceil(x1) + 2, y1: Math.ceil(y1) + 2 } : null;
  }

  /** How far the kept picture moved under `matrix`, in whole pixels; null when it cannot be used as it is. */
  private placement(picture: Picture, matrix: Float32Array, bufferWidth: number, bufferHeight: number): { dx: number; dy: number } | null {
    if (picture.bufferWidth !== bufferWidth || picture.bufferHeight !== bufferHeight || !sameLinear(picture.matrix, matrix)) return null;
    const dx = ((matrix[6]! - picture.matrix[6]!) * bufferWidth) / 2;
    const dy = ((matrix[7]! - picture.matrix[7]!) * bufferHeight) / 2;
    if (Math.abs(dx - Math.round(dx)) > WHOLE_PIXEL || Math.abs(dy - Math.round(dy)) > WHOLE_PIXEL) return null;
    const at = { dx: Math.round(dx), dy: Math.round(dy) };
    // The stage now, where the picture was drawn: each link's pixels on it must be in the picture.
    const seen = { x0: Math.max(-at.dx, picture.extent.x0), y0: Math.max(-at.dy, picture.extent.y0), x1: Math.min(bufferWidth - at.dx, picture.extent.x1), y1: Math.min(bufferHeight - at.dy, picture.extent.y1) };
    const held = seen.x0 >= seen.x1 || seen.y0 >= seen.y1 || (seen.x0 >= picture.x && seen.y0 >= picture.y && seen.x1 <= picture.x + picture.width && seen.y1 <= picture.y + picture.height);
    return held ? at : null;
  }

  /** Draws the links into a texture covering their extent (within half a stage of it); false when it cannot. */
  private keep(gl: WebGLRenderingContext, params: RenderParams, drawnWith: Float32Array, onStageOnly: boolean): boolean {
    const bufferWidth = Math.round(params.width * params.pixelRatio);
    const bufferHeight = Math.round(params.height * params.pixelRatio);
    if (this.verticesCount / 2 < LINE_CACHE_MIN_LINES) return false;
    const extent = this.extent(drawnWith, bufferWidth, bufferHeight);
    if (!extent) return false;
    // Links all on the stage (the overview as a whole): a texture of the stage's size, drawn with the
    // stage's own matrix, holds exactly the stage's pixels. Else one covering their extent, up to half a
    // stage beyond each side, drawn with the matrix moved to it: a line may then round a pixel differently.
    const onStage = extent.x0 >= 0 && extent.y0 >= 0 && extent.x1 <= bufferWidth && extent.y1 <= bufferHeight;
    if (onStageOnly && !onStage) return false;
    const x = onStage ? 0 : Math.max(extent.x0, -Math.ceil(bufferWidth / 2));
    const y = onStage ? 0 : Math.max(extent.y0, -Math.ceil(bufferHeight / 2));
    const width = onStage ? bufferWidth : Math.min(extent.x1, bufferWidth + Math.ceil(bufferWidth / 2)) - x;
    const height = onStage ? bufferHeight : Math.min(extent.y1, bufferHeight + Math.ceil(bufferHeight / 2)) - y;
    const max = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    if (width <= 0 || height <= 0 || width > max || height > max) return false;

    const texture = gl.createTexture();
    const framebuffer = gl.createFramebuffer();
    if (!texture || !framebuffer) return false;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
    for (const [key, value] of [
      [gl.TEXTURE_MIN_FILTER, gl.NEAREST],
      [gl.TEXTURE_MAG_FILTER, gl.NEAREST],
      [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE],
      [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE],
    ] as const)
      gl.texParameteri(gl.TEXTURE_2D, key, value);
    gl.bindTexture(gl.TEXTURE_2D, null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.deleteTexture(texture);
      gl.deleteFramebuffer(framebuffer);
      return false;
    }
    gl.viewport(0, 0, width, height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    // The stage's matrix followed by the move from the stage's clip space to the texture's: the same
    // pixels, `x` and `y` pixels away.
    const m = drawnWith;
    const [sx, sy] = [bufferWidth / width, bufferHeight / height];
    const [tx, ty] = [sx - 1 - (2 * x) / width, sy - 1 - (2 * y) / height];
    const matrix = onStage ? m : Float32Array.of(sx * m[0]!, sy * m[1]!, m[2]!, sx * m[3]!, sy * m[4]!, m[5]!, sx * m[6]! + tx, sy * m[7]! + ty, m[8]!);
    this.bindProgram(this.normalProgram);
    this.renderProgram({ ...params, matrix }, { ...this.normalProgram, frameBuffer: framebuffer });
    this.unbindProgram(this.normalProgram);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.picture = { texture, framebuffer, matrix: Float32Array.from(drawnWith), width, height, bufferWidth, bufferHeight, x, y, extent };
    return true;
  }

  private blitterFor(gl: WebGLRenderingContext): Blitter | null {
    if (this.blitter) return this.blitter;
    const compile = (type: number, source: string) => {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      return shader;
    };
    const program = gl.createProgram();
    const buffer = gl.createBuffer();
    if (!program || !buffer) return null;
    const shaders = [compile(gl.VERTEX_SHADER, QUAD_VERTEX), compile(gl.FRAGMENT_SHADER, QUAD_FRAGMENT)];
    for (const shader of shaders) gl.attachShader(program, shader);
    gl.linkProgram(program);
    for (const shader of shaders) gl.deleteShader(shader);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) return null;
    this.blitter = {
      program,
      buffer,
      corner: gl.getAttribLocation(program, "a_corner"),
      origin: gl.getUniformLocation(program, "u_origin")!,
      size: gl.getUniformLocation(program, "u_size")!,
      picture: gl.getUniformLocation(program, "u_picture")!,
    };
    return this.blitter;
  }

  /** Draws the kept picture `at` whole pixels from where it was drawn, over what the stage holds (sigma's blending). */
  private blit(gl: WebGLRenderingContext, picture: Picture, at: { dx: number; dy: number }, bufferWidth: number, bufferHeight: number): void {
    const blitter = this.blitterFor(gl);
    if (!blitter) {
      this.picture = this.forget(picture);
        return;
    }
    // Only where links are (the texture beyond their extent is empty), moved.
    const [x0, y0] = [Math.max(picture.x, picture.extent.x0) + at.dx, Math.max(picture.y, picture.extent.y0) + at.dy];
    const [x1, y1] = [Math.min(picture.x + picture.width, picture.extent.x1) + at.dx, Math.min(picture.y + picture.height, picture.extent.y1) + at.dy];
    const clip = (v: number, size: number) => (2 * v) / size - 1;
    gl.viewport(0, 0, bufferWidth, bufferHeight);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.useProgram(blitter.program);
    gl.bindBuffer(gl.ARRAY_BUFFER, blitter.buffer);
    gl.bufferData(
      gl.ARRAY_BUFFER,
      Float32Array.of(clip(x0, bufferWidth), clip(y0, bufferHeight), clip(x1, bufferWidth), clip(y0, bufferHeight), clip(x0, bufferWidth), clip(y1, bufferHeight), clip(x1, bufferWidth), clip(y1, bufferHeight)),
      gl.STREAM_DRAW,
    );
    gl.enableVertexAttribArray(blitter.corner);
    gl.vertexAttribPointer(blitter.corner, 2, gl.FLOAT, false, 0, 0);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, picture.texture);
    gl.uniform1i(blitter.picture, 0);
    gl.uniform2f(blitter.origin, picture.x + at.dx, picture.y + at.dy);
    gl.uniform2f(blitter.size, picture.width, picture.height);
    gl.enable(gl.BLEND);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.disableVertexAttribArray(blitter.corner);
    gl.bindTexture(gl.TEXTURE_2D, null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
  }
}
