// What a domain module or a form schema reports to a person, before it is worded: a key in the
// message files (with its namespace, e.g. "account:problems.emailTaken") and the values the message
// needs. Domain modules return problems; the route words them in the reader's language with `say`.
import type { TFunction } from "i18next";
import { formatNumber } from "~/lib/format";

export type Problem = { key: string; values?: Record<string, string | number | Problem> };

export const problem = (key: string, values?: Problem["values"]): Problem => (values ? { key, values } : { key });

/**
 * The problem in words; a value that is itself a problem is worded first. Given the reader's
 * language, number values are written in its format (up to two decimals), except `count`, which
 * chooses the plural form (messages show it as `number`).
 */
export function say(t: TFunction, p: Problem, language?: string): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p.values ?? {})) {
    values[name] =
      typeof value === "object"
        ? say(t, value, language)
        : typeof value === "number" && language && name !== "count"
          ? formatNumber(value, language, 2)
          : value;
  }
  return t(p.key, values) as string;
}
