// Reads an image upload (multipart/form-data with a `file` and its `alt` text) while it streams in,
// stopping as soon as it passes its size limit: the file is never held past MAX_IMAGE_BYTES and the
// whole body never past UPLOAD_MAX_BYTES. What the file contains is checked by app/media/media.server.ts.
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { problem, type Problem } from "~/i18n/problem";
import { MAX_IMAGE_BYTES } from "~/media/media.server";

/** Largest upload request: the file plus room for the form's other fields and the multipart framing. */
export const UPLOAD_MAX_BYTES = MAX_IMAGE_BYTES + 256 * 1024;
/** Largest text field in an upload form (the alt text is at most 250 characters). */
const FIELD_MAX_BYTES = 4 * 1024;
/** Most parts an upload form may have. */
const MAX_PARTS = 20;

export type ImageUpload = { bytes: Uint8Array; alt: string; filename: string; fields: FormData };
export type FileUpload = { bytes: Uint8Array; filename: string; fields: FormData };
/** Why an upload was refused (`authoring:problems.upload.*`), worded by the page, and its status. */
export type UploadRefusal = { error: Problem; status: 400 | 413 | 415 };
/** What is uploaded, for the words of a refusal. */
export type UploadKind = "image" | "zip";

const refusal = (key: string, values?: Problem["values"]) => problem(`authoring:problems.upload.${key}`, values);

const MB = 1024 * 1024;

class UploadRefused extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.error.key);
  }
}

/**
 * The uploaded image (the `file` field) and its text alternative (the `alt` field), with the form's
 * other text fields; or why it was refused: 415 when the body is not multipart/form-data, 413 when
 * it is too large, 400 when the file or the alt text is missing or the body is malformed.
 */
export async function readImageUpload(request: Request): Promise<ImageUpload | UploadRefusal> {
  const upload = await readFileUpload(request, { maxFileBytes: MAX_IMAGE_BYTES, kind: "image" });
  if ("error" in upload) return upload;
  const alt = upload.fields.get("alt");
  if (typeof alt !== "string" || !alt.trim())
    return { error: problem("authoring:problems.media.altRequired"), status: 400 };
  return { ...upload, alt };
}

/** One uploaded file (the `file` field, at most `maxFileBytes`) and the form's other text fields. */
export async function readFileUpload(
  request: Request,
  opts: { maxFileBytes: number; kind: UploadKind },
): Promise<FileUpload | UploadRefusal> {
  const tooLarge = (): UploadRefusal => ({
    error: refusal(`${opts.kind}.tooLarge`, { size: Math.round((opts.maxFileBytes / MB) * 10) / 10 }),
    status: 413,
  });
  const maxBody = opts.maxFileBytes + 256 * 1024;
  const mediaType = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "multipart/form-data" || !/;\s*boundary=/i.test(request.headers.get("Content-Type") ?? "")) {
    return { error: refusal(`${opts.kind}.notMultipart`), status: 415 };
  }
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (declared > maxBody) return tooLarge();
  if (!request.body) return { error: refusal(`${opts.kind}.choose`), status: 400 };

  let parts = 0;
  let files = 0;
  const countParts = async ({ name, filename }: { name: string; filename?: string }) => {
    if (++parts > MAX_PARTS) throw new UploadRefused({ error: refusal("tooManyFields"), status: 413 });
    if (filename !== undefined && (name !== "file" || ++files > 1))
      throw new UploadRefused({ error: refusal(`${opts.kind}.oneFile`), status: 400 });
    return undefined;
  };
  const handler = composeUploadHandlers(
    countParts,
    createMemoryUploadHandler({ filter: ({ name }) => name === "file", maxPartSize: opts.maxFileBytes }),
    createMemoryUploadHandler({ maxPartSize: FIELD_MAX_BYTES }),
  );

  let form: FormData;
  const stop = new AbortController();
  try {
    form = await parseMultipartFormData(capped(request, maxBody, stop.signal), handler);
  } catch (e) {
    // Read no more of a refused body (the server drops the rest).
    stop.abort();
    if (e instanceof UploadRefused) return e.refusal;
    if (e instanceof MaxPartSizeExceededError)
      return e.field === "file" ? tooLarge() : { error: refusal("fieldTooLong", { field: e.field }), status: 413 };
    if (e instanceof BodyTooLarge || (e instanceof Error && /too large/i.test(e.message))) return tooLarge();
    return { error: refusal("unreadable"), status: 400 };
  }

  const file = form.get("file");
  form.delete("file");
  if (!(file instanceof File) || file.size === 0) return { error: refusal(`${opts.kind}.choose`), status: 400 };
  return { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name, fields: form };
}

class BodyTooLarge extends Error {}

/**
 * The request with a body that fails once more than `limit` bytes have come through, whatever the
 * parts say (the server limits the body as well; this keeps the parser safe without it). Aborting
 * `signal` stops reading the original body.
 */
function capped(request: Request, limit: number, signal: AbortSignal): Request {
  const reader = request.body!.getReader();
  const stop = () => reader.cancel().catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  let size = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.byteLength;
        if (size <= limit) return controller.enqueue(value);
        controller.error(new BodyTooLarge());
        await stop();
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
}
