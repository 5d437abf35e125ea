// Offline reading: the service worker. Plain JavaScript, served as it is from /sw.js (no build step),
// so that its scope is the whole site. It is registered only when a learner saves a course for
// offline reading (app/offline/save-offline.tsx), and what it may touch is narrow:
//
// - Pages: a navigation under /courses/ goes to the network first; only when the network fails is
//   it answered from the signed-in person's cache, and only with a page they saved (a course's
//   lessons and glossary). Nothing else is ever put in a cache. A saved page that is opened online
//   replaces its saved copy, as long as the answer is that person's own (private) page.
// - Remix's data requests (<page>.data) for a saved page that fail turn into a whole-page load of
//   that page, which the rule above answers.
// - The scripts, style sheets and images the saved pages need: network first, then the cache.
// - "Mark complete" on a saved lesson that cannot reach the server is kept in IndexedDB and sent to
//   /api/offline-completions when a page says it is online again (on every page load, and on the
//   browser's "online" event).
// - Signing in or out forgets who was signed in; logging out also sends what is waiting (when it
//   can), then deletes every saved page and the queue, and unregisters this worker.
//
// Who is signed in is told by each page as it loads (app/offline/offline-status.tsx): the worker
// serves saved pages only from that person's cache and deletes other people's caches. The names
// below must match app/offline/shared.ts (app/offline/offline.test.ts checks them).
"use strict";

const CACHE_PREFIX = "gda-offline-v1-";
const MANIFEST_PREFIX = "/__offline/course/";
const DB_NAME = "gda-offline";
const DB_VERSION = 1;
const QUEUE_STORE = "completions";
const META_STORE = "meta";
const CURRENT_USER_KEY = "currentUser";
const COMPLETIONS_API = "/api/offline-completions";

/** Requests after which someone else may be signed in. */
const SIGN_IN_OR_OUT = /^\/(login|signup|logout|reset-password\/[^/]+)(\.data)?\/?$/;
const LOG_OUT = /^\/logout(\.data)?\/?$/;
/** Files a saved page may need. */
const FILES = /^\/(assets|content|media|covers)\/|^\/favicon\.svg$/;
/** The address of a page that may be a lesson: /courses/<course>/<module>/<lesson> (not a quiz). */
const LESSON_LIKE = /^\/courses\/[^/]+\/(?!quiz\/)[^/]+\/[^/]+$/;

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

/** Set once the person logged out: everything is deleted and this worker is on its way out. */
let forgotten = false;

self.addEventListener("fetch", (event) => {
  if (forgotten) return;
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  const page = pagePath(path);

  if (request.method === "GET") {
    if (path.startsWith(MANIFEST_PREFIX)) return;
    if (request.mode === "navigate" && path.startsWith("/courses/")) event.respondWith(pageFirstFromNetwork(event));
    else if (path.endsWith(".data") && page.startsWith("/courses/"))
      event.respondWith(dataFirstFromNetwork(request, page + searchWithoutRoutes(url)));
    else if (FILES.test(path)) event.respondWith(fileFirstFromNetwork(request));
    return;
  }
  if (request.method !== "POST") return;
  if (SIGN_IN_OR_OUT.test(path)) event.respondWith(signInOrOut(event, LOG_OUT.test(path)));
  else if (LESSON_LIKE.test(page)) event.respondWith(completeLessonOrQueue(request, page, path !== page));
});

self.addEventListener("message", (event) => {
  const message = event.data;
  if (forgotten || !message || typeof message !== "object") return;
  if (message.type === "page") event.waitUntil(pageLoaded(message.userId ?? null, Boolean(message.online)));
  else if (message.type === "sync") event.waitUntil(syncAndReport({ retry: true }));
});

// Pages

/** A page's address without Remix's ".data" suffix ("/_root.data" is the home page). */
function pagePath(path) {
  if (!path.endsWith(".data")) return path;
  const page = path.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

/** The query of a data request without the parameters Remix adds for itself. */
function searchWithoutRoutes(url) {
  const params = new URLSearchParams(url.search);
  params.delete("_routes");
  params.delete("index");
  const search = params.toString();
  return search ? `?${search}` : "";
}

async function pageFirstFromNetwork(event) {
  const url = new URL(event.request.url);
  const path = url.pathname;
  try {
    const response = await fetch(event.request);
    if (!url.search) {
      const copy = response.clone();
      event.waitUntil(refreshSavedCopy(path, copy).catch(() => copy.body?.cancel()));
    }
    return response;
  } catch (error) {
    const saved = await savedResponse(path, { ignoreSearch: true });
    if (saved) return saved;
    throw error;
  }
}

/**
 * A saved page opened online replaces its saved copy: only a full, personal (private) HTML page,
 * never a redirect or a page for someone signed out, and only in the cache of whoever is signed in.
 */
async function refreshSavedCopy(path, copy) {
  const type = copy.headers.get("Content-Type") || "";
  const cacheControl = copy.headers.get("Cache-Control") || "";
  const cache =
    copy.status === 200 && !copy.redirected && /text\/html/i.test(type) && /private/i.test(cacheControl)
      ? await currentCache()
      : null;
  if (cache && (await cache.match(path, { ignoreVary: true, ignoreSearch: true }))) await cache.put(path, copy);
  else await copy.body?.cancel();
}

async function dataFirstFromNetwork(request, page) {
  try {
    return await fetch(request);
  } catch (error) {
    if (await savedResponse(new URL(page, self.location.origin).pathname, { ignoreSearch: true }))
      return reloadAs(page);
    throw error;
  }
}

async function fileFirstFromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const saved = await savedResponse(new URL(request.url).pathname + new URL(request.url).search, {});
    if (saved) return saved;
    throw error;
  }
}

/**
 * Remix's answer to a data request that asks for a whole-page load of `page`: single fetch's
 * redirect with "reload document", in turbo-stream form (a loader's answer wraps it as a
 * SingleFetchRedirect; an action's is the bare object). The browser then opens the page as a
 * navigation, which the saved copy answers. offline.test.ts checks both against Remix's encoder.
 */
function reloadAs(page, forAction = false) {
  const fields = ["redirect", page, "status", 302, "revalidate", false, "reload", true, "replace"];
  const body = forAction
    ? [{ _1: 2, _3: 4, _5: 6, _7: 8, _9: 8 }, ...fields]
    : [["SingleFetchRedirect", 1], { _2: 3, _4: 5, _6: 7, _8: 9, _10: 9 }, ...fields];
  return new Response(`${JSON.stringify(body)}\n`, {
    status: 202,
    headers: { "Content-Type": "text/x-script", "X-Remix-Response": "yes", "Cache-Control": "no-store" },
  });
}

// Lesson completions

async function completeLessonOrQueue(request, page, isData) {
  try {
    return await fetch(request);
  } catch (error) {
    const userId = await currentUser();
    const lesson = userId ? await savedLesson(userId, page) : null;
    if (!lesson) throw error;
    await queueCompletion({
      id: `${userId} ${lesson.course} ${lesson.key}`,
      userId,
      course: lesson.course,
      lesson: lesson.key,
      path: page,
      completedAt: new Date().toISOString(),
    });
    if (isData) return reloadAs(page, true);
    return Response.redirect(new URL(page, self.location.origin).href, 303);
  }
}

/** The saved course and lesson key of a saved lesson page, if it is one. */
async function savedLesson(userId, page) {
  const cache = await cacheOf(userId);
  if (!cache) return null;
  for (const manifest of await manifests(cache)) {
    const lesson = manifest.lessons.find((l) => l.path === page);
    if (lesson) return { course: manifest.slug, key: lesson.key };
  }
  return null;
}

async function manifests(cache) {
  const keys = await cache.keys();
  const found = [];
  for (const key of keys) {
    if (!new URL(key.url).pathname.startsWith(MANIFEST_PREFIX)) continue;
    const response = await cache.match(key);
    if (response) found.push(await response.json());
  }
  return found;
}

let syncing = null;
/** What was sent since the pages were last told: each completion is reported once. */
let unreported = { synced: 0, refused: 0 };

/** Sends the signed-in person's queued completions; each one the server answers for is removed. */
function syncQueue() {
  syncing ??= (async () => {
    const result = { unreachable: false };
    try {
      const userId = await currentUser();
      if (!userId) return result;
      for (const entry of await queuedFor(userId)) {
        let response;
        try {
          response = await fetch(COMPLETIONS_API, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ course: entry.course, lesson: entry.lesson, completedAt: entry.completedAt }),
          });
        } catch {
          result.unreachable = true;
          break; // still offline
        }
        if (response.ok) unreported.synced += 1;
        // Refused for good (the course or lesson is gone, or no enrolment): sending it again cannot help.
        else if ([400, 404, 409, 410, 422].includes(response.status)) unreported.refused += 1;
        else break; // signed out, busy or failing: try again later
        await removeQueued(entry.id);
      }
    } finally {
      syncing = null;
    }
    return result;
  })();
  return syncing;
}

/**
 * Sends what is waiting and tells the pages. With `retry` (the browser says it is online again), a
 * server that cannot be reached yet is tried again a few times: the "online" event often comes
 * before the connection carries requests.
 */
async function syncAndReport({ retry = false } = {}) {
  let result = await syncQueue();
  for (const delay of retry ? [1000, 3000, 10000] : []) {
    if (!result.unreachable) break;
    await report();
    await new Promise((resolve) => setTimeout(resolve, delay));
    result = await syncQueue();
  }
  await report();
}

/** Tells every open page of the site what is waiting, and what was just sent. */
async function report() {
  const userId = await currentUser();
  const pending = userId
    ? (await queuedFor(userId)).map((e) => ({ course: e.course, lesson: e.lesson, path: e.path }))
    : [];
  const windows = await self.clients.matchAll({ type: "window" });
  const { synced, refused } = unreported;
  unreported = { synced: 0, refused: 0 };
  for (const client of windows) client.postMessage({ type: "offline-queue", userId, pending, synced, refused });
}

// Who is signed in

async function pageLoaded(userId, online) {
  await setCurrentUser(userId);
  if (userId) {
    // Someone else's saved pages are never kept once another person is signed in here.
    for (const name of await caches.keys())
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE_PREFIX + userId) await caches.delete(name);
  }
  if (online && userId) await syncAndReport();
  else await report();
}

async function signInOrOut(event, loggingOut) {
  if (!loggingOut) {
    await setCurrentUser(null);
    return fetch(event.request);
  }
  // The session still holds: send what is waiting first (for a few seconds at most).
  const userId = await currentUser();
  if (userId && (await queuedFor(userId)).length > 0)
    await Promise.race([syncQueue().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 3000))]);
  // From here on this worker answers nothing; deleting everything goes on beside the log-out itself.
  event.waitUntil(forgetEverything());
  return fetch(event.request);
}

async function forgetEverything() {
  forgotten = true;
  for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  await new Promise((resolve) => {
    const deletion = indexedDB.deleteDatabase(DB_NAME);
    deletion.onsuccess = deletion.onerror = deletion.onblocked = () => resolve();
  });
  await self.registration.unregister();
}

// Storage

async function currentCache() {
  const userId = await currentUser();
  return userId ? cacheOf(userId) : null;
}

async function cacheOf(userId) {
  const name = CACHE_PREFIX + userId;
  return (await caches.has(name)) ? caches.open(name) : null;
}

/** A saved response for this address, from the signed-in person's cache only. */
async function savedResponse(address, options) {
  const cache = await currentCache();
  if (!cache) return null;
  return (await cache.match(address, { ignoreVary: true, ...options })) ?? null;
}

function openDb() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME, DB_VERSION);
    opening.onupgradeneeded = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains(QUEUE_STORE)) db.createObjectStore(QUEUE_STORE, { keyPath: "id" });
      if (!db.objectStoreNames.contains(META_STORE)) db.createObjectStore(META_STORE, { keyPath: "key" });
    };
    opening.onsuccess = () => {
      const db = opening.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    opening.onerror = () => reject(opening.error);
  });
}

/** Runs one request against a store and resolves with its result once the transaction is done. */
async function inStore(name, mode, use) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(name, mode);
      const request = use(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

async function currentUser() {
  const record = await inStore(META_STORE, "readonly", (store) => store.get(CURRENT_USER_KEY));
  return record?.userId ?? null;
}

const setCurrentUser = (userId) =>
  inStore(META_STORE, "readwrite", (store) => store.put({ key: CURRENT_USER_KEY, userId }));

const queueCompletion = (entry) => inStore(QUEUE_STORE, "readwrite", (store) => store.put(entry));

const removeQueued = (id) => inStore(QUEUE_STORE, "readwrite", (store) => store.delete(id));

async function queuedFor(userId) {
  const all = await inStore(QUEUE_STORE, "readonly", (store) => store.getAll());
  return all.filter((entry) => entry.userId === userId).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
}
