import type { LoaderFunctionArgs } from "@remix-run/node";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { storeImage } from "~/media/media.server";
import { paths } from "~/paths";
import { loader } from "./media.$hash.$file";

let hash: string;

beforeAll(async () => {
  const png = await sharp({ create: { width: 1000, height: 500, channels: 3, background: "#1d3557" } })
    .png()
    .toBuffer();
  const result = await storeImage(db, { bytes: png, alt: "A dark blue band." });
  if (!result.ok) throw new Error(result.error.key);
  hash = result.asset.hash;
  expect(result.asset.widths).toEqual([480, 960, 1000]);
});

/** Calls the loader as Remix would for the address; a thrown Response is returned. */
async function get(path: string, headers: HeadersInit = {}): Promise<Response> {
  const [, , h, file] = path.split("/");
  const args = {
    request: new Request(`http://localhost${path}`, { headers }),
    params: { hash: h, file },
    context: { auth: { user: null, session: null } },
  } as unknown as LoaderFunctionArgs;
  try {
    return await loader(args);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

describe("the media route", () => {
  it("serves a variant as WebP, cached for good, with an ETag and nosniff", async () => {
    const res = await get(paths.media(hash, 480));
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "image/webp",
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"${hash}-480"`,
      "x-content-type-options": "nosniff",
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "webp", width: 480, height: 240 });
  });

  it("answers a standard width the image is narrower than with its largest variant", async () => {
    const res = await get(paths.media(hash, 1600));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${hash}-1600"`);
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(1000);
  });

  it("answers 304 to a browser that already holds the variant", async () => {
    const res = await get(paths.media(hash, 960), { "If-None-Match": `W/"other", "${hash}-960"` });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(`"${hash}-960"`);
  });

  it("answers 404 for an unknown image, a width that is not offered, or another file name", async () => {
    for (const path of [
      paths.media("0".repeat(32), 480),
      paths.media(hash, 500),
      paths.media(hash, 0),
      `/media/${hash}/480.png`,
      `/media/${hash}/480.webp.svg`,
      `/media/${hash}/original`,
      `/media/${hash.toUpperCase()}/480.webp`,
      "/media/..%2F..%2Fetc%2Fpasswd/480.webp",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    }
  });
});
