// Reads a submitted form safely: only the two form encodings, a size cap enforced while reading,
// valid UTF-8 only, no NUL characters, no files unless asked for. Anything else is answered with a
// 4xx Response (415, 413 or 400) carrying a plain reason, never a 500.
import { httpError } from "./errors.server";

export const FORM_MAX_BYTES = 64 * 1024;

export type ReadFormOptions = {
  /** Largest body accepted, in bytes (default 64 KiB). */
  maxBytes?: number;
  /** Most fields accepted (default 200). */
  maxFields?: number;
  /** Accept file parts in multipart bodies (default false: no form here takes files). */
  allowFiles?: boolean;
};

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

export async function readForm(request: Request, options: ReadFormOptions = {}): Promise<FormData> {
  const { maxBytes = FORM_MAX_BYTES, maxFields = 200, allowFiles = false } = options;
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType !== URLENCODED && mediaType !== MULTIPART) {
    throw httpError(415, `Send this form as ${URLENCODED} or ${MULTIPART}.`);
  }
  const bytes = await readBody(request, maxBytes);
  const form = mediaType === URLENCODED ? parseUrlEncoded(bytes) : await parseMultipart(bytes, contentType, allowFiles);
  let fields = 0;
  for (const [, value] of form) {
    if (++fields > maxFields) throw httpError(413, "This form has too many fields.");
    if (typeof value === "string" && value.includes("\u0000"))
      throw httpError(400, "The form contains a NUL character, which no field accepts.");
  }
  return form;
}

const tooLarge = (maxBytes: number) =>
  httpError(413, `This form is too large (the limit is ${Math.round(maxBytes / 1024)} KiB).`);

/** The body's bytes, refusing (and no longer reading) as soon as it passes maxBytes. */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof Response) throw e;
    throw httpError(400, "The form could not be read completely.");
  }
  const out = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const invalidUtf8 = () => httpError(400, "The form is not valid UTF-8 text.");

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalidUtf8();
  }
}

function parseUrlEncoded(bytes: Uint8Array): FormData {
  const form = new FormData();
  const text = decodeUtf8(bytes);
  if (!text) return form;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const [name, value] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    form.append(decodeComponent(name), decodeComponent(value));
  }
  return form;
}

function decodeComponent(s: string): string {
  try {
    // Throws on a malformed escape and on escapes that are not valid UTF-8 (e.g. %FF).
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    throw httpError(
      400,
      "The form is not properly encoded: it has a malformed %-escape or one that is not valid UTF-8.",
    );
  }
}

async function parseMultipart(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
  allowFiles: boolean,
): Promise<FormData> {
  if (!/;\s*boundary=/i.test(contentType)) throw httpError(400, "The multipart form has no boundary.");
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw httpError(400, "The multipart form is malformed.");
  }
  let hasFiles = false;
  for (const [, value] of form) if (typeof value !== "string") hasFiles = true;
  if (hasFiles && !allowFiles) throw httpError(400, "This form does not take files.");
  // Without files every byte is text: the parser would quietly replace invalid UTF-8, so check it here.
  if (!hasFiles) decodeUtf8(bytes);
  return form;
}
