// Bytes to grams on both sides of the wire. The factor comes from CO2.js on the server
// (emissions.server.ts); this file stays tiny so the browser never loads the library.

/** Grams CO2e for `bytes`, given the model's grams per byte (the model is linear in bytes). */
export const toGrams = (bytes: number, gramsPerByte: number) => (bytes < 1 ? 0 : bytes * gramsPerByte);

/** "17.9 KiB" (1 KiB = 1,024 bytes), as the weights are budgeted. */
export const formatKiB = (bytes: number) =>
  `${(bytes / 1024).toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KiB`;

/** "0.0027 g": two significant figures, because the estimate is no more precise than that. */
export const formatGrams = (grams: number) => `${grams.toLocaleString("en", { maximumSignificantDigits: 2 })} g`;
