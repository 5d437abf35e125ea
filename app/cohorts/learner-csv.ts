// Reading a list of learners (name, e-mail) from a CSV file as spreadsheets write it: with or
// without a byte-order mark, separated by commas or semicolons (detected), quoted fields, any
// script, a header row or none. Every row comes back with its line number and, when it cannot be
// used, the reason (a problem, worded by the page: `cohort:problems.csv.*`). Pure: the database
// checks come after (import.server.ts).
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { problem, type Problem } from "~/i18n/problem";

import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "./import-report";

export { MAX_CSV_BYTES, MAX_CSV_ROWS };

export type CsvRow = { line: number; name: string; email: string; problem: Problem | null };
export type CsvResult =
  { ok: true; rows: CsvRow[]; header: boolean; delimiter: string } | { ok: false; error: Problem };

/** Why a row cannot be imported. */
export const ROW_PROBLEMS = {
  noEmail: problem("cohort:problems.csv.noEmail"),
  invalidEmail: problem("cohort:problems.csv.invalidEmail"),
};
const refuse = (key: string, values?: Problem["values"]) =>
  ({ ok: false, error: problem(`cohort:problems.csv.${key}`, values) }) as const;

const emailSchema = z.string().max(254).email();
const HEADER_EMAIL = /^(e-?mail|email address|e-mail address|mail|courriel|correo|адрес|почта|البريد|邮箱|電子郵件)/i;
const HEADER_NAME = /^(name|full name|nom|nombre|имя|الاسم|姓名|learner|participant)/i;

/** The delimiter of the first non-empty line: the one of ";", "," and tab found most outside quotes. */
export function detectDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const counts: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ",";
}

const looksLikeEmail = (s: string) => s.includes("@");

/** Parses the file's bytes. Refuses files that are too large, not UTF-8 text, or have too many rows. */
export function parseLearnerCsv(bytes: Uint8Array): CsvResult {
  if (bytes.byteLength === 0) return refuse("empty");
  if (bytes.byteLength > MAX_CSV_BYTES) return refuse("tooLarge", { size: MAX_CSV_BYTES / 1024, rows: MAX_CSV_ROWS });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse("notUtf8");
  }
  if (text.includes("\u0000")) return refuse("notText");
  const delimiter = detectDelimiter(text);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      info: true,
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 10_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return line ? refuse("unreadableNear", { line }) : refuse("unreadable");
  }
  parsed = parsed.filter((r) => r.record.some((cell) => cell !== ""));
  const records = parsed.map((r) => r.record);
  if (records.length === 0) return refuse("noRows");

  // A header row names its columns; without one, the column holding "@" is the e-mail.
  const first = records[0];
  const header = !first.some(looksLikeEmail) && first.some((c) => HEADER_EMAIL.test(c) || HEADER_NAME.test(c));
  let emailCol = header ? first.findIndex((c) => HEADER_EMAIL.test(c)) : first.findIndex(looksLikeEmail);
  if (emailCol < 0) emailCol = first.length > 1 ? 1 : 0;
  let nameCol = header ? first.findIndex((c) => HEADER_NAME.test(c)) : -1;
  if (nameCol < 0 || nameCol === emailCol) nameCol = emailCol === 0 ? 1 : 0;
  const data = header ? records.slice(1) : records;
  if (data.length > MAX_CSV_ROWS) return refuse("tooManyRows", { rows: data.length, max: MAX_CSV_ROWS });

  const lineOf = (index: number) => parsed[index + (header ? 1 : 0)].info.lines;
  const rows = data.map((record, i): CsvRow => {
    // Without a header, each row's e-mail is the cell with "@" (columns may differ row to row).
    const at = header ? -1 : record.findIndex(looksLikeEmail);
    const e = at >= 0 ? at : emailCol;
    const n = at >= 0 ? record.findIndex((c, j) => j !== at && c !== "") : nameCol;
    const email = (record[e] ?? "").trim().toLowerCase();
    const name = (record[n] ?? "").trim().replace(/\s+/g, " ").slice(0, 120);
    const problem = !email
      ? ROW_PROBLEMS.noEmail
      : !emailSchema.safeParse(email).success
        ? ROW_PROBLEMS.invalidEmail
        : null;
    return { line: lineOf(i), name, email, problem };
  });
  return { ok: true, rows, header, delimiter };
}
