import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES } from "~/media/media.server";
import { UPLOAD_MAX_BYTES, readImageUpload } from "./upload.server";

const URL_ = "http://localhost/author/course/media";
const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);

function post(form: FormData) {
  return new Request(URL_, { method: "POST", body: form });
}

function form(fields: Record<string, string | File>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const BOUNDARY = "----upload-test-boundary";

/**
 * A multipart body with a file part that never ends by itself: it yields `chunk`-sized pieces until
 * `total` bytes, and records how much of it was read.
 */
function endlessUpload(total: number, chunk = 64 * 1024, headers: Record<string, string> = {}) {
  const head = new TextEncoder().encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nAlt text\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  let sent = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(head);
    },
    pull(c) {
      if (sent >= total) return c.close();
      sent += chunk;
      c.enqueue(new Uint8Array(chunk).fill(7));
    },
    cancel() {
      cancelled = true;
    },
  });
  const request = new Request(URL_, {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
  return { request, read: () => sent, cancelled: () => cancelled };
}

describe("reading an image upload", () => {
  it("gives the file's bytes, its name and the alt text", async () => {
    const result = await readImageUpload(
      post(form({ alt: "A chart.", intent: "upload", file: new File([image], "chart.png", { type: "image/png" }) })),
    );
    expect(result).toMatchObject({ alt: "A chart.", filename: "chart.png" });
    if (!("bytes" in result)) throw new Error(result.error.key);
    expect(Array.from(result.bytes)).toEqual(Array.from(image));
    expect(result.fields.get("intent")).toBe("upload");
  });

  it("refuses anything but multipart/form-data with 415", async () => {
    const urlencoded = new Request(URL_, { method: "POST", body: new URLSearchParams({ alt: "x" }) });
    expect(await readImageUpload(urlencoded)).toMatchObject({ status: 415 });
    const raw = new Request(URL_, { method: "POST", body: image, headers: { "Content-Type": "image/png" } });
    expect(await readImageUpload(raw)).toMatchObject({ status: 415 });
    const noBoundary = new Request(URL_, {
      method: "POST",
      body: "x",
      headers: { "Content-Type": "multipart/form-data" },
    });
    expect(await readImageUpload(noBoundary)).toMatchObject({ status: 415 });
  });

  it("refuses a missing or empty file, a missing alt text, extra files and broken bodies with 400", async () => {
    const file = () => new File([image], "a.png");
    expect(await readImageUpload(post(form({ alt: "A chart." })))).toMatchObject({
      status: 400,
      error: { key: "authoring:problems.upload.image.choose" },
    });
    expect(await readImageUpload(post(form({ alt: "A chart.", file: new File([], "") })))).toMatchObject({
      status: 400,
    });
    expect(await readImageUpload(post(form({ file: file() })))).toEqual({
      status: 400,
      error: { key: "authoring:problems.media.altRequired" },
    });
    expect(await readImageUpload(post(form({ alt: " ", file: file() })))).toMatchObject({ status: 400 });
    const two = form({ alt: "A chart.", file: file() });
    two.append("file", file());
    expect(await readImageUpload(post(two))).toEqual({
      status: 400,
      error: { key: "authoring:problems.upload.image.oneFile" },
    });
    expect(await readImageUpload(post(form({ alt: file(), file: file() })))).toMatchObject({ status: 400 });
    const broken = new Request(URL_, {
      method: "POST",
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nno end`,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(await readImageUpload(broken)).toMatchObject({ status: 400 });
  });

  it("takes a file of exactly the size limit", async () => {
    const big = new File([new Uint8Array(MAX_IMAGE_BYTES)], "big.png");
    const result = await readImageUpload(post(form({ alt: "Big.", file: big })));
    expect("bytes" in result && result.bytes.byteLength).toBe(MAX_IMAGE_BYTES);
  });

  it("refuses a larger file with 413 as soon as it passes the limit, reading no further", async () => {
    const upload = endlessUpload(50 * 1024 * 1024);
    expect(await readImageUpload(upload.request)).toEqual({
      status: 413,
      error: { key: "authoring:problems.upload.image.tooLarge", values: { size: 5 } },
    });
    // A chunk or two past the limit may be buffered between the stream and the parser; not the 50 MB.
    expect(upload.read()).toBeLessThanOrEqual(MAX_IMAGE_BYTES + 2 * 64 * 1024);
    expect(upload.cancelled()).toBe(true);
  });

  it("refuses a body whose declared length is over the limit without reading it", async () => {
    const upload = endlessUpload(50 * 1024 * 1024, 64 * 1024, { "Content-Length": String(UPLOAD_MAX_BYTES + 1) });
    expect(await readImageUpload(upload.request)).toMatchObject({ status: 413 });
    expect(upload.read()).toBe(0);
  });

  it("refuses a body past the overall limit whatever its parts say, e.g. an endless part header", async () => {
    const header = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${"a".repeat(UPLOAD_MAX_BYTES)}"`;
    const request = new Request(URL_, {
      method: "POST",
      body: header,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(await readImageUpload(request)).toMatchObject({ status: 413 });
  });

  it("refuses an over-long text field and too many fields with 413", async () => {
    const f = form({ alt: "x".repeat(5000), file: new File([image], "a.png") });
    expect(await readImageUpload(post(f))).toEqual({
      status: 413,
      error: { key: "authoring:problems.upload.fieldTooLong", values: { field: "alt" } },
    });
    const many = form({ alt: "A chart.", file: new File([image], "a.png") });
    for (let i = 0; i < 30; i++) many.append(`f${i}`, "x");
    expect(await readImageUpload(post(many))).toEqual({
      status: 413,
      error: { key: "authoring:problems.upload.tooManyFields" },
    });
  });
});
