// The public address certificates and credentials point to.

/** The site's public origin: PUBLIC_URL when configured, else the origin the request came to. */
export function siteUrl(request?: Request): string {
  const configured = process.env.PUBLIC_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  if (request) return new URL(request.url).origin;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}
