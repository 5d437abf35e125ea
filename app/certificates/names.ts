// A learner's name as it is signed and printed on certificates. The printed name must equal the
// signed name: nothing may be dropped silently, hidden, or reordered by direction controls. So a
// name is tidied (NFC, single spaces) and refused when it holds invisible or control characters,
// or characters the certificate's fonts cannot draw.
import { problem, type Problem } from "~/i18n/problem";

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const CONTROLS = /\p{Cc}/u;
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const JOINERS = /[\u200C\u200D]/u;
/** Zero-width (non-)joiners shape Arabic and Indic letters; anywhere else they only hide. */
const JOINER_IN_CONTEXT = /[\p{Script=Arabic}\p{Script=Devanagari}][\p{M}]*[\u200C\u200D]/u;
const NOT_A_CHARACTER = /[\p{Cs}\p{Co}\p{Cn}]/u;

export const NAME_REQUIRED = problem("account:problems.name.required");

/** The form a name is stored, signed and printed in: NFC, runs of white space as one space, trimmed. */
export function normaliseName(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").trim();
}

function listed(chars: string[]): string {
  const unique = [...new Set(chars)].slice(0, 5);
  return unique.map((c) => `“${c}” (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`).join(", ");
}

/**
 * Why a (normalised) name cannot go on a certificate, or null when it can. `canPrint` tells
 * whether the certificate fonts draw a character; without it, only the font-independent rules apply.
 */
export function nameProblem(name: string, canPrint?: (char: string) => boolean): Problem | null {
  if (name.replace(INVISIBLE, "").replace(/\s/gu, "") === "") return NAME_REQUIRED;
  if (CONTROLS.test(name)) return problem("account:problems.name.control");
  if (BIDI_CONTROLS.test(name)) return problem("account:problems.name.bidi");
  const chars = [...name];
  const hidden = chars.filter((c, i) => {
    if (!c.match(INVISIBLE)) return false;
    return !(JOINERS.test(c) && JOINER_IN_CONTEXT.test(chars.slice(0, i + 1).join("")));
  });
  if (hidden.length) return problem("account:problems.name.invisible", { chars: listed(hidden) });
  const odd = chars.filter((c) => NOT_A_CHARACTER.test(c));
  if (odd.length) return problem("account:problems.name.notLetters", { chars: listed(odd) });
  if (canPrint) {
    const unprintable = chars.filter((c) => !/\s/u.test(c) && !JOINERS.test(c) && !canPrint(c));
    const count = new Set(unprintable).size;
    if (count) return problem("account:problems.name.unprintable", { chars: listed(unprintable), count });
  }
  return null;
}
