// Whether a new password is too easy to guess. zxcvbn-ts estimates how many guesses a password
// needs, knowing common passwords, words, keyboard patterns, sequences and the person's own data;
// a few plain rules come first so the message says exactly what is wrong.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

/** zxcvbn's scale: 0 (too guessable) to 4; 3 means about 10^8 guesses or more. */
const MIN_SCORE = 3;

const isSequence = (s: string) => {
  const codes = [...s].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
};

/** Null when the password is acceptable, else a message for the person choosing it. */
export function passwordProblem(password: string, personal: { email?: string; name?: string } = {}): string | null {
  const compact = password.toLowerCase().replace(/\s+/g, "");
  const email = personal.email?.trim().toLowerCase() ?? "";
  if (!compact) return "A password of only spaces is easy to guess. Choose a few words instead.";
  if (new Set(compact).size === 1) return "A password of one repeated character is easy to guess.";
  if (isSequence(compact)) return "A sequence such as abcd or 1234 is easy to guess.";
  if (email && (compact === email || compact === email.split("@")[0]))
    return "Do not use your e-mail address as your password.";
  const userInputs = [email, email.split("@")[0], ...(personal.name ?? "").toLowerCase().split(/[\s\-.'’]+/)].filter(
    (s) => s.length > 2,
  );
  const result = zxcvbn.check(password.slice(0, 100), userInputs);
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning ? `${result.feedback.warning} ` : "";
  return `${warning}This password is too easy to guess; a few unrelated words together work well.`;
}
