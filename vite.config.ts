import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Rollup } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const app = fileURLToPath(new URL("./app/", import.meta.url));
/**
 * The packages every page runs: React, React DOM, the Remix and React Router runtime, i18next and
 * its React binding, and Vite's helper for loading chunks. Not react-i18next's <Trans> (with its
 * markup parser): only some pages use it.
 */
const FRAMEWORK =
  /\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/[^/]+|turbo-stream|i18next|react-i18next)\/|vite\/preload-helper/;
/** The message namespaces of the header, footer and shared components: every page needs them. */
const LAYOUT_MESSAGES = ["common", "components", "offline"];
const TRANS =
  /\/node_modules\/(react-i18next\/dist\/es\/Trans(WithoutContext)?\.js$|html-parse-stringify\/|void-elements\/)/;
/** Modules every page loads: the client entry and the root route. */
const EVERY_PAGE = /\/app\/(root|entry\.client)\.tsx$/;
/** A small module (transformed source, before minifying) shared by this many routes joins the framework chunk. */
const SMALL_MODULE = 2_000;
const MANY_ROUTES = 3;

/**
 * Client chunks. Every script is a request, and each response carries about 1 KiB of headers: the
 * framework, what the root route needs on every page, and tiny modules many routes share (paths,
 * formatting, a progress bar) travel as one chunk instead of half a dozen. A module joins only when
 * all its own imports do, so that chunk never pulls in a larger library (forms, charts, the editor);
 * everything else stays split by route.
 */
function manualChunks(id: string, { getModuleInfo }: Rollup.ManualChunkMeta): string | undefined {
  // One script per interface language and namespace: a page loads the messages of its own
  // language that its modules use (see app/i18n/messages.ts); those of the layout, which every
  // page uses, travel together.
  const messages = /\/app\/i18n\/messages\/([a-z]+)\/([a-z-]+)\.json$/.exec(id);
  if (messages) return `messages-${messages[1]}-${LAYOUT_MESSAGES.includes(messages[2]!) ? "layout" : messages[2]}`;
  if (TRANS.test(id)) return "trans";
  const isRoute = (m: string) => m.startsWith(`${app}routes/`) || EVERY_PAGE.test(m);
  /** The route modules (and the root and entry) that load module `m`. */
  const routesUsing = (m: string, found = new Set<string>(), seen = new Set<string>()): Set<string> => {
    if (seen.has(m)) return found;
    seen.add(m);
    if (isRoute(m)) return found.add(m);
    const info = getModuleInfo(m);
    for (const importer of [...(info?.importers ?? []), ...(info?.dynamicImporters ?? [])])
      routesUsing(importer, found, seen);
    return found;
  };
  const decided = new Map<string, boolean>();
  const inShell = (m: string): boolean => {
    if (decided.has(m)) return decided.get(m)!;
    decided.set(m, true); // an import cycle: assume yes until shown otherwise
    const info = getModuleInfo(m);
    let result = FRAMEWORK.test(m);
    if (!result && info && m.startsWith(app) && !isRoute(m)) {
      const routes = [...routesUsing(m)];
      const everyPage = routes.some((r) => EVERY_PAGE.test(r));
      const smallAndShared = routes.length >= MANY_ROUTES && (info.code?.length ?? Infinity) <= SMALL_MODULE;
      result = (everyPage || smallAndShared) && info.importedIds.every(inShell);
    }
    decided.set(m, result);
    return result;
  };
  return inShell(id) ? "framework" : undefined;
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [tailwindcss(), remix(remixConfig)],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  ssr: {
    external: [
      "@prisma/client",
      "@prisma/adapter-better-sqlite3",
      "better-sqlite3",
      "@node-rs/argon2",
      "mdx-bundler",
      "esbuild",
      "sharp",
    ],
  },
  build: {
    target: "es2022",
    // Terser instead of esbuild: the framework script is 4 % smaller once compressed, all scripts
    // together 1.8 % (docs/decisions/015-terser-for-client-scripts.md); a slower build.
    minify: isSsrBuild ? false : "terser",
    terserOptions: { ecma: 2020, compress: { passes: 2 } },
    rollupOptions: isSsrBuild
      ? {}
      : {
          output: { manualChunks },
          // <Trans>'s markup parser and its list of void elements do nothing when loaded (their
          // packages do not say so): without this, every page would load them.
          treeshake: {
            moduleSideEffects: (id: string) => !/\/node_modules\/(html-parse-stringify|void-elements)\//.test(id),
          },
        },
  },
}));
