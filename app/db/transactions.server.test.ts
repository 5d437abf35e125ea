import { describe, expect, it } from "vitest";
import { isSerializationFailure } from "./transactions.server";

/** What the driver adapters throw (their DriverAdapterError): the name, and the kind in `cause`. */
const adapterError = (kind: string) => Object.assign(new Error(kind), { name: "DriverAdapterError", cause: { kind } });

describe("isSerializationFailure", () => {
  it("recognises a conflict refused at COMMIT, which reaches the caller as the adapter's own error", () => {
    expect(isSerializationFailure(adapterError("TransactionWriteConflict"))).toBe(true);
  });

  it("recognises Prisma's code and PostgreSQL's codes wrapped by Prisma", () => {
    expect(isSerializationFailure({ code: "P2034" })).toBe(true);
    expect(isSerializationFailure({ meta: { driverAdapterError: { cause: { originalCode: "40001" } } } })).toBe(true);
    expect(isSerializationFailure({ meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } })).toBe(true);
  });

  it("does not take other errors for conflicts", () => {
    expect(isSerializationFailure(adapterError("UniqueConstraintViolation"))).toBe(false);
    expect(isSerializationFailure(new Error("TransactionWriteConflict"))).toBe(false);
    expect(isSerializationFailure({ code: "P2002" })).toBe(false);
    expect(isSerializationFailure(undefined)).toBe(false);
  });
});
