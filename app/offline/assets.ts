// Which files a saved page needs, read from the page itself: its style sheets, scripts (the entry,
// the route modules Remix names in the page, and what those import in turn) and images. Pure, so
// that it is tested without a browser.

/** Addresses of the site's own files: built scripts and styles, lesson figures, media, covers, the icon. */
const FILE = /^\/(assets|content|media|covers)\/|^\/favicon\.svg$/;

const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");

/** A reference resolved against `base`, kept only when it is one of this site's files. */
function fileAddress(reference: string, base: URL): string | null {
  if (!reference || reference.startsWith("data:")) return null;
  try {
    const url = new URL(decodeEntities(reference.trim()), base);
    return url.origin === base.origin && FILE.test(url.pathname) ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}

/**
 * The site's files an HTML page refers to: `src`, `href` and `srcset` attributes, and the quoted
 * /assets/… addresses of Remix's inline scripts (the entry and the route modules).
 */
export function filesInPage(html: string, pageUrl: string): string[] {
  const base = new URL(pageUrl);
  const found = new Set<string>();
  const add = (reference: string) => {
    const address = fileAddress(reference, base);
    if (address) found.add(address);
  };
  for (const m of html.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/gi)) add(m[1]!);
  for (const m of html.matchAll(/\ssrcset\s*=\s*"([^"]*)"/gi))
    for (const candidate of m[1]!.split(",")) add(candidate.trim().split(/\s+/)[0]!);
  for (const m of html.matchAll(/["'](\/assets\/[^"'\s\\]+)["']/g)) add(m[1]!);
  return [...found];
}

/**
 * The files a built script or style sheet refers to: scripts import their chunks as "./name.js",
 * style sheets name fonts and images with url(…). Of the per-language message chunks
 * ("messages-<language>-<namespace>-<hash>.js", see vite.config.ts), only the page's language's are
 * kept (all its namespaces: a saved page may show any message its scripts could ask for).
 */
export function filesInAsset(text: string, assetUrl: string, language: string): string[] {
  const base = new URL(assetUrl);
  const found = new Set<string>();
  for (const m of text.matchAll(/["'](\.\/[\w.-]+\.(?:js|css))["']/g)) {
    const name = m[1]!.slice(2);
    const messages = /^messages-([a-z]+)-[\w-]+\.js$/.exec(name);
    if (messages && messages[1] !== language) continue;
    const address = fileAddress(m[1]!, base);
    if (address) found.add(address);
  }
  for (const m of text.matchAll(/url\(\s*["']?([^"')\s]+)["']?\s*\)/g)) {
    const address = fileAddress(m[1]!, base);
    if (address) found.add(address);
  }
  return [...found];
}

/** Whether a file may refer to further files (and so is read to find them). */
export const mayReferToFiles = (address: string) => /\.(?:js|css)$/.test(new URL(address, "http://x").pathname);
