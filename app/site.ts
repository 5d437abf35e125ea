// The site's name and public address: read by every page title, certificate and credential.

export const SITE_NAME = "Green Digital Academy";

/** A page's <title>: "Part · Green Digital Academy", or the site name alone. */
export const pageTitle = (...parts: (string | null | undefined)[]) => [...parts.filter(Boolean), SITE_NAME].join(" · ");

/**
 * The site's public origin: PUBLIC_URL (trailing slashes trimmed), else http://localhost:PORT.
 * Never taken from a request: signed credentials name their issuer and status list by this
 * address, and a request's Host header is chosen by whoever sends it. Server-side only.
 */
export function siteUrl(): string {
  const configured = process.env.PUBLIC_URL?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}
