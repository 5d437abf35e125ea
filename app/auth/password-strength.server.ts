// Whether a new password is too easy to guess. zxcvbn-ts estimates how many guesses a password
// needs, knowing common passwords, words, keyboard patterns, sequences and the person's own data;
// a few plain rules come first so the message says exactly what is wrong.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { problem, type Problem } from "~/i18n/problem";

// zxcvbn's warnings come back as their own keys ("userInputs"…); the message files word them.
const warningKeys = Object.fromEntries(Object.keys(en.translations.warnings).map((key) => [key, key]));
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: { ...en.translations, warnings: warningKeys as typeof en.translations.warnings },
});

/** zxcvbn's scale: 0 (too guessable) to 4; 3 means about 10^8 guesses or more. */
const MIN_SCORE = 3;

const isSequence = (s: string) => {
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
};

const weak = (code: string, values?: Problem["values"]) => problem(`account:problems.password.${code}`, values);

/** Null when the password is acceptable, else what is wrong with it, for the person choosing it. */
export function passwordProblem(password: string, personal: { email?: string; name?: string } = {}): Problem | null {
  const compact = password.toLowerCase().replace(/\s+/g, "");
  const email = personal.email?.trim().toLowerCase() ?? "";
  if (!compact) return weak("onlySpaces");
  if (new Set(compact).size === 1) return weak("repeated");
  if (isSequence(compact)) return weak("sequence");
  if (email && (compact === email || compact === email.split("@")[0])) return weak("isEmail");
  const userInputs = [email, email.split("@")[0], ...(personal.name ?? "").toLowerCase().split(/[\s\-.'’]+/)].filter(
    (s) => s.length > 2,
  );
  const result = zxcvbn.check(password.slice(0, 100), userInputs);
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning;
  return warning && warning in warningKeys
    ? weak("guessableBecause", { warning: weak(`warnings.${warning}`) })
    : weak("guessable");
}
