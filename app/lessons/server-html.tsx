// A lesson's HTML is sent once. A document request carries it in the page itself, not a second
// time in the data the browser hydrates from: the loader hands it to the server render through the
// load context, and in the browser the lesson body reads it back from the page. Data requests
// (client-side navigation) carry it in the loader data as usual.
import { createContext, useContext, useState } from "react";

/** HTML the server render needs but the hydration data leaves out, by name (server only). */
export type ServerHtml = Map<string, string>;

export const ServerHtmlContext = createContext<ServerHtml | undefined>(undefined);

/**
 * What a loader returns for a piece of HTML: the HTML itself on a data request; on a document
 * request, null, and the HTML goes to the server render only.
 */
export function htmlForPage(
  context: { documentRequest?: boolean; serverHtml?: ServerHtml },
  name: string,
  html: string,
): string | null {
  if (!context.documentRequest || !context.serverHtml) return html;
  context.serverHtml.set(name, html);
  return null;
}

/** The HTML of `name`: from the loader data, else from the server render, else from the page being hydrated. */
export function usePageHtml(name: string, fromData: string | null): string {
  const server = useContext(ServerHtmlContext);
  const [fromPage] = useState(() =>
    fromData !== null || server || typeof document === "undefined"
      ? ""
      : (document.querySelector(`[data-html="${name}"]`)?.innerHTML ?? ""),
  );
  return fromData ?? server?.get(name) ?? fromPage;
}
