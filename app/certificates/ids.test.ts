import { describe, expect, it } from "vitest";
import { ALPHABET, ID_BITS, newCertificateId, normaliseCertificateId } from "./ids";

describe("certificate ids", () => {
  it("have at least 60 bits of randomness, in symbols that are easy to read aloud", () => {
    expect(ID_BITS).toBeGreaterThanOrEqual(60);
    expect(ALPHABET).not.toMatch(/[01OIL]/);
    const ids = Array.from({ length: 2000 }, newCertificateId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
  });

  it("accept what people type: lower case, spaces, no dashes", () => {
    expect(normaliseCertificateId("k7qm 3xhp 9trd w2fn")).toBe("K7QM-3XHP-9TRD-W2FN");
    expect(normaliseCertificateId("K7QM3XHP9TRDW2FN")).toBe("K7QM-3XHP-9TRD-W2FN");
    expect(normaliseCertificateId("K7QM-3XHP-9TRD-W2F0")).toBeNull();
    expect(normaliseCertificateId("short")).toBeNull();
  });

  it("use every symbol of the alphabet, in four groups of four", () => {
    const ids = Array.from({ length: 500 }, newCertificateId);
    expect(new Set(ids.join("").replace(/-/g, ""))).toEqual(new Set(ALPHABET));
    for (const id of ids.slice(0, 20)) expect(normaliseCertificateId(id)).toBe(id);
  });

  it("refuse ids of valid symbols but the wrong length, and other separators", () => {
    expect(normaliseCertificateId("K7QM-3XHP-9TRD-W2F")).toBeNull();
    expect(normaliseCertificateId("K7QM-3XHP-9TRD-W2FNA")).toBeNull();
    expect(normaliseCertificateId("K7QM-3XHP-9TRD-W2FN-K7QM")).toBeNull();
    expect(normaliseCertificateId("")).toBeNull();
    expect(normaliseCertificateId("K7QM_3XHP_9TRD_W2FN")).toBeNull();
    expect(normaliseCertificateId(" -k7qm-3xhp--9trd-w2fn- ")).toBe("K7QM-3XHP-9TRD-W2FN");
  });
});
