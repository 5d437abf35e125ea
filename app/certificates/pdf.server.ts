// The certificate as a printable PDF: A4 landscape, fonts embedded (Noto Sans for Latin, Greek and
// Cyrillic; Noto Sans Arabic for Arabic, shaped and laid out right to left; Noto Sans Devanagari;
// Noto Sans SC for Chinese and Japanese kana), a QR code and the short verify URL.
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
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
 * Draws one line centred on the page, word by word, each part of a word in the font that has its
 * script. Each word is marked with its text (ActualText), so that readers that honour it copy the
 * word in logical order even where shaping reorders glyphs (Devanagari vowel signs).
 */
function centredLine(doc: Doc, text: string, y: number, size: number, bold = false) {
  const words = text.split(" ").filter(Boolean);
  doc.fontSize(size);
  const space = doc.font(bold ? "bold" : "regular").widthOfString(" ");
  const runs = words.map((w) =>
    fontRuns(w, bold).map((r) => ({ ...r, width: doc.font(r.face).widthOfString(r.text) })),
  );
  const widths = runs.map((rs) => rs.reduce((sum, r) => sum + r.width, 0));
  const total = widths.reduce((a, b) => a + b, 0) + space * (words.length - 1);
  // Words of a right-to-left line are placed from the right; each word is shaped by the font.
  const rtl = isRtl(text);
  const order = rtl ? words.map((_, i) => words.length - 1 - i) : words.map((_, i) => i);
  let x = (doc.page.width - total) / 2;
  for (const i of order) {
    // (Not on right-to-left lines: text extraction reorders those itself, line by line.)
    if (!rtl) doc.markContent("Span", { actual: words[i] });
    let rx = x;
    for (const run of runs[i]) {
      doc.font(run.face).text(run.text, rx, y, { lineBreak: false });
      rx += run.width;
    }
    if (!rtl) doc.endMarkedContent();
    x += widths[i] + space;
  }
}

/** Across a certificate that is no longer valid: a red band saying so, with the date and reason. */
function stampNotValid(doc: Doc, c: CertificateView) {
  const { width, height } = doc.page;
  const revoked = c.status === "revoked";
  doc.save();
  doc.rotate(-12, { origin: [width / 2, height / 2] });
  doc
    .rect(-40, height / 2 - 50, width + 80, 100)
    .fillOpacity(0.88)
    .fill("#b91c1c");
  doc.fillOpacity(1).fillColor("#ffffff");
  centredLine(doc, revoked ? "REVOKED" : "NOT VALID", height / 2 - 44, 48, true);
  const detail = revoked
    ? `Revoked on ${formatDate(c.revokedAt ?? new Date())}${c.revokedReason ? `: ${c.revokedReason}` : ""}`
    : "Its data does not match its signature";
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
 * The certificate as a PDF. `studyMinutes` (the course's computed duration, from the catalogue) is
 * printed as the hours of study when given; the outcomes printed are the signed ones.
 */
export async function certificatePdf(c: CertificateView, verifyUrl: string, studyMinutes?: number): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: "png", margin: 1, width: 240, errorCorrectionLevel: "M" });
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    info: {
      Title: `${c.status === "revoked" ? "REVOKED: " : c.status === "invalid" ? "NOT VALID: " : ""}${c.courseTitle}: certificate of completion`,
      Author: SITE_NAME,
      Subject: `Certificate ${c.id}`,
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
  centredLine(doc, "Certificate of completion", 105, 34, true);
  doc.fillColor("#334155");
  centredLine(doc, "This certifies that", 175, 14);
  doc.fillColor("#0f172a");
  centredLine(doc, c.learnerName, 200, 30, true);
  doc.fillColor("#334155");
  centredLine(doc, "has completed the course", 255, 14);
  doc.fillColor("#0f172a");
  centredLine(doc, c.courseTitle, 280, 20, true);
  doc.fillColor("#334155");
  const date = formatDate(c.completedAt);
  centredLine(doc, `on ${date}, with a final score of ${formatPercent(c.score)}.`, 318, 14);

  // The middle band: the study behind it and, in brief, what the holder has shown they can do.
  academyMark(doc, 70, 70, 40);
  const hours = studyMinutes ? `About ${Math.max(1, Math.round(studyMinutes / 60))} hours of study. ` : "";
  doc.font("regular").fontSize(10).fillColor("#334155");
  doc.text(`${hours}The holder has shown they can:`, 110, 350, { width: width - 220, align: "center" });
  let y = 366;
  for (const outcome of c.outcomes.slice(0, 3)) {
    doc.text(`• ${outcome}`, 110, y, { width: width - 220, height: 24, ellipsis: true, align: "center" });
    y += 26;
  }

  doc.image(qr, width - 170, height - 175, { width: 110 });
  doc.font("regular").fontSize(10).fillColor("#334155");
  doc.text(`Certificate ID: ${c.id}`, 60, height - 140, { lineBreak: false });
  doc.text(`Verify at ${verifyUrl}`, 60, height - 122, { lineBreak: false, link: verifyUrl, underline: false });
  doc.text(
    `Digitally signed (Ed25519, key ${c.keyId}). Scan the code or open the address to check it.`,
    60,
    height - 104,
    { lineBreak: false },
  );
  if (c.status !== "valid") stampNotValid(doc, c);
  doc.end();
  return done;
}
