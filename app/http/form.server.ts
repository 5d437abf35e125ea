// Reads a submitted form safely: only the two form encodings, a size cap enforced while reading,
// valid UTF-8 only, no NUL characters, no files unless asked for. Anything else is answered with a
// 4xx Response (415, 413 or 400) carrying a plain reason in the reader's language
// (`common:formRefusals.*`), never a 500.
import type { AppLoadContext } from "@remix-run/node";
import { getUser } from "~/auth/auth.server";
import { languageFor } from "~/i18n/language.server";
import { translator } from "~/i18n/translator.server";
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

/** Why a form is refused, before it is worded. */
class FormRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: string,
    readonly values: Record<string, string> = {},
  ) {
    super(reason);
  }
}

const refuse = (status: 400 | 413 | 415, reason: string, values?: Record<string, string>) =>
  new FormRefused(status, reason, values);

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

export async function readForm(
  { request, context }: { request: Request; context: AppLoadContext },
  options: ReadFormOptions = {},
): Promise<FormData> {
  try {
    return await read(request, options);
  } catch (e) {
    if (!(e instanceof FormRefused)) throw e;
    // The reader's language: their account's, else the one the request asks for.
    const language = await languageFor(request, getUser(context));
    throw httpError(e.status, translator(language, "common")(`formRefusals.${e.reason}`, e.values));
  }
}

/**
 * The server's refusal of a body over its limit (before any route reads it), in the reader's
 * language, worded as a form's: every request with a body here is a form.
 */
export async function bodyTooLargeText(request: Request, user: { language: string | null } | null, limitBytes: number) {
  const language = await languageFor(request, user);
  return translator(language, "common")("formRefusals.tooLarge", { kib: String(Math.floor(limitBytes / 1024)) });
}

async function read(request: Request, options: ReadFormOptions): Promise<FormData> {
  const { maxBytes = FORM_MAX_BYTES, maxFields = 200, allowFiles = false } = options;
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType !== URLENCODED && mediaType !== MULTIPART) {
    throw refuse(415, "mediaType", { urlencoded: URLENCODED, multipart: MULTIPART });
  }
  const bytes = await readBody(request, maxBytes);
  const form = mediaType === URLENCODED ? parseUrlEncoded(bytes) : await parseMultipart(bytes, contentType, allowFiles);
  let fields = 0;
  for (const [, value] of form) {
    if (++fields > maxFields) throw refuse(413, "tooManyFields");
    if (typeof value === "string" && value.includes("\u0000")) throw refuse(400, "nul");
  }
  return form;
}

// The limit in digits, as it has always been written ("3072 KiB").
const tooLarge = (maxBytes: number) => refuse(413, "tooLarge", { kib: String(Math.round(maxBytes / 1024)) });

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
    if (e instanceof FormRefused) throw e;
    throw refuse(400, "unreadable");
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
const invalidUtf8 = () => refuse(400, "notUtf8");

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
    throw refuse(400, "badEscape");
  }
}

async function parseMultipart(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
  allowFiles: boolean,
): Promise<FormData> {
  if (!/;\s*boundary=/i.test(contentType)) throw refuse(400, "noBoundary");
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw refuse(400, "malformedMultipart");
  }
  let hasFiles = false;
  for (const [, value] of form) if (typeof value !== "string") hasFiles = true;
  if (hasFiles && !allowFiles) throw refuse(400, "noFiles");
  // Without files every byte is text: the parser would quietly replace invalid UTF-8, so check it here.
  if (!hasFiles) decodeUtf8(bytes);
  return form;
}
