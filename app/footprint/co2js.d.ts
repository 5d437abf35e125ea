// The part of CO2.js (@tgwf/co2, which ships no types) that the footprint code uses.
declare module "@tgwf/co2" {
  export class co2 {
    constructor(options?: { model?: "swd" | "1byte"; version?: 3 | 4; results?: "segment"; rating?: boolean });
    /** Grams CO2e for `bytes` transferred; `green`: the data centre runs on renewable energy. */
    perByte(bytes: number, green?: boolean): number;
    perVisit(bytes: number, green?: boolean): number;
  }
}
