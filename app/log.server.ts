// The one logger of the server: JSON lines on standard output (pino), at LOG_LEVEL (default
// "info"; "silent" under vitest unless LOG_LEVEL is set). Every line written while a request is
// handled carries that request's id (`requestId`, kept in an AsyncLocalStorage), and every line
// goes through `redact` first: no passwords, tokens, cookies or authorization headers, secret
// path segments and query values replaced, e-mail addresses masked.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import pino, { type Logger } from "pino";

type RequestContext = { requestId: string };

// Shared through globalThis: the server (scripts/) and the app's build each load their own copy of
// this module, and a line logged inside the app must still see the request the server started.
const shared = globalThis as { __gdaLogContext?: AsyncLocalStorage<RequestContext>; __gdaLogger?: Logger };
const context = (shared.__gdaLogContext ??= new AsyncLocalStorage<RequestContext>());

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

export const REDACTED = "[redacted]";
/** Keys whose values are never logged, wherever they appear. */
const SECRET_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|session|api[-_]?key|private[-_]?key|^pem$/i;
const EMAIL =
  /([^\s@<>"(),;:\\[\]])[^\s@<>"(),;:\\[\]]*@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)/g;
/** Paths whose next segment is a secret (a link sent by e-mail). */
const SECRET_PATH = /\/(reset-password|verify-email|join)\/[^/?#]+/gi;

/** "jane.doe@example.org" → "j***@example.org", wherever an address appears in the text. */
export function maskEmails(text: string): string {
  // Without an "@" there is nothing to mask (and the pattern would try every position in vain).
  return text.includes("@") ? text.replace(EMAIL, "$1***@$2") : text;
}

/**
 * A path (or URL) as it may be logged: the token of /reset-password/<token>, /verify-email/<token>
 * and /join/<token> replaced, and every query string value too (keys kept).
 */
export function redactPath(path: string): string {
  const [beforeHash] = path.split("#", 1);
  const q = beforeHash.indexOf("?");
  const pathname = (q === -1 ? beforeHash : beforeHash.slice(0, q)).replace(SECRET_PATH, `/$1/${REDACTED}`);
  if (q === -1) return maskEmails(pathname);
  const query = beforeHash
    .slice(q + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      return eq === -1 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join("&");
  return maskEmails(`${pathname}?${query}`);
}

/** Text as it may be logged: e-mail addresses masked, secret path segments and query values replaced. */
export function redactText(text: string): string {
  return maskEmails(
    text.replace(
      /(?:https?:\/\/[^\s"'<>]+)?\/(?:reset-password|verify-email|join)\/[^\s"'<>]*|\?[^\s"'<>]*=[^\s"'<>]*/gi,
      (m) => redactPath(m),
    ),
  );
}

/** A value as it may be logged: secret keys dropped, strings redacted, errors kept as type, message and stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[deep]";
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    return {
      type: value.name,
      message: redactText(value.message),
      ...(code ? { code } : {}),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED : redact(v, depth + 1);
  return out;
}

function level(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.LOG_LEVEL?.trim().toLowerCase();
  if (configured && configured in pino.levels.values) return configured;
  if (configured === "silent") return "silent";
  return env.VITEST ? "silent" : "info";
}

/** The logger. `log.child({ module: "mail" })` names where lines come from. */
export const log: Logger = (shared.__gdaLogger ??= pino({
  level: level(),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  messageKey: "msg",
  mixin: () => {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
  formatters: { level: (label) => ({ level: label }), log: (object) => redact(object) as Record<string, unknown> },
  // Errors are turned into plain objects by `redact` (above), not by pino's serializer.
  serializers: { err: (e: unknown) => e },
  hooks: {
    // Messages (the string arguments) are redacted too; `log.error(error)` keeps the error as `err`.
    logMethod(args, method) {
      const [first, ...rest] = args as unknown[];
      const all = first instanceof Error ? [{ err: first }, ...(rest.length ? rest : [first.message])] : args;
      method.apply(this, all.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
    },
  },
}));

/** An incoming X-Request-Id is kept when it is a sane token: 1–128 of [A-Za-z0-9._:-]. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
}

/** Paths answered to load balancers every few seconds: their access lines are logged at "debug". */
const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * Middleware (Node's request and response, so Express or plain http): gives the request its id
 * (from X-Request-Id or new), sends it back as X-Request-Id, runs the rest of the request in its
 * context, and writes one access line when the response is done: method, path (redacted), status,
 * duration in ms and bytes sent.
 */
export function requestLogging(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const requestId = requestIdFrom(req.headers["x-request-id"]);
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  const socket = req.socket;
  const bytesBefore = socket.bytesWritten;
  res.once("close", () => {
    const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    const line = {
      requestId,
      method: req.method,
      path: redactPath(path),
      status: res.statusCode,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      bytes: socket.bytesWritten - bytesBefore,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    const quiet = QUIET_PATHS.has(path.split("?")[0]) && res.statusCode < 500;
    log[quiet ? "debug" : "info"](line, "request");
  });
  context.run({ requestId }, next);
}
