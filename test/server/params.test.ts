// Bad input is a 400 that names the parameter, the value and what is allowed, on every endpoint;
// the parsing functions themselves are checked directly below.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../graph/index.ts";
import { parseIntParam, parseLinkTypesParam, parseQueryString, readQuery } from "../../server/parse-params.ts";
import { expectErrorShape, makeApp } from "./helpers.ts";

const { app } = makeApp();

const BAD_REQUESTS: [url: string, parameter: string][] = [
  ["/api/search?q=x&limit=0", "limit"],
  ["/api/search?q=x&limit=101", "limit"],
  ["/api/search?q=x&limit=ten", "limit"],
  ["/api/search?q=x&limit=", "limit"],
  ["/api/search?q=x&limit=1.5", "limit"],
  ["/api/search?q=x&limit=-1", "limit"],
  [`/api/search?q=${"a".repeat(201)}`, "q"],
  ["/api/search?q=%00", "q"],
  ["/api/search?q=a&q=b", "q"],
  ["/api/search?query=x", "query"],
  ["/api/neighborhood/coaching?depth=0", "depth"],
  ["/api/neighborhood/coaching?depth=5", "depth"],
  ["/api/neighborhood/coaching?depth=two", "depth"],
  ["/api/neighborhood/coaching?depth=1&depth=2", "depth"],
  ["/api/neighborhood/coaching?depth=1e1", "depth"],
  ["/api/neighborhood/coaching?limit=0", "limit"],
  ["/api/neighborhood/coaching?limit=99999999", "limit"],
  ["/api/neighborhood/coaching?direction=up", "direction"],
  ["/api/neighborhood/coaching?direction=OUT", "direction"],
  ["/api/neighborhood/coaching?types=", "types"],
  ["/api/neighborhood/coaching?types=enables,", "types"],
  ["/api/neighborhood/coaching?types=friends_with", "types"],
  ["/api/neighborhood/coaching?types=Enables", "types"],
  ["/api/neighborhood/coaching?types=enables;drop", "types"],
  ["/api/neighborhood/coaching?dept=2", "dept"],
  ["/api/neighborhood/coaching?types[]=enables", "types[]"],
  ["/api/lineage/coaching?depth=0", "depth"],
  ["/api/lineage/coaching?depth=11", "depth"],
  ["/api/lineage/coaching?depth=", "depth"],
  ["/api/lineage/coaching?limit=3", "limit"],
  ["/api/paths?to=coaching", "from"],
  ["/api/paths?from=coaching", "to"],
  ["/api/paths?from=&to=coaching", "from"],
  ["/api/paths?from=coaching&to=feedback-loop&k=0", "k"],
  ["/api/paths?from=coaching&to=feedback-loop&k=11", "k"],
  ["/api/paths?from=coaching&to=feedback-loop&maxLength=0", "maxLength"],
  ["/api/paths?from=coaching&to=feedback-loop&maxLength=9", "maxLength"],
  ["/api/paths?from=coaching&to=feedback-loop&maxlength=3", "maxlength"],
  ["/api/paths?from=coaching&to=feedback-loop&directed=yes", "directed"],
  ["/api/paths?from=coaching&to=feedback-loop&directed=1", "directed"],
  ["/api/paths?from=coaching&to=feedback-loop&types=nope", "types"],
  ["/api/paths?from=a&from=b&to=feedback-loop", "from"],
  ["/api/problems?kind=bad-kind", "kind"],
  ["/api/problems?kind=", "kind"],
  ["/api/problems?fatal=maybe", "fatal"],
  ["/api/problems?offset=-1", "offset"],
  ["/api/problems?limit=1001", "limit"],
  ["/api/problems?page=2", "page"],
  ["/api/stats?verbose=true", "verbose"],
  ["/api/overview?x=1", "x"],
  ["/api/patterns/coaching?depth=1", "depth"],
  ["/api/search?q=%E0%A4%A", "q"],
];

describe("bad parameters", () => {
  it.each(BAD_REQUESTS)("GET %s is a 400 naming '%s'", async (url, parameter) => {
    const res = await request(app).get(url).expect(400).expect("Content-Type", /json/);
    const error = expectErrorShape(res.body);
    expect(error.code).toBe("invalid_input");
    expect(error.details.parameter).toBe(parameter);
    expect(typeof error.details.allowed).toBe("string");
    expect(error.message).toContain(`'${parameter}'`);
    expect(error.message).toContain("Allowed:");
  });

  it("says which link types are allowed, the library's own included", async () => {
    const res = await request(app).get("/api/neighborhood/coaching?types=friends_with").expect(400);
    const allowed = String(expectErrorShape(res.body).details.allowed);
    expect(allowed).toContain("generalizes_from");
    expect(allowed).toContain("conflicts_with");
  });

  it("says the range of an integer parameter and its default", async () => {
    const res = await request(app).get("/api/neighborhood/coaching?depth=9").expect(400);
    expect(expectErrorShape(res.body).message).toBe(`Invalid 'depth': "9". Allowed: an integer from 1 to 4 (default 1).`);
  });

  it("cuts an echoed value short instead of repeating a huge input", async () => {
    const res = await request(app).get(`/api/neighborhood/coaching?depth=${"9".repeat(5000)}`).expect(400);
    expect(JSON.stringify(res.body).length).toBeLessThan(500);
  });

  it("answers a malformed percent-encoding in the path with a 400", async () => {
    const res = await request(app).get("/api/patterns/%E0%A4%A").expect(400);
    expect(expectErrorShape(res.body).code).toBe("invalid_input");
  });

  it("accepts the same parameters when they are valid (the table above is not rejecting everything)", async () => {
    await request(app).get("/api/neighborhood/coaching?depth=4&limit=10000&direction=in&types=enables,conflicts_with").expect(200);
    await request(app).get("/api/paths?from=coaching&to=feedback-loop&k=10&maxLength=8&directed=false&types=related,requires").expect(200);
    await request(app).get("/api/problems?kind=invalid-yaml,self-link&fatal=false&offset=0&limit=1000").expect(200);
    await request(app).get("/api/lineage/coaching?depth=10").expect(200);
    await request(app).get("/api/search?q=a+b%20c&limit=100").expect(200);
  });
});

describe("parseQueryString", () => {
  it("decodes names and values, plus signs included", () => {
    expect({ ...parseQueryString("q=a+b%20c&limit=5") }).toEqual({ q: "a b c", limit: "5" });
  });

  it("keeps repeated names as arrays so they can be refused", () => {
    expect({ ...parseQueryString("depth=1&depth=2") }).toEqual({ depth: ["1", "2"] });
  });

  it("treats __proto__ as an ordinary name", () => {
    const parsed = parseQueryString("__proto__=x");
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(parsed)).toBeNull();
  });

  it("refuses a malformed percent-encoding naming the parameter", () => {
    expect(() => parseQueryString("q=%E0%A4%A")).toThrow(InvalidInputError);
  });
});

describe("readQuery and the typed parsers", () => {
  it("refuses an unknown parameter and lists those accepted", () => {
    expect(() => readQuery({ dept: "2" }, ["depth"])).toThrow(/accepts depth/);
  });

  it("uses the default when a parameter is absent", () => {
    expect(parseIntParam(readQuery({}, ["depth"]), "depth", { min: 1, max: 4, default: 2 })).toBe(2);
  });

  it("accepts a library-specific link type without asking for the library's types when all are known", async () => {
    let asked = 0;
    const lookup = async () => {
      asked++;
      return new Set(["conflicts_with"]);
    };
    expect(await parseLinkTypesParam({ types: "enables,requires,enables" }, "types", lookup)).toEqual(["enables", "requires"]);
    expect(asked).toBe(0);
    expect(await parseLinkTypesParam({ types: "conflicts_with" }, "types", lookup)).toEqual(["conflicts_with"]);
    expect(asked).toBe(1);
  });
});
