// The fonts certificates are printed in, and which of them draws each character: Noto Sans for
// Latin, Greek and Cyrillic, Noto Sans Arabic, Noto Sans Devanagari and Noto Sans SC (Chinese,
// with Japanese kana), each regular and bold. A character none of them has cannot be printed.
import { createRequire } from "node:module";
import { openSync, type Font } from "fontkit";

const require = createRequire(import.meta.url);
const fontFile = (pkg: string, file: string) => require.resolve(`@expo-google-fonts/${pkg}/${file}`);

export const FONT_FILES = {
  regular: fontFile("noto-sans", "400Regular/NotoSans_400Regular.ttf"),
  bold: fontFile("noto-sans", "700Bold/NotoSans_700Bold.ttf"),
  arabic: fontFile("noto-sans-arabic", "400Regular/NotoSansArabic_400Regular.ttf"),
  arabicBold: fontFile("noto-sans-arabic", "700Bold/NotoSansArabic_700Bold.ttf"),
  devanagari: fontFile("noto-sans-devanagari", "400Regular/NotoSansDevanagari_400Regular.ttf"),
  devanagariBold: fontFile("noto-sans-devanagari", "700Bold/NotoSansDevanagari_700Bold.ttf"),
  cjk: fontFile("noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"),
  cjkBold: fontFile("noto-sans-sc", "700Bold/NotoSansSC_700Bold.ttf"),
};
export type Face = keyof typeof FONT_FILES;

const FAMILIES = {
  latin: ["regular", "bold"],
  arabic: ["arabic", "arabicBold"],
  devanagari: ["devanagari", "devanagariBold"],
  cjk: ["cjk", "cjkBold"],
} as const satisfies Record<string, readonly [Face, Face]>;
type Family = keyof typeof FAMILIES;
const FALLBACK_ORDER: Family[] = ["latin", "arabic", "devanagari", "cjk"];

const opened = new Map<Face, Font>();
function font(face: Face): Font {
  let f = opened.get(face);
  if (!f) opened.set(face, (f = openSync(FONT_FILES[face])));
  return f;
}

function preferredFamily(char: string): Family | null {
  if (/\p{Script=Arabic}/u.test(char)) return "arabic";
  if (/\p{Script=Devanagari}/u.test(char)) return "devanagari";
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u.test(char))
    return "cjk";
  return null;
}

function has(family: Family, char: string): boolean {
  const cp = char.codePointAt(0)!;
  return FAMILIES[family].every((face) => font(face).hasGlyphForCodePoint(cp));
}

function familyFor(char: string): Family | null {
  const preferred = preferredFamily(char);
  if (preferred && has(preferred, char)) return preferred;
  return FALLBACK_ORDER.find((f) => has(f, char)) ?? null;
}

/** Whether the certificate fonts draw this character (in regular and bold). */
export function canPrint(char: string): boolean {
  return familyFor(char) !== null;
}

/**
 * A word cut into runs of one font each. Marks and joiners stay with the letter before them, so
 * that the font shapes them together.
 */
export function fontRuns(word: string, bold: boolean): { face: Face; text: string }[] {
  const runs: { family: Family; text: string }[] = [];
  for (const char of word) {
    const last = runs.at(-1);
    if (last && /[\p{M}\u200C\u200D]/u.test(char)) {
      last.text += char;
      continue;
    }
    const family = familyFor(char) ?? "latin";
    if (last && last.family === family) last.text += char;
    else runs.push({ family, text: char });
  }
  return runs.map((r) => ({ face: FAMILIES[r.family][bold ? 1 : 0], text: r.text }));
}
