// What a failed database write means, the same for both databases' clients (Prisma's error codes).

/** Whether a write failed because a unique value (a slug, an e-mail, a key) was taken meanwhile. */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

/** Whether an update or delete of one row failed because there is no such row (Prisma's P2025). */
export const isNotFound = (e: unknown) => (e as { code?: string } | null)?.code === "P2025";
