// A file's text as lines, edited by known line operations: split (keeping its line ends and final
// newline), rendered with the operations applied, and written as a unified diff (no general diff is
// needed: the operations say exactly what changed). The text is handled as latin1 so every byte maps
// to one char and back: context lines round-trip exactly whatever their encoding.

/** A change to a file's lines: replace original line `at` (0-based), or insert before it. */
export interface LineOp {
  at: number;
  replace: boolean;
  lines: string[];
}

/** A file's text split into lines (each keeps its `\r`, if any). */
export interface Lines {
  lines: string[];
  /** True when the text ends with a newline (the split's last empty element is not a line). */
  finalNewline: boolean;
  eol: "\n" | "\r\n";
}

export function splitLines(text: string): Lines {
  const lines = text.split("\n");
  const finalNewline = lines.length > 1 && lines[lines.length - 1] === "";
  if (finalNewline) lines.pop();
  const crlf = lines.filter((l) => l.endsWith("\r")).length;
  return { lines, finalNewline, eol: crlf > lines.length / 2 ? "\r\n" : "\n" };
}

/** The text with the operations applied (an insertion goes before the original line `at`). */
export function render(doc: Lines, ops: readonly LineOp[]): string {
  const before = new Map<number, string[]>();
  const replaced = new Map<number, string[]>();
  for (const op of ops) {
    if (op.replace) replaced.set(op.at, op.lines);
    else before.set(op.at, [...(before.get(op.at) ?? []), ...op.lines]);
  }
  const out: string[] = [];
  for (let i = 0; i <= doc.lines.length; i++) {
    out.push(...(before.get(i) ?? []));
    if (i === doc.lines.length) break;
    out.push(...(replaced.get(i) ?? [doc.lines[i]!]));
  }
  return out.join("\n") + (doc.finalNewline ? "\n" : "");
}

/** Unchanged lines shown around each change. */
const CONTEXT = 3;

/** A `git apply`-compatible diff of one file: `--- a/<file>`, `+++ b/<file>`, hunks with 3 lines of context. */
export function unifiedDiff(file: string, doc: Lines, ops: readonly LineOp[]): string {
  if (ops.length === 0) return "";
  const { lines } = doc;
  // Each change: original range [start, start + removed) replaced by `added`.
  const changes = ops
    .map((op) => ({ start: op.at, removed: op.replace ? 1 : 0, added: op.lines }))
    .sort((a, b) => a.start - b.start || a.removed - b.removed);
  const merged: { start: number; removed: number; added: string[] }[] = [];
  for (const c of changes) {
    const last = merged[merged.length - 1];
    if (last && last.start + last.removed === c.start && last.removed === 0) {
      last.removed += c.removed;
      last.added.push(...c.added);
    } else merged.push({ ...c, added: [...c.added] });
  }
  const hunks: (typeof merged)[] = [];
  for (const c of merged) {
    const h = hunks[hunks.length - 1];
    const prev = h?.[h.length - 1];
    if (prev && c.start - (prev.start + prev.removed) <= 2 * CONTEXT) h!.push(c);
    else hunks.push([c]);
  }
  const out = [`diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`];
  let shift = 0;
  const noEol = "\\ No newline at end of file";
  const lastIndex = lines.length - 1;
  const emit = (prefix: string, i: number) => {
    out.push(`${prefix}${lines[i]}`);
    if (i === lastIndex && !doc.finalNewline) out.push(noEol);
  };
  for (const h of hunks) {
    const first = h[0]!;
    const lastC = h[h.length - 1]!;
    const from = Math.max(0, first.start - CONTEXT);
    const to = Math.min(lines.length, lastC.start + lastC.removed + CONTEXT);
    const mark = out.length;
    out.push("");
    let oldCount = 0;
    let newCount = 0;
    let i = from;
    for (const c of h) {
      for (; i < c.start; i++) {
        emit(" ", i);
        oldCount++;
        newCount++;
      }
      for (let k = 0; k < c.removed; k++, i++) {
        emit("-", i);
        oldCount++;
      }
      for (const l of c.added) {
        out.push(`+${l}`);
        newCount++;
      }
    }
    for (; i < to; i++) {
      emit(" ", i);
      oldCount++;
      newCount++;
    }
    const oldStart = oldCount ? from + 1 : from;
    const newStart = newCount ? from + 1 + shift : from + shift;
    out[mark] = `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`;
    shift += newCount - oldCount;
  }
  return out.join("\n") + "\n";
}
