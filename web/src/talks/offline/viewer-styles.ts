// The offline viewer's stylesheet as a string, inlined into every snapshot file by buildOfflineHtml:
// the explorer's colour tokens for both themes, the stage, the legend, the details card and buttons.

export const OFFLINE_CSS = `
:root {
  --font-sans: "Inter", ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px;
}
html[data-theme="light"] {
  color-scheme: light;
  --bg: #f6f7f9; --surface: #ffffff; --surface-2: #f1f3f6; --text: #1b1e24; --text-2: #4b5361;
  --muted: #6b7280; --border: #e2e5ea; --accent: #4f46e5; --accent-soft: #eef0ff; --focus: #4f46e5;
  --shadow: 0 1px 2px rgba(15, 23, 42, 0.06), 0 8px 24px rgba(15, 23, 42, 0.08);
}
html[data-theme="dark"] {
  color-scheme: dark;
  --bg: #0f1116; --surface: #171a21; --surface-2: #1d2129; --text: #e7e9ee; --text-2: #b9bfca;
  --muted: #8d95a3; --border: #272c36; --accent: #8f8cff; --accent-soft: #25244a; --focus: #a5a3ff;
  --shadow: 0 1px 2px rgba(0, 0, 0, 0.4), 0 8px 24px rgba(0, 0, 0, 0.35);
}
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font-family: var(--font-sans); color: var(--text); background: var(--bg); line-height: 1.45;
  overflow: hidden; -webkit-font-smoothing: antialiased;
}
button { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.offline { position: fixed; inset: 0; }
.offline__loading, .offline__noscript, .offline__error { margin: 2rem; color: var(--text-2); }
.offline__error { color: #b91c1c; }
.offline__graph { position: absolute; inset: 0; }
.offline__header {
  position: absolute; top: 12px; left: 12px; max-width: min(560px, calc(100% - 24px)); z-index: 2;
  background: color-mix(in srgb, var(--surface) 92%, transparent); border: 1px solid var(--border);
  border-radius: 10px; padding: 10px 14px; box-shadow: var(--shadow);
}
.offline__title { margin: 0; font-size: 1.05rem; font-weight: 650; }
.offline__subtitle { margin: 2px 0 0; color: var(--text-2); font-size: 0.87rem; }
.offline__meta { margin: 4px 0 0; color: var(--muted); font-size: 0.78rem; }
.offline__tools { position: absolute; right: 12px; bottom: 12px; display: flex; gap: 6px; z-index: 2; }
/* Top right: the header holds the top left, the legend the bottom left, the tools the bottom right. */
.offline__steps {
  position: absolute; right: 12px; top: 12px; z-index: 3;
  display: grid; grid-template-columns: 40px auto 40px 1fr; align-items: center; gap: 8px;
  width: min(560px, calc(100% - 600px)); min-width: 320px; padding: 8px 12px; border-radius: 12px;
  background: var(--surface); border: 1px solid var(--border); box-shadow: var(--shadow);
}
.offline__step-count { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 0.85rem; }
.offline__step-text { margin: 0; font-weight: 600; }
/* The lit patterns left unlabelled, named in a list that opens from the steps bar. */
.offline__names-toggle {
  grid-column: 1 / -1; justify-self: start; min-height: 32px; padding: 4px 10px; border-radius: 8px; cursor: pointer;
  background: var(--accent-soft); color: var(--text); border: 1px solid var(--border); font-size: 0.87rem;
}
.offline__names-toggle::after { content: " ▸"; }
.offline__names-toggle[aria-expanded="true"]::after { content: " ▾"; }
.offline__names-toggle[hidden], .offline__names[hidden] { display: none; }
.offline__names {
  grid-column: 1 / -1; list-style: none; margin: 0; padding: 0; max-height: 30vh; overflow: auto;
  columns: 2 150px; column-gap: 12px; font-size: 0.87rem;
}
.offline__names li { break-inside: avoid; }
.offline__names .offline__link { min-height: 28px; }
.offline__names .offline__link[aria-current="true"] { font-weight: 650; text-decoration: underline; }
@media (max-width: 900px) {
  .offline__steps { top: auto; bottom: 64px; left: 12px; width: auto; min-width: 0; grid-template-columns: 40px auto 40px 1fr; }
  .offline__step-text { grid-column: 1 / -1; }
  /* Opened, the list of unlabelled patterns takes the caption's place: the walk keeps the room above. */
  .offline__steps:has(.offline__names-toggle[aria-expanded="true"]) .offline__step-text { display: none; }
  .offline__names { max-height: 24vh; }
}
.offline__button {
  min-width: 36px; height: 36px; padding: 0 10px; border-radius: 8px; cursor: pointer;
  background: var(--surface); border: 1px solid var(--border); box-shadow: var(--shadow); font-size: 1rem;
}
.offline__button:hover { background: var(--surface-2); }
.offline__legend {
  position: absolute; left: 12px; bottom: 12px; z-index: 2; max-width: min(360px, calc(100% - 90px));
  max-height: 40vh; overflow: auto; background: color-mix(in srgb, var(--surface) 92%, transparent);
  border: 1px solid var(--border); border-radius: 10px; padding: 8px 12px; font-size: 0.8rem; box-shadow: var(--shadow);
}
.offline__legend h2 { margin: 4px 0; font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.offline__legend ul { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
.offline__legend li { display: flex; align-items: center; gap: 6px; }
.offline__swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; }
.offline__dot { width: 10px; height: 10px; border-radius: 50%; display: inline-block; }
.offline__card {
  position: absolute; top: 12px; right: 12px; width: min(360px, calc(100% - 24px)); max-height: calc(100% - 72px);
  overflow: auto; z-index: 3; background: var(--surface); border: 1px solid var(--border); border-radius: 10px;
  padding: 14px 16px; box-shadow: var(--shadow);
}
.offline__card[hidden] { display: none; }
.offline__card h2 { margin: 0 28px 4px 0; font-size: 1.1rem; }
.offline__card p { margin: 4px 0; }
.offline__card .offline__facts { color: var(--text-2); font-size: 0.87rem; }
.offline__card h3 { margin: 12px 0 4px; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.offline__card ul { list-style: none; margin: 0; padding: 0; }
.offline__card li { margin: 2px 0; }
.offline__link { background: none; border: 0; padding: 2px 0; color: var(--accent); cursor: pointer; text-align: left; }
.offline__link:hover { text-decoration: underline; }
.offline__close { position: absolute; top: 8px; right: 8px; width: 30px; height: 30px; border-radius: 6px; border: 0; background: none; cursor: pointer; font-size: 1.2rem; }
.offline__close:hover { background: var(--surface-2); }
.offline__tooltip {
  position: absolute; left: 0; top: 0; z-index: 4; pointer-events: none; max-width: 320px;
  background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 4px 8px;
  font-size: 0.82rem; box-shadow: var(--shadow);
}
.offline__tooltip[hidden] { display: none; }
@media (max-width: 640px) {
  .offline__legend { display: none; }
  .offline__card { top: auto; bottom: 0; right: 0; left: 0; width: 100%; max-height: 55%; border-radius: 10px 10px 0 0; }
}
/*
 * A short window (a phone on its side: 844x390): the header, steps bar and legend took over 70% of the
 * height and left the graph a sliver between them. The header keeps its title and subtitle on one line
 * each, the steps bar is one row at the bottom beside the tools (its caption two lines at most), and
 * the legend is left out as on a narrow phone: the walk is fitted between the two (fitBetweenBars).
 */
@media (max-height: 500px) {
  .offline__header { top: 8px; left: 8px; padding: 5px 12px; max-width: min(560px, calc(100% - 16px)); }
  .offline__title { font-size: 0.95rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .offline__subtitle { margin: 0; font-size: 0.8rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .offline__meta { display: none; }
  .offline__steps {
    top: auto; bottom: 8px; left: 8px; right: 186px; width: auto; min-width: 0; padding: 4px 8px; gap: 6px;
    grid-template-columns: 32px auto 32px minmax(0, 1fr) auto;
  }
  .offline__steps .offline__button { height: 32px; min-width: 32px; }
  .offline__step-text {
    grid-column: auto; font-size: 0.88rem; line-height: 1.3; overflow: hidden;
    display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  }
  .offline__names-toggle { grid-column: auto; min-height: 28px; padding: 2px 8px; font-size: 0.82rem; }
  .offline__names { grid-column: 1 / -1; max-height: 45vh; }
  .offline__steps:has(.offline__names-toggle[aria-expanded="true"]) .offline__step-text { display: -webkit-box; }
  .offline__legend { display: none; }
  .offline__tools { bottom: 8px; right: 8px; }
  .offline__card { top: 8px; max-height: calc(100% - 64px); }
}
`;
