import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  imageSrcSet,
  mediaHash,
  readVariant,
  storeImage,
  variantWidths,
} from "./media.server";

const solid = (width: number, height: number, background = "#2a9d8f") =>
  sharp({ create: { width, height, channels: 3, background } });

/** A PNG built by hand: a header, one data chunk, an end. */
function pngFile(width: number, height: number, rows: Buffer, { bitDepth = 8, colourType = 2 } = {}): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The GPS IFD pointer tag (0x8825) in an EXIF block, in either byte order. */
const hasGpsTag = (exif: Buffer | undefined) =>
  Boolean(exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))));

const store = (bytes: Uint8Array, alt = "A teal rectangle.") => storeImage(db, { bytes, alt, courseId: "c1" });

async function stored(bytes: Uint8Array, alt?: string) {
  const result = await store(bytes, alt);
  if (!result.ok) throw new Error(`refused: ${result.error.key}`);
  return result.asset;
}

async function variant(hash: string, width: number) {
  const bytes = await readVariant(db, hash, width);
  expect(bytes).not.toBeNull();
  return { bytes: bytes!, meta: await sharp(bytes!).metadata() };
}

describe("storing an uploaded image", () => {
  it("re-encodes a PNG as WebP at each standard width no wider than the original", async () => {
    const png = await solid(2000, 1000).png().toBuffer();
    const asset = await stored(png);
    expect(asset).toEqual({
      hash: mediaHash(png),
      width: 2000,
      height: 1000,
      alt: "A teal rectangle.",
      widths: [480, 960, 1600],
    });
    expect(asset.hash).toMatch(/^[0-9a-f]{32}$/);
    for (const [w, h] of [
      [480, 240],
      [960, 480],
      [1600, 800],
    ]) {
      const { bytes, meta } = await variant(asset.hash, w);
      expect(Buffer.from(bytes.subarray(8, 12)).toString("latin1")).toBe("WEBP");
      expect(meta).toMatchObject({ format: "webp", width: w, height: h });
    }
    const row = await db.mediaAsset.findUnique({ where: { hash: asset.hash } });
    expect(row).toMatchObject({ courseId: "c1", uploadedById: null, width: 2000, height: 1000 });
  });

  it("keeps a narrow image at its own width, and never enlarges it", async () => {
    const small = await stored(await solid(300, 200, "#111").png().toBuffer());
    expect(small.widths).toEqual([300]);
    expect((await variant(small.hash, 300)).meta).toMatchObject({ width: 300, height: 200 });

    const middling = await stored(await solid(1200, 600, "#222").webp().toBuffer());
    expect(middling.widths).toEqual([480, 960, 1200]);
    expect((await variant(middling.hash, 1200)).meta.width).toBe(1200);
    expect(variantWidths(960)).toEqual([480, 960]);
    expect(variantWidths(5000)).toEqual([480, 960, 1600]);
  });

  it("turns a JPEG upright by its EXIF orientation and drops its EXIF, GPS position included", async () => {
    const jpeg = await solid(1200, 800, "#e76f51")
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: "PhoneCam", Model: "X1" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
      })
      .toBuffer();
    const original = await sharp(jpeg).metadata();
    expect(original.orientation).toBe(6);
    expect(hasGpsTag(original.exif)).toBe(true);
    expect(original.exif!.toString("latin1")).toContain("PhoneCam");

    const asset = await stored(jpeg, "A photo of an orange wall.");
    // Upright: the 1200×800 picture, rotated a quarter turn, is 800 wide and 1200 high.
    expect(asset).toMatchObject({ width: 800, height: 1200, widths: [480, 800] });
    for (const w of asset.widths) {
      const { bytes, meta } = await variant(asset.hash, w);
      expect(meta).toMatchObject({ format: "webp", width: w, height: w * 1.5 });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(Buffer.from(bytes).toString("latin1")).not.toMatch(/PhoneCam|EXIF|XMP /);
    }
  });

  it("goes by the content, not the file name: a PNG called photo.jpg is read as the PNG it is", async () => {
    const png = await solid(640, 480, "#264653").png().toBuffer();
    const upload = new File([png], "photo.jpg", { type: "image/jpeg" });
    const asset = await stored(new Uint8Array(await upload.arrayBuffer()));
    expect(asset).toMatchObject({ width: 640, height: 480, widths: [480, 640] });
  });

  it("stores the same image once, however often it is uploaded", async () => {
    const png = await solid(500, 500, "#8ab17d").png().toBuffer();
    const first = await stored(png, "A green square.");
    const again = await stored(png, "Another description.");
    expect(again).toEqual(first);
    expect(await db.mediaAsset.count({ where: { hash: first.hash } })).toBe(1);
    expect(await db.mediaVariant.count({ where: { assetHash: first.hash } })).toBe(2);
    const both = await Promise.all([
      store(await solid(510, 510, "#8ab17e").png().toBuffer()),
      store(await solid(510, 510, "#8ab17e").png().toBuffer()),
    ]);
    expect(both.every((r) => r.ok)).toBe(true);
  });

  it("refuses SVG (unsanitised, it could carry scripts), GIF, TIFF and anything that is not an image", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>',
    );
    expect(await store(svg)).toEqual({ ok: false, error: { key: "authoring:problems.media.svg" } });
    expect(await store(await solid(50, 50).gif().toBuffer())).toEqual({
      ok: false,
      error: { key: "authoring:problems.media.gif" },
    });
    expect(await store(await solid(50, 50).tiff().toBuffer())).toEqual({
      ok: false,
      error: { key: "authoring:problems.media.tiff" },
    });
    expect(await store(randomBytes(4096))).toEqual({
      ok: false,
      error: { key: "authoring:problems.media.notAnImage" },
    });
    expect(await store(Buffer.from("<html><body>hello</body></html>"))).toMatchObject({ ok: false });
    expect(await store(new Uint8Array(0))).toEqual({ ok: false, error: { key: "authoring:problems.media.empty" } });
    expect(await db.mediaAsset.count({ where: { alt: "A teal rectangle.", width: 50 } })).toBe(0);
  });

  it("refuses a truncated PNG", async () => {
    const png = await solid(800, 600).png({ compressionLevel: 0 }).toBuffer();
    const result = await store(png.subarray(0, Math.floor(png.length * 0.6)));
    expect(result).toEqual({ ok: false, error: { key: "authoring:problems.media.damaged" } });
    expect(
      await db.mediaAsset.findUnique({ where: { hash: mediaHash(png.subarray(0, Math.floor(png.length * 0.6))) } }),
    ).toBeNull();
  });

  it("refuses a file over the size limit before looking at it", async () => {
    const tooBig = new Uint8Array(MAX_IMAGE_BYTES + 1);
    expect(await store(tooBig)).toEqual({
      ok: false,
      error: { key: "authoring:problems.media.tooLarge", values: { size: 5 } },
    });
  });

  it("refuses a decompression bomb: a 50 KB PNG that declares 20000 × 20000 pixels", async () => {
    const width = 20_000;
    const height = 20_000;
    // One bit per pixel, every row a filter byte and zeros: 50 MB of pixel data that deflates to ~50 KB.
    const bomb = pngFile(width, height, Buffer.alloc((width / 8 + 1) * height), { bitDepth: 1, colourType: 0 });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    expect(width * height).toBeGreaterThan(MAX_IMAGE_PIXELS);
    const started = performance.now();
    expect(await store(bomb)).toEqual({
      ok: false,
      error: { key: "authoring:problems.media.tooManyPixels", values: { megapixels: 40 } },
    });
    // Refused from the header: decoding 400 megapixels would take many seconds and gigabytes.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("requires a text alternative of at most 250 characters", async () => {
    const png = await solid(100, 100, "#000").png().toBuffer();
    expect(await store(png, "")).toEqual({ ok: false, error: { key: "authoring:problems.media.altRequired" } });
    expect(await store(png, "   \n ")).toEqual({ ok: false, error: { key: "authoring:problems.media.altRequired" } });
    const long = await store(png, "x".repeat(251));
    expect(long).toEqual({ ok: false, error: { key: "authoring:problems.media.altTooLong", values: { count: 250 } } });
    if (long.ok) throw new Error("refused above");
    expect(say(translator("en"), long.error)).toBe("The text alternative is too long (at most 250 characters).");
    expect(say(translator("ar"), long.error)).toBe("النص البديل طويل جدًا (250 حرفًا على الأكثر).");
    expect(await store(png, "line one\nline two")).toEqual({
      ok: false,
      error: { key: "authoring:problems.media.altOneLine" },
    });
    expect(await db.mediaAsset.findUnique({ where: { hash: mediaHash(png) } })).toBeNull();
    expect(await stored(png, `  ${"é".repeat(250)}  `)).toMatchObject({ alt: "é".repeat(250) });
  });
});

describe("reading a variant", () => {
  it("answers a missing width with the largest narrower variant, and nothing for unknown images", async () => {
    const asset = await stored(await solid(700, 350, "#f4a261").png().toBuffer());
    expect(asset.widths).toEqual([480, 700]);
    expect((await variant(asset.hash, 1600)).meta.width).toBe(700);
    expect((await variant(asset.hash, 960)).meta.width).toBe(700);
    expect((await variant(asset.hash, 480)).meta.width).toBe(480);
    expect(await readVariant(db, asset.hash, 100)).toBeNull();
    expect(await readVariant(db, "0".repeat(32), 480)).toBeNull();
    expect(await readVariant(db, "not-a-hash", 480)).toBeNull();
  });

  it("builds src and srcset from the standard widths", () => {
    const hash = "0123456789abcdef0123456789abcdef";
    expect(imageSrcSet(hash)).toEqual({
      src: `/media/${hash}/960.webp`,
      srcSet: `/media/${hash}/480.webp 480w, /media/${hash}/960.webp 960w, /media/${hash}/1600.webp 1600w`,
    });
    expect(imageSrcSet(hash, [300])).toEqual({
      src: `/media/${hash}/300.webp`,
      srcSet: `/media/${hash}/300.webp 300w`,
    });
  });
});
