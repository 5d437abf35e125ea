import type { Auth } from "~/auth/auth.server";

// What the server passes to every loader and action (see scripts/server.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    auth: Auth;
    cspNonce: string;
  }
}

export {};
