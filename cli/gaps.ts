// `pattern-atlas gaps <folder>`: the gap analysis from the command line. Prints a readable summary (or
// JSON, CSV, Markdown), fails a library's CI with --fail-on (on new findings only, with --baseline), and writes the reciprocal-declaration
// fixes as a patch to review (--fix-reciprocal --patch out.diff); it writes into the library only with --apply.
import { execFile } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  analyseGaps,
  filterFindings,
  findingsToCsv,
  findingsToMarkdown,
  GAP_GROUP_BY,
  GAP_KINDS,
  groupFindings,
  isGapGroupBy,
  type GapFinding,
  type GapGroupBy,
  type GapKind,
} from "../graph/gaps/index.ts";
import {
  baselineToText,
  buildBaseline,
  compareWithBaseline,
  findingKinds,
  parseBaseline,
  type BaselineComparison,
} from "../graph/gaps/index.ts";
import type { Library } from "../core/model.ts";
import { applyDecidedMode, noDecisions, summariseDecisions } from "../graph/gaps/index.ts";
import { readDecisions } from "../ingest/read-decisions.ts";
import { applyReciprocalPatch, buildReciprocalPatch } from "../ingest/fix-reciprocal.ts";
import { loadLibrary, readSnapshot } from "../ingest/index.ts";
import { loadLibraryHistory } from "../ingest/library-history.ts";
import { parseCommandLine, USAGE_EXIT, usageLine, UsageError } from "./args.ts";
import { baselineNote, decisionsNote, failReport, summary } from "./gaps-text.ts";

export const USAGE = `Usage: pattern-atlas gaps <folder | snapshot.json> [options]

Finds gaps in a pattern library's links: dangling references, one-sided declarations, lineage loops,
self-links, likely duplicates, orphans, islands, suggested links.

Output (default: a readable summary):
  --json                  the report as JSON          --csv   findings as CSV
  --markdown, --md        a Markdown report
  --kind K[,K...]         only these kinds (${GAP_KINDS.join(", ")};
                          aliases: one-sided, lineage, all)
  --domain D              only findings involving a pattern of domain D
  --pattern SLUG          only findings involving this pattern
  --group-by G            list groups of findings instead of findings: ${GAP_GROUP_BY.join(", ")}
                          (target: a link's target as written; file: the file the fix edits;
                          pattern: the primary pattern), in the summary, --json, --markdown, --fail-on
  --limit N               findings (or groups) listed per kind in the summary (default 10, 0 = all)
  --previous PATH         an earlier reading of the library (folder or snapshot) to resolve stale ids
  --show-decided          also list findings decided in the library's .pattern-atlas/decisions.yml
                          (intended or ignored; hidden by default), marked as decided
  --decisions FILE        read the decisions from FILE instead
  --no-history            do not resolve stale ids, slugs and titles through the library's git
                          history (read by default when the folder is inside a git repository; the
                          index is cached in the repository's .git/pattern-atlas/)

For a library's CI (the report goes to stdout, or to stderr when stdout carries --json, --csv or
--markdown):
  --fail-on K[,K...]      exit 1 with a report when findings of these kinds exist (kinds or aliases
                          as for --kind, plus "problems": files that produced no pattern); decided
                          findings never fail, and are counted in the report
  --write-baseline FILE   record today's findings (of the --fail-on kinds, else of the --kind filter,
                          else all) in FILE, sorted JSON, one finding per line; exits 0
  --baseline FILE         with --fail-on: fail only on findings FILE does not list, name them, and
                          list the baseline's findings that are fixed (delete them from FILE)

Fixing one-sided declarations (never touches the library unless --apply is given):
  --fix-reciprocal        add the missing reciprocal declarations (specializes_to for generalizes_from,
                          requires for enables, and the reverse), in each file's own generation and style
  --patch FILE            write them as a unified diff to FILE ("-" for stdout). Paths are relative to
                          the library folder, with a/ and b/ prefixes: apply it with
                            cd <folder> && git apply FILE      (folder is the repository root, or no git)
                            git apply --directory=<folder relative to the repo root> FILE   (from the root)
  --apply                 write the fixes into the library files instead

Exit codes: 0 no failing findings, 1 --fail-on kinds found, 2 usage or read error.
`;

const KIND_ALIASES: Record<string, readonly GapKind[]> = {
  "one-sided": ["one-sided-lineage", "one-sided-enables"],
  lineage: ["contradictory-lineage", "lineage-cycle"],
  all: GAP_KINDS,
};

/** Kind names and aliases to kinds; `extra` names (like "problems") pass through. */
function parseKindList(raw: string, option: string, extra: readonly string[] = []): { kinds: GapKind[]; extra: string[] } {
  const kinds = new Set<GapKind>();
  const extras = new Set<string>();
  for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    if ((GAP_KINDS as readonly string[]).includes(part)) kinds.add(part as GapKind);
    else if (KIND_ALIASES[part]) KIND_ALIASES[part]!.forEach((k) => kinds.add(k));
    else if (extra.includes(part)) extras.add(part);
    else {
      throw new UsageError(
        `Unknown ${option} '${part}'. Use ${[...GAP_KINDS, ...Object.keys(KIND_ALIASES), ...extra].join(", ")}.`,
      );
    }
  }
  return { kinds: GAP_KINDS.filter((k) => kinds.has(k)), extra: [...extras] };
}

/** The flags `pattern-atlas gaps` accepts. */
export const GAPS_OPTIONS = {
  json: { type: "boolean" },
  csv: { type: "boolean" },
  markdown: { type: "boolean" },
  md: { type: "boolean" },
  kind: { type: "string" },
  domain: { type: "string" },
  pattern: { type: "string" },
  limit: { type: "string" },
  "group-by": { type: "string" },
  previous: { type: "string" },
  "show-decided": { type: "boolean" },
  decisions: { type: "string" },
  "no-history": { type: "boolean" },
  "fail-on": { type: "string" },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  "fix-reciprocal": { type: "boolean" },
  patch: { type: "string" },
  apply: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export interface CliIo {
  stdout: (text: string | Buffer) => void;
  stderr: (text: string) => void;
  cwd: string;
}

async function readLibrary(where: string): Promise<{ library: Library; folder: boolean }> {
  const info = await stat(where).catch(() => undefined);
  if (!info) throw new UsageError(`Cannot read '${where}': no such folder or file.`);
  if (info.isDirectory()) return { library: await loadLibrary(where), folder: true };
  return { library: await readSnapshot(where), folder: false };
}

/** Runs the CLI with these arguments; returns the exit code (the caller exits). */
export async function runGapsCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv, GAPS_OPTIONS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(usageLine("gaps", error.message));
    return USAGE_EXIT;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    if (positionals.length !== 1) throw new UsageError("Give exactly one library folder (or snapshot file).");
    const formats = [values.json, values.csv, values.markdown || values.md].filter(Boolean).length;
    if (formats > 1) throw new UsageError("Choose one of --json, --csv, --markdown.");
    if (values.patch !== undefined && !values["fix-reciprocal"]) throw new UsageError("--patch goes with --fix-reciprocal.");
    if (values.patch === "-" && formats) throw new UsageError("--patch - writes the diff to stdout; it cannot share it with --json, --csv or --markdown.");
    if (values.apply && !values["fix-reciprocal"]) throw new UsageError("--apply goes with --fix-reciprocal.");
    if (values["fix-reciprocal"] && values.patch === undefined && !values.apply) {
      throw new UsageError("--fix-reciprocal needs --patch FILE (a diff to review) or --apply (write into the library).");
    }
    if (values.baseline !== undefined && values["fail-on"] === undefined) throw new UsageError("--baseline goes with --fail-on.");
    if (values.baseline !== undefined && values["write-baseline"] !== undefined) {
      throw new UsageError("Choose one of --baseline (check against it) and --write-baseline (record a new one).");
    }
    const groupByRaw = values["group-by"];
    if (groupByRaw !== undefined && !isGapGroupBy(groupByRaw)) {
      throw new UsageError(`Unknown --group-by '${groupByRaw}'. Use ${GAP_GROUP_BY.join(", ")}.`);
    }
    const groupBy: GapGroupBy | undefined = groupByRaw;
    if (groupBy !== undefined && values.csv) throw new UsageError("--csv has one row per finding; it cannot take --group-by.");
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, not '${values.limit}'.`);
    const kinds = values.kind !== undefined ? parseKindList(values.kind, "kind").kinds : [];
    const failOn = values["fail-on"] !== undefined ? parseKindList(values["fail-on"], "--fail-on kind", ["problems"]) : undefined;

    const root = path.resolve(io.cwd, positionals[0]!);
    const { library, folder } = await readLibrary(root);
    library.root = positionals[0]!;
    const previous = values.previous !== undefined ? (await readLibrary(path.resolve(io.cwd, values.previous))).library : undefined;
    const history = folder && !values["no-history"] ? (await loadLibraryHistory(root))?.index : undefined;
    const report = analyseGaps(library, { ...(previous ? { previous } : {}), ...(history ? { history } : {}) });
    if (values.domain !== undefined && !report.findings.some((f) => f.domains.includes(values.domain!))) {
      const domains = [...new Set(library.patterns.map((p) => p.domain).filter(Boolean))].sort();
      if (!domains.includes(values.domain)) throw new UsageError(`No domain '${values.domain}'. Domains: ${domains.join(", ")}.`);
    }
    if (values.pattern !== undefined && !library.patterns.some((p) => p.slug === values.pattern)) {
      throw new UsageError(`No pattern '${values.pattern}' in ${positionals[0]}.`);
    }
    const filter = { kinds, domain: values.domain, pattern: values.pattern };
    const decisions =
      values.decisions !== undefined ? await readDecisions(root, path.resolve(io.cwd, values.decisions), values.decisions) : folder ? await readDecisions(root) : noDecisions();
    for (const p of decisions.problems) io.stderr(`gaps: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}${p.line ? " (entry skipped)" : ""}\n`);
    const queue = summariseDecisions(report.findings, decisions);
    const findings = applyDecidedMode(filterFindings(report.findings, filter), decisions, values["show-decided"] ? "show" : "hide");
    const decidedNote = decisionsNote(decisions, queue, limit, values["show-decided"] === true);
    const files = new Map<string, string>(library.patterns.map((p) => [p.slug, p.file]));
    const fileOf = (slug: string) => files.get(slug);
    const grouping = groupBy ? { by: groupBy, fileOf } : undefined;

    const baseline = values.baseline !== undefined ? await readBaseline(path.resolve(io.cwd, values.baseline), values.baseline) : undefined;

    if (values["write-baseline"] !== undefined) {
      const recorded = failOn ? report.findings.filter((f) => findingKinds(f).some((k) => failOn.kinds.includes(k))) : findings;
      const problems = failOn?.extra.includes("problems") ? library.problems.filter((p) => p.fatal) : [];
      await writeFile(path.resolve(io.cwd, values["write-baseline"]), baselineToText(buildBaseline(recorded, problems)));
      io.stdout(`gaps: baseline of ${recorded.length + problems.length} finding(s) written to ${values["write-baseline"]}.\n`);
      return 0;
    }

    // The linter's report shares stdout with nothing else, unless stdout carries a format or a patch.
    const formatOnStdout = formats > 0 || values.patch === "-";
    const verdict = (text: string) => (formatOnStdout ? io.stderr(text) : io.stdout(text));

    if (values.json) {
      const groups = groupBy ? { groupBy, groups: groupFindings(findings, groupBy, fileOf).map((g) => g.group) } : {};
      const decided = Object.fromEntries(findings.filter((f) => decisions.entries.has(f.id)).map((f) => [f.id, decisions.entries.get(f.id)]));
      io.stdout(`${JSON.stringify({ ...report, findings, filter, ...groups, decisions: { file: decisions.file, ...queue.counts, stale: queue.stale, problems: decisions.problems, entries: decided } }, null, 2)}\n`);
    } else if (values.csv) io.stdout(findingsToCsv(findings));
    else if (values.markdown || values.md) io.stdout(findingsToMarkdown(report, findings, { filter, ...(groupBy ? { groupBy, fileOf } : {}) }));
    else if (values.patch === "-") io.stderr(summary(report, findings, limit, grouping, decisions) + decidedNote);
    else if (!failOn || values["fix-reciprocal"]) io.stdout(summary(report, findings, limit, grouping, decisions) + decidedNote);

    if (values["fix-reciprocal"]) {
      if (!folder) throw new UsageError("--fix-reciprocal needs a library folder, not a snapshot.");
      const patch = await buildReciprocalPatch(root, findings);
      const added = patch.files.reduce((n, f) => n + f.added.length, 0);
      const replaced = patch.files.reduce((n, f) => n + f.replaced.length, 0);
      const andReplaced = replaced ? ` and ${replaced} stale target(s) replaced (joined findings)` : "";
      const note = (text: string) => (values.patch === "-" ? io.stderr(text) : io.stdout(text));
      if (values.apply) {
        await applyReciprocalPatch(root, patch);
        note(`Wrote ${added} reciprocal declaration(s)${andReplaced} into ${patch.files.length} file(s) of ${positionals[0]}.\n`);
      }
      if (values.patch === "-") io.stdout(patch.diff);
      else if (values.patch !== undefined) {
        const out = path.resolve(io.cwd, values.patch);
        await writeFile(out, patch.diff);
        note(`Patch: ${added} reciprocal declaration(s)${andReplaced} in ${patch.files.length} file(s) -> ${values.patch}\n`);
        if (patch.files.length) note(await applyHint(root, out));
      }
      for (const s of patch.skipped) note(`Skipped ${s.file}: ${s.reason} (${s.findingIds.length} finding(s))\n`);
    }

    if (failOn) {
      // A decided finding never fails: it is a maintainer's recorded judgement, counted in the report.
      const failsOn = (f: GapFinding) => findingKinds(f).some((k) => failOn.kinds.includes(k));
      let failing = report.findings.filter((f) => failsOn(f) && !decisions.entries.has(f.id));
      const decidedFailOn = report.findings.filter((f) => failsOn(f) && decisions.entries.has(f.id)).length;
      const decidedLine = decidedFailOn ? `${decidedFailOn} decided finding(s) of these kinds did not count (${decisions.file}).\n` : "";
      let problemFiles = failOn.extra.includes("problems") ? library.problems.filter((p) => p.fatal) : [];
      let comparison: BaselineComparison | undefined;
      if (baseline) {
        comparison = compareWithBaseline(baseline, failing, problemFiles, [...failOn.kinds, ...(failOn.extra.includes("problems") ? ["problems" as const] : [])]);
        failing = comparison.added;
        problemFiles = problemFiles.filter((p) => comparison!.addedProblems.includes(p));
      }
      const known = (comparison ? baselineNote(comparison, values.baseline!, limit) : "") + decidedLine;
      if (failing.length || problemFiles.length) {
        verdict(failReport(report, failing, problemFiles, failOn.kinds, limit, comparison !== undefined, grouping) + known);
        return 1;
      }
      const what = [...failOn.kinds, ...failOn.extra].join(", ");
      verdict(`gaps: OK, no ${comparison ? "new " : ""}${what} findings in ${positionals[0]}.\n${known}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) io.stderr(`gaps: ${error.message}\n`);
    else io.stderr(`gaps: ${(error as Error).message}\n`);
    return 2;
  }
}

async function readBaseline(file: string, shown: string) {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) throw new UsageError(`Cannot read the baseline '${shown}' (write one with --write-baseline ${shown}).`);
  try {
    return parseBaseline(text);
  } catch (error) {
    throw new UsageError(`The baseline '${shown}' is ${(error as Error).message}.`, { cause: error });
  }
}

/** The exact `git apply` command for this library: its folder relative to the repository root, if any. */
async function applyHint(root: string, patchFile: string): Promise<string> {
  const git = await new Promise<string[] | undefined>((resolve) => {
    execFile("git", ["-C", root, "rev-parse", "--show-toplevel", "--show-prefix"], (error, stdout) =>
      resolve(error ? undefined : stdout.split("\n").map((s) => s.trim())),
    );
  });
  if (!git) return `Apply it with: cd ${root} && git apply ${patchFile}\n`;
  const [top, prefix = ""] = git;
  if (prefix === "") return `Apply it with: git -C ${top} apply ${patchFile}\n`;
  const dir = prefix.replace(/\/$/, "");
  return (
    `Apply it with: git -C ${top} apply --directory=${dir} ${patchFile}\n` +
    `(Run inside ${dir}/ without --directory, git apply would silently skip every file.)\n`
  );
}
