// The public address certificates and credentials point to.

/**
 * The site's public origin: PUBLIC_URL (trailing slashes trimmed), else http://localhost:PORT.
 * Never taken from a request: signed credentials name their issuer and status list by this
 * address, and a request's Host header is chosen by whoever sends it.
 */
export function siteUrl(): string {
  const configured = process.env.PUBLIC_URL?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}
