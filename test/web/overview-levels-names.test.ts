// A large overview's community names shortened for a phone, without a browser: cut with an ellipsis,
// keeping a short ending in brackets, which is what tells apart names that share their start.
import { describe, expect, it } from "vitest";
import { shortName } from "../../web/src/views/overview-levels.ts";

describe("a community's short name", () => {
  it("is the whole name when it is short", () => {
    expect(shortName("Lean Six Sigma")).toBe("Lean Six Sigma");
  });

  it("is cut with an ellipsis, keeping a short ending in brackets", () => {
    expect(shortName("Acceptance and Commitment (5)")).toBe("Acceptance… (5)");
    expect(shortName("Acceptance and Commitment (10)")).toBe("Acceptance… (10)");
    expect(shortName("Acceptance and Commitment")).toBe("Acceptance and…");
    // A long bracketed ending is part of the name, cut like the rest.
    expect(shortName("Blockchain Governance (Beyond Daos)")).toBe("Blockchain Gove…");
  });

  it("never gets longer than the cut it replaces", () => {
    for (const name of ["Acceptance and Commitment (5)", "Design Thinking (3)", "Value Proposition Canvas (10)"]) expect(shortName(name).length).toBeLessThanOrEqual(16);
  });
});
