// Offline reading's pieces that run without a browser: the service worker (public/sw.js) agrees with
// the pages on names, answers Remix's data requests as Remix's own server would, and tells lesson
// pages and sign-in/out requests apart; the files a saved page needs are found in it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";
import { encodeViaTurboStream, SingleFetchRedirectSymbol } from "@remix-run/server-runtime/dist/single-fetch.js";
import { describe, expect, it } from "vitest";
import { filesInAsset, filesInPage, mayReferToFiles } from "./assets";
import * as shared from "./shared";

const source = readFileSync(join(import.meta.dirname, "../../public/sw.js"), "utf8");

/** The worker's script run in a sandbox: its functions and constants, none of its events. */
function worker() {
  const context = vm.createContext({
    self: { addEventListener: () => {}, location: new URL("http://localhost/") },
    URL,
    URLSearchParams,
    Response,
  });
  vm.runInContext(source, context);
  return (expression: string) => vm.runInContext(expression, context) as unknown;
}

describe("the service worker", () => {
  const run = worker();

  it("uses the names the pages use", () => {
    for (const name of [
      "CACHE_PREFIX",
      "MANIFEST_PREFIX",
      "DB_NAME",
      "DB_VERSION",
      "QUEUE_STORE",
      "META_STORE",
      "CURRENT_USER_KEY",
      "COMPLETIONS_API",
    ] as const)
      expect(run(name), name).toBe(shared[name]);
    expect(existsSync(join(import.meta.dirname, "../../public", shared.SERVICE_WORKER_URL))).toBe(true);
  });

  it("asks Remix for a whole-page load exactly as Remix's server does, for loaders and for actions", async () => {
    const page = "/courses/c/m/l";
    const redirect = { redirect: page, status: 302, revalidate: false, reload: true, replace: true };
    const remix = async (value: unknown) =>
      new Response(encodeViaTurboStream(value, new AbortController().signal, 1000, ServerMode.Production)).text();
    const mine = async (forAction: boolean) => {
      const response = run(`reloadAs(${JSON.stringify(page)}, ${forAction})`) as Response;
      expect(response.status).toBe(202);
      return response.text();
    };
    expect(await mine(false)).toBe(await remix({ [SingleFetchRedirectSymbol]: redirect }));
    expect(await mine(true)).toBe(await remix(redirect));
  });

  it("maps Remix's data addresses to their pages", () => {
    expect(run("pagePath('/courses/c/m/l.data')")).toBe("/courses/c/m/l");
    expect(run("pagePath('/_root.data')")).toBe("/");
    expect(run("pagePath('/courses/c/m/l')")).toBe("/courses/c/m/l");
    expect(run("searchWithoutRoutes(new URL('http://x/a.data?_routes=r&index&q=1'))")).toBe("?q=1");
    expect(run("searchWithoutRoutes(new URL('http://x/a.data?_routes=r'))")).toBe("");
  });

  it("takes only lesson pages for completions, and sees sign-in and log-out requests", () => {
    const lesson = (path: string) => run(`LESSON_LIKE.test(${JSON.stringify(path)})`);
    expect(lesson("/courses/c/m/l")).toBe(true);
    expect(lesson("/courses/c/quiz/final")).toBe(false);
    expect(lesson("/courses/c/glossary")).toBe(false);
    expect(lesson("/courses/c/quiz/q/attempts/a")).toBe(false);
    const signInOrOut = (path: string) => run(`SIGN_IN_OR_OUT.test(${JSON.stringify(path)})`);
    for (const path of ["/login", "/login.data", "/signup", "/logout", "/logout.data", "/reset-password/t"])
      expect(signInOrOut(path), path).toBe(true);
    expect(signInOrOut("/courses/c")).toBe(false);
    expect(run("LOG_OUT.test('/logout.data')")).toBe(true);
    expect(run("LOG_OUT.test('/login')")).toBe(false);
  });
});

describe("the files a saved page needs", () => {
  const html = `<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="/assets/tailwind-A1.css"/><link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
    <link rel="modulepreload" href="/assets/framework-B2.js"/>
    </head><body><a href="/courses/c">Course</a><a href="https://elsewhere.example/assets/x.js">x</a>
    <img src="/content/c/figure.webp" srcset="/media/h/480.webp 480w, /media/h/960.webp 960w" alt=""/>
    <img src="data:image/png;base64,AAAA" alt=""/>
    <script nonce="n">window.__remixManifest={"routes":{"root":{"module":"/assets/root-C3.js","imports":["/assets/context-D4.js"]}}};</script>
    <script type="module" nonce="n">import "/assets/manifest-E5.js";import * as route0 from "/assets/root-C3.js";</script>
    </body></html>`;

  it("are the page's style sheets, scripts and images from this site", () => {
    expect(filesInPage(html, "http://localhost/courses/c/m/l").sort()).toEqual(
      [
        "/assets/context-D4.js",
        "/assets/framework-B2.js",
        "/assets/manifest-E5.js",
        "/assets/root-C3.js",
        "/assets/tailwind-A1.css",
        "/content/c/figure.webp",
        "/favicon.svg",
        "/media/h/480.webp",
        "/media/h/960.webp",
      ].sort(),
    );
  });

  it("include what the scripts import and the style sheets name, in the page's language only", () => {
    const script = `import{r}from"./framework-B2.js";const m={"./messages/en/common.json":()=>import("./messages-en-common-AA.js"),"./messages/fr/common.json":()=>import("./messages-fr-common-BB.js"),"./messages/fr/org.json":()=>import("./messages-fr-org-CC.js")};`;
    expect(filesInAsset(script, "http://localhost/assets/entry.client-F6.js", "fr").sort()).toEqual([
      "/assets/framework-B2.js",
      "/assets/messages-fr-common-BB.js",
      "/assets/messages-fr-org-CC.js",
    ]);
    const css = `@font-face{src:url(./noto-G7.woff2) format("woff2")}.a{background:url("data:image/svg+xml,x")}`;
    expect(filesInAsset(css, "http://localhost/assets/tailwind-A1.css", "en")).toEqual(["/assets/noto-G7.woff2"]);
    expect(mayReferToFiles("/assets/a.js")).toBe(true);
    expect(mayReferToFiles("/media/h/480.webp")).toBe(false);
  });
});
