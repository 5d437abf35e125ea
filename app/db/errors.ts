// What a failed database write means, the same for both databases' clients (Prisma's error codes).

/** Whether a write failed because a unique value (a slug, an e-mail, a key) was taken meanwhile. */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";
