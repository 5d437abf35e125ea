// Saving a course on this device and removing it, in the browser: the pages go into the signed-in
// person's cache (Cache Storage, named after their user id), with the files they need and a
// description of the course (SavedCourse) that the service worker reads to know which lesson a
// "Mark complete" is for. Only called from event handlers and effects, never on the server.
import { filesInAsset, filesInPage, mayReferToFiles } from "./assets";
import { cacheNameFor, manifestPath, MANIFEST_PREFIX, SERVICE_WORKER_URL, type SavedCourse } from "./shared";

export type CourseToSave = {
  userId: string;
  slug: string;
  title: string;
  lessons: { key: string; path: string }[];
  glossary: string | null;
};

export class SaveFailed extends Error {
  constructor(
    readonly reason: "network" | "space",
    message: string,
  ) {
    super(message);
  }
}

/** The saved course, or null when it is not saved on this device for this person. */
export async function savedCourse(userId: string, slug: string): Promise<SavedCourse | null> {
  if (!(await caches.has(cacheNameFor(userId)))) return null;
  const cache = await caches.open(cacheNameFor(userId));
  const response = await cache.match(manifestPath(slug));
  return response ? ((await response.json()) as SavedCourse) : null;
}

/** Registers the service worker (once) and tells it who is signed in. */
async function startWorker(userId: string) {
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({ type: "page", userId, online: navigator.onLine });
}

/**
 * Saves the course's lesson pages and glossary, and every file they need, then its description.
 * A page that does not come back whole (a redirect, an error) stops the saving: a half-saved
 * course is never described as saved.
 */
export async function saveCourse(
  course: CourseToSave,
  onProgress: (done: number, total: number) => void,
): Promise<SavedCourse> {
  await startWorker(course.userId);
  const cache = await caches.open(cacheNameFor(course.userId));
  const pages = [...course.lessons.map((l) => l.path), ...(course.glossary ? [course.glossary] : [])];
  const language = document.documentElement.lang || "en";
  const files = new Set<string>();
  let bytes = 0;
  try {
    for (const [i, page] of pages.entries()) {
      onProgress(i, pages.length);
      const response = await fetchWhole(page, "text/html");
      const html = await response.clone().text();
      for (const file of filesInPage(html, new URL(page, window.location.origin).href)) files.add(file);
      bytes += new Blob([html]).size;
      await cache.put(page, response);
    }
    // The scripts and style sheets name further files; follow them (each is read once).
    const queue = [...files];
    const stored = new Set((await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search));
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      let response = stored.has(file) ? await cache.match(file) : undefined;
      if (!response) {
        response = await fetchWhole(file);
        await cache.put(file, response.clone());
      }
      const body = await response.blob();
      bytes += body.size;
      if (!mayReferToFiles(file)) continue;
      const text = await body.text();
      for (const next of filesInAsset(text, new URL(file, window.location.origin).href, language))
        if (!files.has(next)) {
          files.add(next);
          queue.push(next);
        }
    }
    onProgress(pages.length, pages.length);
  } catch (error) {
    if (error instanceof DOMException && error.name === "QuotaExceededError")
      throw new SaveFailed("space", "There is not enough space on this device.");
    throw error;
  }
  const saved: SavedCourse = {
    slug: course.slug,
    title: course.title,
    userId: course.userId,
    savedAt: new Date().toISOString(),
    lessons: course.lessons,
    pages,
    assets: [...files],
    bytes,
  };
  await cache.put(
    manifestPath(course.slug),
    new Response(JSON.stringify(saved), { headers: { "Content-Type": "application/json" } }),
  );
  return saved;
}

async function fetchWhole(address: string, type?: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(address, { credentials: "same-origin", headers: type ? { Accept: type } : {} });
  } catch {
    throw new SaveFailed("network", `${address} could not be fetched.`);
  }
  const contentType = response.headers.get("Content-Type") ?? "";
  if (!response.ok || response.redirected || (type && !contentType.includes(type)))
    throw new SaveFailed("network", `${address} answered ${response.status}.`);
  return response;
}

/**
 * Removes a saved course: its pages, its description, and the files no other saved course needs.
 * When nothing is left saved (and nothing waits to be sent), the cache and the service worker go too.
 */
export async function removeCourse(userId: string, slug: string, nothingWaiting: boolean): Promise<void> {
  const name = cacheNameFor(userId);
  if (!(await caches.has(name))) return;
  const cache = await caches.open(name);
  const removed = await savedCourse(userId, slug);
  const others: SavedCourse[] = [];
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (!path.startsWith(MANIFEST_PREFIX) || path === manifestPath(slug)) continue;
    const response = await cache.match(request);
    if (response) others.push((await response.json()) as SavedCourse);
  }
  if (others.length === 0) {
    await caches.delete(name);
    if (nothingWaiting) await (await navigator.serviceWorker.getRegistration("/"))?.unregister();
    return;
  }
  const kept = new Set(others.flatMap((c) => [...c.pages, ...c.assets]));
  for (const address of [...(removed?.pages ?? []), ...(removed?.assets ?? [])])
    if (!kept.has(address)) await cache.delete(address);
  await cache.delete(manifestPath(slug));
}
