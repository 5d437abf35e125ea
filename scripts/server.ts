// The HTTP server: Express with compression, security headers, an Origin check on state-changing
// requests, long-lived caching of hashed assets, and the Remix request handler.
// In development it mounts Vite's dev server instead of the production build.
import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";

// entry.server re-exports the auth module's `authenticate`, so the server uses the build's own copy.
type Entry = { authenticate: typeof import("../app/auth/auth.server").authenticate };

export async function createServer() {
  const dev = process.env.NODE_ENV !== "production";
  const vite = dev
    ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }))
    : undefined;
  const loadBuild = async () =>
    (vite
      ? await vite.ssrLoadModule("virtual:remix/server-build")
      : await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  app.use(compression());
  app.use(securityHeaders(dev));
  app.use(refuseCrossOrigin);
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }

  const build = vite ? undefined : await loadBuild();
  const getBuild = async () => build ?? (await loadBuild());
  app.all(
    "*",
    createRequestHandler({
      build: getBuild,
      mode: dev ? "development" : "production",
      getLoadContext: async (req, res) => {
        const entry = (await getBuild()).entry.module as unknown as Entry;
        const auth = await entry.authenticate(req.headers.cookie);
        if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
        return { auth: { user: auth.user, session: auth.session }, cspNonce: res.locals.cspNonce };
      },
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    if (!res.headersSent) res.status(500).type("text/plain").send("Something went wrong on our side.");
  });
  return app;
}

function securityHeaders(dev: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ""}`,
      `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${dev ? " ws: wss:" : ""}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  };
}

/** State-changing requests must come from our own pages. */
function refuseCrossOrigin(req: Request, res: Response, next: NextFunction) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const own = `${req.protocol}://${req.get("host")}`;
  if ((origin && origin !== own) || site === "cross-site") {
    res.status(403).type("text/plain").send("Cross-origin requests may not change anything here.");
    return;
  }
  next();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000);
  (await createServer()).listen(port, () => console.log(`Green Digital Academy on http://localhost:${port}`));
}
