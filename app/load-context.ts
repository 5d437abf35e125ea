import type { Auth } from "~/auth/auth.server";

// What the server passes to every loader and action (see scripts/server.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    auth: Auth;
    cspNonce: string;
    /** The client's address: Express's req.ip, which follows X-Forwarded-For only when TRUST_PROXY=true. */
    clientIp: string;
  }
}

export {};
