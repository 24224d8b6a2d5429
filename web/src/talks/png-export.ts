// PNG export through @sigma/export-image: a temporary sigma of the chosen size renders the same
// graph with the same settings and reducers (so fading, emphasis and labels match the screen) and
// the same camera, at a chosen pixel ratio, on the theme's background or a transparent one.
import { drawOnCanvas } from "@sigma/export-image";
import type { Attributes } from "graphology-types";
import type Sigma from "sigma";
import { themeColors, type Theme } from "../theme.ts";

export const PNG_PIXEL_RATIOS = [1, 2, 3, 4] as const;
export type PngPixelRatio = (typeof PNG_PIXEL_RATIOS)[number];

/** Bounds for one side in CSS pixels and for the whole image in device pixels (WebGL/canvas limits). */
export const PNG_LIMITS = { minSide: 16, maxSide: 4096, maxDevicePixels: 8192 } as const;

export interface PngOptions {
  /** Size in CSS pixels; the file is width × pixelRatio by height × pixelRatio pixels. */
  width: number;
  height: number;
  pixelRatio: PngPixelRatio;
  transparent: boolean;
  theme: Theme;
}

/** A reason the options cannot be exported, or null when they can. */
export function checkPngOptions(options: Pick<PngOptions, "width" | "height" | "pixelRatio">): string | null {
  const { width, height, pixelRatio } = options;
  for (const [name, side] of [["Width", width], ["Height", height]] as const) {
    if (!Number.isInteger(side) || side < PNG_LIMITS.minSide || side > PNG_LIMITS.maxSide) {
      return `${name} must be a whole number of pixels from ${PNG_LIMITS.minSide} to ${PNG_LIMITS.maxSide}.`;
    }
  }
  if (!(PNG_PIXEL_RATIOS as readonly number[]).includes(pixelRatio)) return `Pixel ratio must be one of ${PNG_PIXEL_RATIOS.join(", ")}.`;
  if (Math.max(width, height) * pixelRatio > PNG_LIMITS.maxDevicePixels) {
    return `${Math.max(width, height)} px × ${pixelRatio} is more than ${PNG_LIMITS.maxDevicePixels} pixels on a side; choose a smaller size or ratio.`;
  }
  return null;
}

/**
 * Runs `draw` while `window.devicePixelRatio` reads `ratio`. sigma and export-image read the ratio
 * only while constructing the temporary renderer and its canvas, which drawOnCanvas does
 * synchronously, so the explorer's own renderer never sees the override.
 */
function withPixelRatio<T>(ratio: number, draw: () => T): T {
  const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
  Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: () => ratio });
  try {
    return draw();
  } finally {
    if (own) Object.defineProperty(window, "devicePixelRatio", own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

/** Renders the current view into a PNG blob. */
export async function exportPng<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, options: PngOptions): Promise<Blob> {
  const problem = checkPngOptions(options);
  if (problem) throw new Error(problem);
  const camera = sigma.getCamera().getState();
  const canvas = await withPixelRatio(options.pixelRatio, () =>
    // export-image is typed for sigma's default attribute types; it only reads the graph generically.
    drawOnCanvas(sigma as unknown as Sigma, {
      width: options.width,
      height: options.height,
      cameraState: camera,
      backgroundColor: options.transparent ? "transparent" : themeColors(options.theme).background,
      // Every layer: the temporary renderer has no pointer, so its hover layers hold only what the
      // reducers mark as highlighted (the selection and the view's focus), as on screen.
      layers: null,
    }),
  );
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The browser could not encode the PNG."))), "image/png");
  });
}
