// Uploaded images: checked by their content (never by file name or declared type), re-encoded as
// WebP at a few widths with every bit of metadata dropped, and stored under the hash of the file.
// The same file uploaded twice is stored once. Variants are served by app/routes/media.$hash.$file.ts.
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { DbClient } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import { problem, type Problem } from "~/i18n/problem";
import { MEDIA_WIDTHS, isMediaHash, MAX_ALT_LENGTH } from "./media";

export { MAX_ALT_LENGTH, MEDIA_WIDTHS, MEDIA_HASH, imageSrcSet, isMediaHash } from "./media";

/** Largest file accepted, in bytes. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/**
 * Most pixels an image may declare. A small file can declare a huge image (a "decompression bomb"):
 * sharp refuses one over this limit from its header, before decoding any pixel.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** WebP's largest side; a very tall image is scaled to fit within it. */
const MAX_WEBP_SIDE = 16_383;
const WEBP_QUALITY = 80;

/**
 * Formats accepted, as sharp names what it finds in the bytes. SVG is refused because it is a
 * document that can carry scripts and external references and we do not sanitise it; GIF, TIFF,
 * HEIF, AVIF and the rest are refused to keep what we decode small and well tested.
 */
const ACCEPTED = new Set(["png", "jpeg", "webp"]);
/** Why an image is refused (`authoring:problems.media.*`), worded by the page. */
const refusal = (key: string, values?: Problem["values"]) => problem(`authoring:problems.media.${key}`, values);
const REFUSED_AS: Record<string, Problem> = {
  svg: refusal("svg"),
  gif: refusal("gif"),
  tiff: refusal("tiff"),
  heif: refusal("heif"),
};
const NOT_AN_IMAGE = refusal("notAnImage");

export type StoredImage = { hash: string; width: number; height: number; alt: string; widths: number[] };
export type StoreImageResult = { ok: true; asset: StoredImage } | { ok: false; error: Problem };

export type StoreImageInput = { bytes: Uint8Array; alt: string; courseId?: string; uploadedById?: string };

/** The name an image is stored under: the first 32 hex digits of the SHA-256 of its file. */
export function mediaHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}

/** The widths an image of this width is stored at: each standard width below it, then its own width (capped). */
export function variantWidths(originalWidth: number): number[] {
  const top = Math.min(originalWidth, MEDIA_WIDTHS[MEDIA_WIDTHS.length - 1]);
  return [...MEDIA_WIDTHS.filter((w) => w < top), top];
}

function checkAlt(alt: string): string | { error: Problem } {
  const text = alt.trim();
  if (!text) return { error: refusal("altRequired") };
  if ([...text].length > MAX_ALT_LENGTH) return { error: refusal("altTooLong", { count: MAX_ALT_LENGTH }) };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(text)) return { error: refusal("altOneLine") };
  return text;
}

const decoder = (bytes: Uint8Array) =>
  // failOn "error": refuse damaged or truncated pixel data, tolerate the harmless warnings cameras cause.
  sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" });

/**
 * Checks an uploaded image and stores it with its WebP variants. Refusals come back as
 * `{ ok: false, error }` with a sentence for the person who uploaded it; nothing is thrown for bad input.
 */
export async function storeImage(db: DbClient, input: StoreImageInput): Promise<StoreImageResult> {
  const { bytes } = input;
  if (bytes.byteLength === 0) return { ok: false, error: refusal("empty") };
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    return { ok: false, error: refusal("tooLarge", { size: MAX_IMAGE_BYTES / 1024 / 1024 }) };
  const alt = checkAlt(input.alt);
  if (typeof alt !== "string") return { ok: false, ...alt };

  const hash = mediaHash(bytes);
  const existing = await findAsset(db, hash);
  if (existing) return { ok: true, asset: existing };

  let metadata: Metadata;
  try {
    metadata = await decoder(bytes).metadata();
  } catch (e) {
    return { ok: false, error: /pixel limit/i.test(String(e)) ? tooManyPixels() : NOT_AN_IMAGE };
  }
  const format = metadata.format as string;
  if (!ACCEPTED.has(format)) return { ok: false, error: REFUSED_AS[format] ?? NOT_AN_IMAGE };
  if ((metadata.pages ?? 1) > 1) return { ok: false, error: refusal("animated") };
  const { width, height } = metadata.autoOrient ?? metadata;
  if (!width || !height) return { ok: false, error: NOT_AN_IMAGE };
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, error: tooManyPixels() };

  // One width after another, not all at once: a large image decoded three times over at the same
  // moment would triple the memory an upload takes.
  const variants: { width: number; bytes: Uint8Array<ArrayBuffer> }[] = [];
  try {
    for (const w of variantWidths(width)) {
      // rotate() turns the image upright by its EXIF orientation; the output carries no metadata
      // at all (no EXIF, GPS, XMP, IPTC or ICC profile) because withMetadata/keepExif are not used.
      const out = await decoder(bytes)
        .rotate()
        .resize({ width: w, height: MAX_WEBP_SIDE, fit: "inside", withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer();
      variants.push({ width: w, bytes: new Uint8Array(out) });
    }
  } catch {
    return { ok: false, error: refusal("damaged") };
  }

  try {
    await db.mediaAsset.create({
      data: {
        hash,
        width,
        height,
        alt,
        courseId: input.courseId ?? null,
        uploadedById: input.uploadedById ?? null,
        variants: { create: variants },
      },
    });
  } catch (e) {
    // The same file uploaded at the same moment by someone else: theirs is the stored one.
    if (!isUniqueViolation(e)) throw e;
    const stored = await findAsset(db, hash);
    if (!stored) throw e;
    return { ok: true, asset: stored };
  }
  return { ok: true, asset: { hash, width, height, alt, widths: variants.map((v) => v.width) } };
}

function tooManyPixels() {
  return refusal("tooManyPixels", { megapixels: MAX_IMAGE_PIXELS / 1_000_000 });
}

/** A stored image with the widths it has variants at, or null. */
export async function findAsset(db: DbClient, hash: string): Promise<StoredImage | null> {
  if (!isMediaHash(hash)) return null;
  const row = await db.mediaAsset.findUnique({
    where: { hash },
    select: { hash: true, width: true, height: true, alt: true, variants: { select: { width: true } } },
  });
  if (!row) return null;
  const { variants, ...asset } = row;
  return { ...asset, widths: variants.map((v) => v.width).sort((a, b) => a - b) };
}

/**
 * The WebP bytes of an image at `width`: that variant, else the largest one narrower than it (an
 * image narrower than a standard width has no variant at that width). Null when there is none.
 */
export async function readVariant(db: DbClient, hash: string, width: number): Promise<Uint8Array | null> {
  if (!isMediaHash(hash) || !Number.isSafeInteger(width) || width < 1) return null;
  const variant = await db.mediaVariant.findFirst({
    where: { assetHash: hash, width: { lte: width } },
    orderBy: { width: "desc" },
    select: { bytes: true },
  });
  return variant?.bytes ?? null;
}

/** The images uploaded for a course, newest first. */
export async function courseImages(db: DbClient, courseId: string): Promise<StoredImage[]> {
  const rows = await db.mediaAsset.findMany({
    where: { courseId },
    orderBy: { createdAt: "desc" },
    select: { hash: true, width: true, height: true, alt: true, variants: { select: { width: true } } },
  });
  return rows.map(({ variants, ...a }) => ({ ...a, widths: variants.map((v) => v.width).sort((x, y) => x - y) }));
}

/** The MDX that shows an uploaded image in a lesson. */
export function figureSnippet(asset: Pick<StoredImage, "hash" | "alt" | "width" | "height">): string {
  const attr = (s: string) => s.replace(/"/g, "'");
  return `<Figure media="${asset.hash}" alt="${attr(asset.alt)}" caption="Caption, with the image's source." width="${asset.width}" height="${asset.height}" />`;
}
