// Bytes to grams on both sides of the wire. The factor comes from CO2.js on the server
// (emissions.server.ts); this file stays tiny so the browser never loads the library.

/** Grams CO2e for `bytes`, given the model's grams per byte (the model is linear in bytes). */
export const toGrams = (bytes: number, gramsPerByte: number) => (bytes < 1 ? 0 : bytes * gramsPerByte);

// Formatters are made once: toLocaleString would make one per call, on every page of the site.
const kib = new Intl.NumberFormat("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoFigures = new Intl.NumberFormat("en", { maximumSignificantDigits: 2 });

/** "17.9 KiB" (1 KiB = 1,024 bytes), as the weights are budgeted. */
export const formatKiB = (bytes: number) => `${kib.format(bytes / 1024)} KiB`;

/** "0.0027 g": two significant figures, because the estimate is no more precise than that. */
export const formatGrams = (grams: number) => `${twoFigures.format(grams)} g`;
