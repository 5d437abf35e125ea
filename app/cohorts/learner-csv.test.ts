import { describe, expect, it } from "vitest";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, detectDelimiter, parseLearnerCsv } from "./learner-csv";

const bytes = (s: string) => new TextEncoder().encode(s);
const rowsOf = (s: string) => {
  const r = parseLearnerCsv(bytes(s));
  if (!r.ok) throw new Error(r.error.key);
  return r;
};

describe("reading a learners' CSV file", () => {
  it("reads a spreadsheet's semicolon file with a byte-order mark, a header and quoted fields", () => {
    const r = rowsOf('\uFEFFName;E-mail\r\n"Doe; Jane";JANE@Example.org\r\n"Said ""Sam"" Li";sam@example.org\r\n');
    expect(r.header).toBe(true);
    expect(r.delimiter).toBe(";");
    expect(r.rows).toEqual([
      { line: 2, name: "Doe; Jane", email: "jane@example.org", problem: null },
      { line: 3, name: 'Said "Sam" Li', email: "sam@example.org", problem: null },
    ]);
  });

  it("reads comma files without a header, e-mail in either column, names in any script", () => {
    const r = rowsOf('Иван Петров,ivan@example.org\nfatima@example.org,فاطمة الزهراء\n"王, 小明",wang@example.cn\n');
    expect(r.header).toBe(false);
    expect(r.rows.map((x) => [x.line, x.name, x.email])).toEqual([
      [1, "Иван Петров", "ivan@example.org"],
      [2, "فاطمة الزهراء", "fatima@example.org"],
      [3, "王, 小明", "wang@example.cn"],
    ]);
  });

  it("recognises header words in other languages and columns in any order", () => {
    const r = rowsOf("courriel,nom\na@example.org,Amélie\n");
    expect(r.header).toBe(true);
    expect(r.rows).toEqual([{ line: 2, name: "Amélie", email: "a@example.org", problem: null }]);
  });

  it("marks invalid and missing addresses with the file's line number and skips blank lines", () => {
    const r = rowsOf("name,email\nA,a@example.org\n\nB,not-an-address\nC,\n");
    expect(r.rows.map((x) => [x.line, x.problem])).toEqual([
      [2, null],
      [4, { key: "cohort:problems.csv.invalidEmail" }],
      [5, { key: "cohort:problems.csv.noEmail" }],
    ]);
  });

  it("keeps duplicates for the report (they are judged against the cohort later)", () => {
    const r = rowsOf("a@example.org;A\nA@EXAMPLE.ORG;A again\n");
    expect(r.rows.map((x) => x.email)).toEqual(["a@example.org", "a@example.org"]);
  });

  it("refuses empty, oversized, non-UTF-8 and too-long files with a reason", () => {
    expect(parseLearnerCsv(bytes(""))).toEqual({ ok: false, error: { key: "cohort:problems.csv.empty" } });
    expect(parseLearnerCsv(bytes("\n\n"))).toEqual({ ok: false, error: { key: "cohort:problems.csv.noRows" } });
    const big = parseLearnerCsv(new Uint8Array(MAX_CSV_BYTES + 1).fill(65));
    expect(big).toEqual({
      ok: false,
      error: { key: "cohort:problems.csv.tooLarge", values: { size: 1024, rows: 5000 } },
    });
    const latin1 = parseLearnerCsv(new Uint8Array([0x4e, 0x61, 0xef, 0x76, 0x65, 0x2c, 0x61, 0x40, 0x62, 0x2e, 0x63]));
    expect(latin1).toEqual({ ok: false, error: { key: "cohort:problems.csv.notUtf8" } });
    const many = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `L${i},l${i}@example.org`).join("\n");
    const tooMany = parseLearnerCsv(bytes(many));
    expect(tooMany).toEqual({
      ok: false,
      error: { key: "cohort:problems.csv.tooManyRows", values: { rows: MAX_CSV_ROWS + 1, max: MAX_CSV_ROWS } },
    });
    expect(rowsOf(many.split("\n").slice(0, MAX_CSV_ROWS).join("\n")).rows).toHaveLength(MAX_CSV_ROWS);
  });

  it("words its problems in the reader's language", () => {
    const r = rowsOf("name,email\nA,a@example.org\nB,not-an-address\nC,\n");
    expect(r.rows.map((x) => x.problem && say(translator("ar"), x.problem))).toEqual([
      null,
      "عنوان البريد الإلكتروني غير صالح.",
      "لا يوجد عنوان بريد إلكتروني.",
    ]);
    const empty = parseLearnerCsv(bytes(""));
    if (empty.ok) throw new Error("an empty file is refused");
    expect(say(translator("ar"), empty.error)).toBe("الملف فارغ.");
    expect(say(translator("en"), empty.error)).toBe("The file is empty.");
  });

  it("detects the delimiter from the first line, ignoring quoted ones", () => {
    expect(detectDelimiter('"a;b;c",x@y.z\n')).toBe(",");
    expect(detectDelimiter("a;b\n")).toBe(";");
    expect(detectDelimiter("a\tb\n")).toBe("\t");
    expect(detectDelimiter("single\n")).toBe(",");
  });
});
