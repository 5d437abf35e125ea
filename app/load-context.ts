import type { Auth } from "~/auth/auth.server";
import type { ServerHtml } from "~/lessons/server-html";

// What the server passes to every loader and action (see scripts/server.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    auth: Auth;
    cspNonce: string;
    /** The client's address: Express's req.ip, which follows X-Forwarded-For only when TRUST_PROXY=true. */
    clientIp: string;
    /** False for Remix's data requests (client-side navigation, `….data`), true for a page. */
    documentRequest?: boolean;
    /** HTML for the server render that the hydration data leaves out (see app/lessons/server-html.tsx). */
    serverHtml?: ServerHtml;
    /**
     * Set when the page is a kept page (see app/http/page-templates.server.ts): the page, and its
     * gzip form made from pieces compressed once (null if that cannot be made). The response then
     * has no body; the server sends this page instead.
     */
    keptPage?: { page: Buffer; gzip: () => Buffer | null };
  }
}

export {};
