// What an import does with each CSV row, in words: shared by the import and its report page.
import type { CsvRow } from "./learner-csv";

/** The largest CSV file and the most rows imported at once. */
export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 5000;

export type RowStatus = "invalid" | "duplicate" | "member" | "invited" | "add" | "invite";
export type ReportRow = CsvRow & { status: RowStatus; note: string };

export const STATUS_TEXT: Record<RowStatus, string> = {
  invalid: "Not imported",
  duplicate: "Duplicate in the file",
  member: "Already in the cohort",
  invited: "Already invited",
  add: "Will be added (in the organisation)",
  invite: "Will be invited by e-mail",
};
