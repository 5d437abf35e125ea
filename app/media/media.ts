// What pages need to show an uploaded image: the widths every image is offered at and the
// `src`/`srcSet` built from them. Pure, so that lesson components can use it on the client too;
// no database read is needed to draw an image.
import { paths } from "~/paths";

/**
 * The widths (in CSS pixels) an uploaded image is re-encoded at. Pages always offer all of them;
 * an image narrower than one of them answers that width with its largest smaller variant.
 */
/** The longest text alternative an image may have. */
export const MAX_ALT_LENGTH = 250;

export const MEDIA_WIDTHS = [480, 960, 1600] as const;

/** An image's name: the first 32 hex digits of the SHA-256 of the uploaded file. */
export const MEDIA_HASH = /^[0-9a-f]{32}$/;

export function isMediaHash(value: string): boolean {
  return MEDIA_HASH.test(value);
}

/** `src` (the middle width, for browsers without srcset) and `srcSet` for an uploaded image. */
export function imageSrcSet(hash: string, widths: readonly number[] = MEDIA_WIDTHS): { src: string; srcSet: string } {
  const sorted = [...widths].sort((a, b) => a - b);
  return {
    src: paths.media(hash, sorted[Math.min(1, sorted.length - 1)]),
    srcSet: sorted.map((w) => `${paths.media(hash, w)} ${w}w`).join(", "),
  };
}
