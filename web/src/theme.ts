// Light and dark themes: the CSS side is custom properties keyed on <html data-theme>, the canvas
// side (sigma labels, faded items, halos) reads the same choice from `themeColors()`.

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export interface ThemeColors {
  background: string;
  label: string;
  labelHalo: string;
  hoverBox: string;
  hoverBorder: string;
  fadedNode: string;
  /**
   * Opaque on purpose: sigma's WebGL blending treats colours as premultiplied, so a translucent
   * white (rgba(255,255,255,0.04)) is drawn bright white instead of faint.
   */
  fadedEdge: string;
  /** How far overview edges are mixed from their domain colour towards the background (0..1). */
  overviewEdgeMix: number;
  danglingNode: string;
  accent: string;
  /** A link a gap finding's fix proposes to remove (a lineage loop's cut). */
  cutEdge: string;
}

const COLORS: Record<Theme, ThemeColors> = {
  light: {
    background: "#f6f7f9",
    label: "#1b1e24",
    labelHalo: "rgba(246,247,249,0.92)",
    hoverBox: "#ffffff",
    hoverBorder: "rgba(15,23,42,0.16)",
    fadedNode: "#d8dbe1",
    fadedEdge: "#e6e8ec",
    overviewEdgeMix: 0.8,
    danglingNode: "#b8bcc6",
    accent: "#4f46e5",
    cutEdge: "#dc2626",
  },
  dark: {
    background: "#0f1116",
    label: "#e7e9ee",
    labelHalo: "rgba(15,17,22,0.9)",
    hoverBox: "#1c2029",
    hoverBorder: "rgba(255,255,255,0.18)",
    fadedNode: "#2a2f3a",
    fadedEdge: "#1c2029",
    overviewEdgeMix: 0.74,
    danglingNode: "#4b5160",
    accent: "#8f8cff",
    cutEdge: "#f87171",
  },
};

const STORAGE_KEY = "pattern-atlas:theme";
const listeners = new Set<(theme: Theme) => void>();

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

export function themeColors(theme: Theme = currentTheme()): ThemeColors {
  return COLORS[theme];
}

/** Saved choice first, then the system preference; `?theme=` in the URL wins for a shared link. */
export function initialTheme(): Theme {
  const fromUrl = new URLSearchParams(window.location.search).get("theme");
  if (fromUrl === "light" || fromUrl === "dark") return fromUrl;
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // Storage can be disabled (private mode, sandboxed iframe); the system preference still applies.
  }
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyTheme(theme: Theme, persist = false): void {
  document.documentElement.dataset.theme = theme;
  if (persist) {
    try {
      window.localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // See initialTheme: not being able to remember is fine.
    }
  }
  for (const listener of listeners) listener(theme);
}

export function onThemeChange(listener: (theme: Theme) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
