// A production build of one route, for the tests of the patched server runtime: `loader` is the
// route's loader, `entry` the document entry that answers with the page.
import { createRequire } from "node:module";

export type EntryContext = { serverHandoffStream?: ReadableStream<Uint8Array> };
export type Entry = (request: Request, status: number, headers: Headers, context: EntryContext) => Promise<Response>;

// The CommonJS file the server loads (the one that is patched).
const { createRequestHandler } = createRequire(import.meta.url)("@remix-run/server-runtime") as {
  createRequestHandler: (build: unknown, mode?: string) => (request: Request) => Promise<Response>;
};

/** Remix's request handler for a one-route app. */
export function oneRouteApp(entry: Entry, loader: (args: { request: Request }) => unknown) {
  const build = {
    mode: "production",
    basename: "/",
    publicPath: "/build/",
    assetsBuildDirectory: "build/client",
    isSpaMode: false,
    future: { v3_singleFetch: true },
    assets: { entry: { module: "/e.js", imports: [] }, routes: {}, url: "/m.js", version: "1" },
    entry: { module: { default: entry } },
    routes: { root: { id: "root", path: "", module: { default: () => null, loader } } },
  };
  return createRequestHandler(build, "production");
}
