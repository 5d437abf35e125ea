// An uploaded image at one width, e.g. /media/<hash>/960.webp. Public, like the figures under
// /content/: lesson pages show them to anyone who may read the lesson, and the address names the
// image by the hash of its content, so what it answers never changes and may be cached for good.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { MEDIA_WIDTHS, isMediaHash, readVariant } from "~/media/media.server";

const FILE = /^(\d{1,5})\.webp$/;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const hash = params.hash ?? "";
  const width = Number(FILE.exec(params.file ?? "")?.[1]);
  if (!isMediaHash(hash) || !(MEDIA_WIDTHS as readonly number[]).includes(width))
    notFound("There is no image at this address.");
  const etag = `"${hash}-${width}"`;
  const headers = {
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  // What an address answers never changes: a browser that holds it need not be sent it again.
  const held = request.headers.get("If-None-Match")?.split(",") ?? [];
  if (held.some((t) => t.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  const bytes = (await readVariant(db, hash, width)) ?? notFound("There is no image at this address.");
  return new Response(new Uint8Array(bytes), {
    headers: { ...headers, "Content-Type": "image/webp", "Content-Length": String(bytes.byteLength) },
  });
}
