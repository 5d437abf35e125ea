// Small helpers that turn "not found" and "bad input" into HTTP answers with a reason. Routes use
// them; domain modules return values or throw their own errors and never build responses.

/** Throws a 404 answer. Typed as `never`, so `value ?? notFound()` narrows away null. */
export function notFound(message = "There is nothing at this address."): never {
  throw new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Throws a 400 answer with the reason. */
export function badRequest(message: string): never {
  throw new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Throws `status` with the message unless the condition holds. */
export function invariantResponse(condition: unknown, message: string, status = 400): asserts condition {
  if (!condition) throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
