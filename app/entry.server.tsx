import { finished, PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { varyByDataSaver, type DataSaver } from "~/http/data-saver.server";
import {
  fill,
  gzipFill,
  identityIn,
  PageTemplates,
  templateOf,
  viewKey,
  type Template,
} from "~/http/page-templates.server";
import { i18nFor, varyByLanguage } from "~/i18n/i18n.server";
import { pageLanguageOf } from "~/i18n/page-language";
import { ServerHtmlContext } from "~/lessons/server-html";
import { log } from "~/log.server";
import { registerChannel } from "~/mail/channels.server";
import { startMailSender as startOutboxSender } from "~/mail/sender.server";
import { deliverXapiStatement } from "~/xapi/deliver.server";
import { NonceContext } from "./nonce";
import "./load-context";

// The server calls this for every request to learn who is asking (see scripts/server.ts).
export { authenticate } from "~/auth/auth.server";
export { ensureCatalogue, loadedCatalogueRevision } from "~/content/catalogue.server";
export { warmUpPaths } from "~/http/warm-up.server";
export { startReminders } from "~/cohorts/reminders.server";
export { checkReadiness } from "~/health/readiness.server";
export { bodyTooLargeText } from "~/http/form.server";

/** Starts the outbox's sender with a handler for every channel: e-mail, and xAPI statements for an external LRS. */
export function startMailSender() {
  registerChannel("xapi", deliverXapiStatement);
  return startOutboxSender();
}

const ABORT_DELAY = 5_000;

/** Pages rendered once per view (see page-templates.server.ts), in this process. */
const templates = new PageTemplates();

/** Routes whose handle has `renderOncePerView: true` may be answered from a kept page. */
type Handle = { renderOncePerView?: boolean } | undefined;

/** The kept-page key and the person of a request that may be answered from a kept page, else null. */
function viewOf(request: Request, status: number, remixContext: EntryContext, loadContext: AppLoadContext) {
  const { matches, loaderData, actionData, errors } = remixContext.staticHandlerContext;
  const leaf = matches.at(-1)?.route.id;
  const handle = leaf ? (remixContext.routeModules[leaf]?.handle as Handle) : undefined;
  const identity = identityIn(loaderData);
  if (request.method !== "GET" || status !== 200 || actionData || errors || !handle?.renderOncePerView || !identity)
    return null;
  const key = viewKey(request.url, loaderData, loadContext.serverHtml ?? new Map());
  return key === null ? null : { identity, key };
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const view = viewOf(request, responseStatusCode, remixContext, loadContext);
  let kept = view && templates.get(view.key);
  // The same view being rendered for someone else right now: its page will do (no await before
  // startRender below when there is none, so two requests cannot both miss it).
  const rendering = view && !kept ? templates.rendering(view.key) : undefined;
  if (rendering) kept = await rendering;
  if (view && kept) {
    // Nothing to render: the data that hydration reads is in the kept page already. Remix encodes
    // it only when the stream is first read (patches/@remix-run+server-runtime…), so dropping the
    // stream unread costs nothing.
    remixContext.serverHandoffStream = undefined;
    varyByDataSaver(responseHeaders);
    varyByLanguage(responseHeaders);
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("X-Page-Cache", "hit");
    const template = kept;
    const page = fill(template, view.identity, nonce);
    loadContext.keptPage = { page, gzip: () => gzipFill(template, view.identity, nonce, page) };
    // The page goes beside the response rather than in it: a body would be a web stream, made and
    // read back whole by the server for every view.
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const outcome = { failed: false };
  const rendered = view ? templates.startRender(view.key) : undefined;
  let template: Template | null = null;
  try {
    const response = await render(request, responseStatusCode, responseHeaders, remixContext, loadContext, outcome);
    if (!view || response.status !== 200) return response;
    const html = await response.text();
    // Kept only when the render went through and filling the person back in gives this very page.
    template = outcome.failed
      ? null
      : templateOf(html, view.identity, nonce, remixContext.staticHandlerContext.loaderData);
    if (template !== null && !fill(template, view.identity, nonce).equals(Buffer.from(html))) template = null;
    if (template !== null) templates.put(view.key, template);
    response.headers.set("X-Page-Cache", template !== null ? "miss" : "not kept");
    return new Response(html, { status: response.status, headers: response.headers });
  } finally {
    rendered?.(template);
  }
}

function render(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
  outcome: { failed: boolean },
): Promise<Response> {
  const nonce = loadContext.cspNonce;
  // In data-saver mode (decided by the root loader) the page has no scripts: nothing hydrates it,
  // so the loader data that hydration would read is left out too.
  const root = remixContext.staticHandlerContext.loaderData.root as
    { dataSaver?: DataSaver; language?: string } | undefined;
  if (root?.dataSaver?.on) remixContext.serverHandoffStream = undefined;
  varyByDataSaver(responseHeaders);
  varyByLanguage(responseHeaders);
  const { matches, loaderData } = remixContext.staticHandlerContext;
  const pageLanguage = pageLanguageOf(matches.map((m) => loaderData[m.route.id] as never));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Rendering is given ABORT_DELAY to finish; the timer goes with the page (kept, it would hold
    // every page's render in memory for that long).
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18nFor(pageLanguage)}>
        <NonceContext.Provider value={nonce}>
          <ServerHtmlContext.Provider value={loadContext.serverHtml}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </ServerHtmlContext.Provider>
        </NonceContext.Provider>
      </I18nextProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          finished(body, () => clearTimeout(timer));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          outcome.failed = true;
          if (shellRendered) log.error({ err: error }, "Rendering a page failed");
        },
      },
    );
  });
}

/** Data requests (client-side navigations) carry the root's data-saver decision too. */
export function handleDataRequest(response: Response) {
  try {
    varyByDataSaver(response.headers);
    varyByLanguage(response.headers);
  } catch {
    // A response with immutable headers (e.g. Response.redirect) carries no page data.
  }
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 4xx (e.g. a POST to a page without an action: 405) is the client's mistake, not ours: no stack trace.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  log.error({ err: error }, "A request failed");
}
