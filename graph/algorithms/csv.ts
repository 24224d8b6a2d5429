// CSV for spreadsheets: RFC 4180 quoting plus a guard against formula injection. One definition,
// used by the gap exports and the graph exports, so every CSV the project writes is read alike.

/**
 * One CSV field: quoted when it holds a comma, quote or line break (quotes doubled). A field a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading `'`.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first one the header) as CSV with CRLF line ends, the last line ended too (RFC 4180). */
export function csvRows(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return rows.map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}
