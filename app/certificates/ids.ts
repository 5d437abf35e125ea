import { randomInt } from "node:crypto";

// 31 symbols with no 0/O, 1/l/I to mix up when read aloud or typed from paper.
export const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4;
/** 16 symbols of log2(31) ≈ 4.95 bits each: about 79 bits of randomness. */
export const ID_BITS = GROUPS * GROUP_LENGTH * Math.log2(ALPHABET.length);

/** A new public certificate id such as K7QM-3XHP-9TRD-W2FN, from a cryptographic random source. */
export function newCertificateId(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/** Tidies an id typed by a person: case, spaces, missing dashes. Null if it cannot be one of ours. */
export function normaliseCertificateId(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "");
  if (raw.length !== GROUPS * GROUP_LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return null;
  return raw.match(new RegExp(`.{${GROUP_LENGTH}}`, "g"))!.join("-");
}
