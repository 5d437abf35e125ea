// What an import does with each CSV row: shared by the import and its report page (which words
// each status, `cohort:invitations.csv.status.*`, and each note, a problem).
import type { Problem } from "~/i18n/problem";
import type { CsvRow } from "./learner-csv";

/** The largest CSV file and the most rows imported at once. */
export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 5000;

export type RowStatus = "invalid" | "duplicate" | "member" | "invited" | "add" | "invite";
export type ReportRow = CsvRow & { status: RowStatus; note: Problem | null };
