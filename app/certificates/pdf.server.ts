// The certificate as a printable PDF: A4 landscape, fonts embedded (Noto Sans for Latin, Greek and
// Cyrillic; Noto Sans Arabic for Arabic, shaped and laid out right to left; Noto Sans Devanagari;
// Noto Sans SC for Chinese and Japanese kana), a QR code and the short verify URL.
import type { TFunction } from "i18next";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { directionOf } from "~/i18n/config";
import { translator } from "~/i18n/i18n.server";
import { formatDate, formatPercent } from "~/lib/format";
import { SITE_NAME } from "~/site";
import type { CertificateView } from "./certificate.server";

import { FONT_FILES, fontRuns } from "./fonts.server";

const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_LTR = /\p{L}/u;

/** Right to left when the first strong character is Hebrew or Arabic (the Unicode bidi default). */
export function isRtl(text: string): boolean {
  for (const ch of text) {
    if (RTL_CHAR.test(ch)) return true;
    if (STRONG_LTR.test(ch)) return false;
  }
  return false;
}

type Doc = PDFKit.PDFDocument;

/**
 * The words of a line in the order they are drawn from the left. In a right-to-left line the
 * words run from the right, except that a run of left-to-right words (a code such as "ITU-T
 * L.1023", an address, an id) keeps its own order: the Unicode bidi algorithm, word by word.
 */
export function visualOrder(words: string[], rtl: boolean): number[] {
  if (!rtl) return words.map((_, i) => i);
  const runs: { words: number[]; leftToRight: boolean }[] = [];
  for (const [i, w] of words.entries()) {
    const leftToRight = !RTL_CHAR.test(w) && /[\p{L}\p{N}]/u.test(w);
    const last = runs.at(-1);
    if (leftToRight && last?.leftToRight) last.words.push(i);
    else runs.push({ words: [i], leftToRight });
  }
  return runs.reverse().flatMap((r) => r.words);
}

/**
 * Draws one line, word by word, each part of a word in the font that has its script: centred on
 * the page, or from the start side (left, or right in a right-to-left line) at `margin`. A line
 * wider than `maxWidth` is set smaller, down to 7 pt. Each word is marked with its text
 * (ActualText), so that readers that honour it copy the word in logical order even where shaping
 * reorders glyphs (Devanagari vowel signs).
 */
function line(
  doc: Doc,
  text: string,
  y: number,
  size: number,
  opts: { bold?: boolean; align?: "centre" | "start"; margin?: number; maxWidth?: number; rtl?: boolean } = {},
) {
  const { bold = false, align = "centre", margin = 60, maxWidth = doc.page.width - 2 * margin } = opts;
  // Bidi marks (Intl puts them around "%" in Arabic) have no glyph: the order is decided here.
  const words = text
    .replace(/[\u200E\u200F\u061C]/g, "")
    .split(" ")
    .filter(Boolean);
  const measure = (pt: number) => {
    doc.fontSize(pt);
    const space = doc.font(bold ? "bold" : "regular").widthOfString(" ");
    const runs = words.map((w) =>
      fontRuns(w, bold).map((r) => ({ ...r, width: doc.font(r.face).widthOfString(r.text) })),
    );
    const widths = runs.map((rs) => rs.reduce((sum, r) => sum + r.width, 0));
    return { space, runs, widths, total: widths.reduce((a, b) => a + b, 0) + space * (words.length - 1) };
  };
  let pt = size;
  let m = measure(pt);
  while (m.total > maxWidth && pt > 7) m = measure((pt = Math.max(7, pt - 0.5)));
  const rtl = opts.rtl ?? isRtl(text);
  let x = align === "centre" ? (doc.page.width - m.total) / 2 : rtl ? doc.page.width - margin - m.total : margin;
  for (const i of visualOrder(words, rtl)) {
    // (Not on right-to-left lines: text extraction reorders those itself, line by line.)
    if (!rtl) doc.markContent("Span", { actual: words[i] });
    let rx = x;
    for (const run of m.runs[i]) {
      doc.font(run.face).text(run.text, rx, y, { lineBreak: false });
      rx += run.width;
    }
    if (!rtl) doc.endMarkedContent();
    x += m.widths[i] + m.space;
  }
}

const centredLine = (doc: Doc, text: string, y: number, size: number, bold = false) =>
  line(doc, text, y, size, { bold });

/** Across a certificate that is no longer valid: a red band saying so, with the date and reason. */
function stampNotValid(doc: Doc, c: CertificateView, t: TFunction, language: string) {
  const { width, height } = doc.page;
  const revoked = c.status === "revoked";
  doc.save();
  doc.rotate(-12, { origin: [width / 2, height / 2] });
  doc
    .rect(-40, height / 2 - 50, width + 80, 100)
    .fillOpacity(0.88)
    .fill("#b91c1c");
  doc.fillOpacity(1).fillColor("#ffffff");
  centredLine(doc, revoked ? t("revoked") : t("notValid"), height / 2 - 44, 48, true);
  const date = formatDate(c.revokedAt ?? new Date(), "long", language);
  const detail = revoked
    ? c.revokedReason
      ? t("revokedOnReason", { date, reason: c.revokedReason })
      : t("revokedOn", { date })
    : t("mismatch");
  centredLine(doc, detail, height / 2 + 16, 14);
  doc.restore();
}

/** The academy's mark: a leaf in a circle, drawn as vectors (no image file). */
function academyMark(doc: Doc, x: number, y: number, size: number) {
  doc.save();
  doc.circle(x, y, size / 2).fill("#0b6338");
  const r = size / 2;
  doc
    .moveTo(x - r * 0.45, y + r * 0.45)
    .bezierCurveTo(x - r * 0.5, y - r * 0.3, x + r * 0.1, y - r * 0.6, x + r * 0.5, y - r * 0.5)
    .bezierCurveTo(x + r * 0.55, y + r * 0.1, x, y + r * 0.5, x - r * 0.45, y + r * 0.45)
    .fill("#ffffff");
  doc.restore();
}

/**
 * The certificate as a PDF, in the language of the course it was earned in (Arabic right to left).
 * `studyMinutes` (the course's computed duration, from the catalogue) is printed as the hours of
 * study when given; the outcomes printed are the signed ones.
 */
export async function certificatePdf(c: CertificateView, verifyUrl: string, studyMinutes?: number): Promise<Buffer> {
  const language = c.language;
  const t = translator(language, "credential");
  const rtl = directionOf(language) === "rtl";
  const qr = await QRCode.toBuffer(verifyUrl, { type: "png", margin: 1, width: 240, errorCorrectionLevel: "M" });
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: language,
    info: {
      Title: `${c.status === "revoked" ? `${t("revoked")}: ` : c.status === "invalid" ? `${t("notValid")}: ` : ""}${t("pdfTitle", { course: c.courseTitle })}`,
      Author: SITE_NAME,
      Subject: t("id", { id: c.id }),
    },
  });
  for (const [name, path] of Object.entries(FONT_FILES)) doc.registerFont(name, path);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const { width, height } = doc.page;
  doc
    .rect(24, 24, width - 48, height - 48)
    .lineWidth(3)
    .stroke("#0b6338");
  doc
    .rect(32, 32, width - 64, height - 64)
    .lineWidth(0.75)
    .stroke("#0b6338");
  doc.fillColor("#0b6338");
  centredLine(doc, SITE_NAME.toUpperCase(), 70, 14, true);
  doc.fillColor("#0f172a");
  centredLine(doc, t("title"), 105, 34, true);
  doc.fillColor("#334155");
  centredLine(doc, t("certifies"), 175, 14);
  doc.fillColor("#0f172a");
  centredLine(doc, c.learnerName ?? t("deletedHolder"), 200, 30, true);
  doc.fillColor("#334155");
  centredLine(doc, t("completed"), 255, 14);
  doc.fillColor("#0f172a");
  centredLine(doc, c.courseTitle, 280, 20, true);
  doc.fillColor("#334155");
  const date = formatDate(c.completedAt, "long", language);
  centredLine(doc, t("onDate", { date, score: formatPercent(c.score, 0, language) }), 318, 14);

  // The middle band: the study behind it and, in brief, what the holder has shown they can do.
  academyMark(doc, rtl ? width - 70 : 70, 70, 40);
  const hours = studyMinutes ? `${t("hours", { count: Math.max(1, Math.round(studyMinutes / 60)) })} ` : "";
  doc.fillColor("#334155");
  line(doc, `${hours}${t("holderCan")}`, 350, 10, { maxWidth: width - 220 });
  let y = 366;
  for (const outcome of c.outcomes.slice(0, 3)) {
    line(doc, `• ${outcome}`, y, 10, { maxWidth: width - 220, rtl });
    y += 26;
  }

  // The QR code and the verification lines: the code on the end side, the lines from the start.
  doc.image(qr, rtl ? 60 : width - 170, height - 175, { width: 110 });
  const lines = { align: "start" as const, margin: 60, maxWidth: width - 250, rtl };
  line(doc, t("id", { id: c.id }), height - 140, 10, lines);
  line(doc, t("verifyAt", { url: verifyUrl }), height - 122, 10, lines);
  // The whole line links to the address (the words are drawn one by one).
  doc.link(rtl ? 250 : 60, height - 122, width - 310, 12, verifyUrl);
  line(doc, t("signed", { key: c.keyId }), height - 104, 10, lines);
  if (c.status !== "valid") stampNotValid(doc, c, t, language);
  doc.end();
  return done;
}
