// Every relative link in the documentation (README.md and docs/) leads somewhere: the file exists
// and, when the link names an #anchor, the target page has a heading (or an id) that GitHub would
// give that anchor. Pages are split and moved often; a broken link is a test failure, not a 404.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import GithubSlugger from "github-slugger";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";

const REPO = resolve(new URL("../../", import.meta.url).pathname);
const markdown = new MarkdownIt({ html: true });
type Token = ReturnType<typeof markdown.parse>[number];

/** README.md and every Markdown file below docs/, as absolute paths. */
function documentationFiles(): string[] {
  const below = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return below(path);
      return entry.name.endsWith(".md") ? [path] : [];
    });
  return [join(REPO, "README.md"), ...below(join(REPO, "docs"))];
}

/** Tokens with their inline children, depth first. */
function* allTokens(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* allTokens(token.children);
  }
}

/** The anchors GitHub gives a page: one per heading (slugged, duplicates numbered), plus HTML ids. */
export function anchorsOf(text: string): Set<string> {
  const tokens = markdown.parse(text, {});
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") {
      const inline = tokens[i + 1]!;
      const words = (inline.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content);
      anchors.add(slugger.slug(words.join("")));
    }
  });
  for (const token of allTokens(tokens)) {
    if (token.type === "html_block" || token.type === "html_inline") {
      for (const match of token.content.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
    }
  }
  return anchors;
}

/** Every link or image target in a page that is not an absolute URL. */
export function relativeTargets(text: string): string[] {
  const targets: string[] = [];
  for (const token of allTokens(markdown.parse(text, {}))) {
    const attribute = token.type === "link_open" ? token.attrGet("href") : token.type === "image" ? token.attrGet("src") : null;
    const target = attribute === null ? null : String(attribute);
    if (target !== null && !/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
  }
  return targets;
}

/** What is wrong with each relative link of the page at `file` (an empty list when every link resolves). */
export function brokenLinks(file: string, text: string, readPage: (path: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const target of relativeTargets(text)) {
    const hash = target.indexOf("#");
    const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
    const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const targetFile = pathPart === "" ? file : resolve(dirname(file), pathPart);
    if (pathPart !== "" && !existsSync(targetFile)) {
      broken.push(`${target}: no file ${relative(REPO, targetFile)}`);
      continue;
    }
    if (anchor === undefined) continue;
    const page = targetFile === file ? text : readPage(targetFile);
    if (page === undefined) {
      broken.push(`${target}: an anchor into a file that is not a Markdown page`);
    } else if (!anchorsOf(page).has(anchor)) {
      broken.push(`${target}: no heading or id '${anchor}' in ${relative(REPO, targetFile)}`);
    }
  }
  return broken;
}

const readPage = (path: string): string | undefined => (path.endsWith(".md") && existsSync(path) ? readFileSync(path, "utf8") : undefined);

describe("the documentation's links", () => {
  const files = documentationFiles();

  it("finds the README and the docs pages", () => {
    expect(files.map((f) => relative(REPO, f))).toEqual(expect.arrayContaining(["README.md", "docs/README.md", "docs/api.md"]));
  });

  it.each(files.map((f) => [relative(REPO, f), f]))("%s has no broken relative link or anchor", (_name, file) => {
    expect(brokenLinks(file, readFileSync(file, "utf8"), readPage)).toEqual([]);
  });

  it("links every docs page from the docs index", () => {
    const index = join(REPO, "docs", "README.md");
    const linked = new Set(relativeTargets(readFileSync(index, "utf8")).map((t) => resolve(dirname(index), t.split("#")[0]!)));
    const pages = files.filter((f) => f.startsWith(join(REPO, "docs")) && f !== index);
    expect(pages.filter((p) => !linked.has(p)).map((p) => relative(REPO, p))).toEqual([]);
  });
});

describe("the link checker", () => {
  const file = join(REPO, "docs", "example.md");
  const page = [
    "# Title",
    "## Figures of 2026-11-28 ~09:00 UTC",
    "## `npm run gaps`",
    "## Notes",
    "## Notes",
    '<a id="custom"></a>',
    "[ok](#title) [ok](#figures-of-2026-11-28-0900-utc) [ok](#npm-run-gaps) [ok](#notes-1) [ok](#custom)",
    "[ok](api.md#errors) [ok](../README.md) [ok](https://example.org/x#y) `[not a link](nowhere.md)`",
    "[bad](#missing) [bad](nowhere.md) [bad](api.md#no-such-heading) ![bad](images/none.png)",
  ].join("\n\n");

  it("reports a missing file, a missing anchor on the same page and on another page, and a missing image", () => {
    expect(brokenLinks(file, page, readPage)).toEqual([
      "#missing: no heading or id 'missing' in docs/example.md",
      "nowhere.md: no file docs/nowhere.md",
      "api.md#no-such-heading: no heading or id 'no-such-heading' in docs/api.md",
      "images/none.png: no file docs/images/none.png",
    ]);
  });
});
