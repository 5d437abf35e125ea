// The patched partial route manifest (patches/@remix-run+react…, decision 011): what the server
// writes into each page is kept per manifest, for the page's matches and the parents of its path,
// and is what Remix itself would have written.
import { createRequire } from "node:module";
import { matchRoutes, type AgnosticDataRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

type Manifest = { url: string; routes: Record<string, { id: string; path?: string; index?: boolean }> };
type Router = {
  basename: string;
  routes: AgnosticDataRouteObject[];
  state: { location: { pathname: string }; matches: { route: { id: string } }[] };
};
// The CommonJS file the server loads (the one that is patched); it has no types of its own.
const { getPartialManifest } = createRequire(import.meta.url)("@remix-run/react/dist/fog-of-war.js") as {
  getPartialManifest: (manifest: Manifest, router: Router) => Manifest;
};

const routes: Manifest["routes"] = {
  root: { id: "root", path: "" },
  home: { id: "home", index: true },
  course: { id: "course", path: "courses/:course" },
  lesson: { id: "lesson", path: "courses/:course/:module/:lesson" },
  learn: { id: "learn", path: "learn" },
};
const tree = (): AgnosticDataRouteObject[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "course", path: "courses/:course" },
      { id: "lesson", path: "courses/:course/:module/:lesson" },
      { id: "learn", path: "learn" },
    ],
  },
];
/** A router as Remix's server makes one for each request: a new route tree, matched for the path. */
function routerAt(pathname: string): Router {
  const routes = tree();
  const matches = matchRoutes(routes, pathname)!.map((m) => ({ route: { id: m.route.id } }));
  return { basename: "/", routes, state: { location: { pathname }, matches } };
}
const ids = (manifest: Manifest) => Object.keys(manifest.routes).sort();

describe("the partial route manifest written into each page", () => {
  it("names the page's routes and those of its path's parents, as Remix does", () => {
    const manifest: Manifest = { url: "/assets/manifest.js", routes };
    expect(ids(getPartialManifest(manifest, routerAt("/courses/a/m/l")))).toEqual(["course", "home", "lesson", "root"]);
    expect(ids(getPartialManifest(manifest, routerAt("/learn")))).toEqual(["home", "learn", "root"]);
    expect(getPartialManifest(manifest, routerAt("/learn")).url).toBe("/assets/manifest.js");
  });

  it("is made once for pages with the same routes and parents, and again for others", () => {
    const manifest: Manifest = { url: "/assets/manifest.js", routes };
    const first = getPartialManifest(manifest, routerAt("/courses/a/m/one"));
    expect(getPartialManifest(manifest, routerAt("/courses/a/m/two"))).toBe(first);
    expect(getPartialManifest(manifest, routerAt("/courses/b/m/one"))).not.toBe(first);
    expect(getPartialManifest({ ...manifest }, routerAt("/courses/a/m/one"))).not.toBe(first);
  });
});
