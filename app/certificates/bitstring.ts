// W3C Bitstring Status List v1.0: the list is a bitstring in which index 0 is the left-most bit
// (the most significant bit of the first byte), GZIP-compressed and multibase-encoded as
// base64url without padding (prefix "u").
import { gunzipSync, gzipSync } from "node:zlib";

/** The smallest list the specification allows, for herd privacy: 16 KB of bits. */
export const MIN_LIST_LENGTH = 131_072;

export function encodeBitstring(setIndexes: Iterable<number>, length: number): string {
  if (length % 8 !== 0) throw new Error("A status list's length must be a whole number of bytes.");
  const bytes = new Uint8Array(length / 8);
  for (const i of setIndexes) {
    if (!Number.isInteger(i) || i < 0 || i >= length) throw new Error(`Status list index ${i} is outside the list.`);
    bytes[i >> 3] |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bytes).toString("base64url")}`;
}

export function decodeBitstring(encoded: string): Uint8Array {
  if (!encoded.startsWith("u")) throw new Error("The encoded list is not multibase base64url.");
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), "base64url")));
}

export function bitAt(bits: Uint8Array, index: number): boolean {
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** The list's length for a number of allocated entries: at least the minimum, and at most half full. */
export function listLength(allocated: number, highestIndex = -1): number {
  let n = MIN_LIST_LENGTH;
  while (allocated * 2 > n || highestIndex >= n) n *= 2;
  return n;
}
