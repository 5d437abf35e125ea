// Offline reading: the names the pages and the service worker (public/sw.js, plain JavaScript) both
// use. The worker cannot import this module, so it repeats these values; offline.test.ts checks that
// the two agree.

/** The service worker's address; its scope is the whole site. */
export const SERVICE_WORKER_URL = "/sw.js";

/** Each signed-in person's saved pages live in their own cache, named after their user id. */
export const CACHE_PREFIX = "gda-offline-v1-";
export const cacheNameFor = (userId: string) => `${CACHE_PREFIX}${userId}`;
/** The user id a cache belongs to, or null for a cache that is not one of ours. */
export const userOfCache = (name: string) => (name.startsWith(CACHE_PREFIX) ? name.slice(CACHE_PREFIX.length) : null);

/**
 * Where a saved course's description (its lessons, pages and files) is kept inside the cache. No page
 * of the site has this address.
 */
export const MANIFEST_PREFIX = "/__offline/course/";
export const manifestPath = (courseSlug: string) => `${MANIFEST_PREFIX}${encodeURIComponent(courseSlug)}`;

/** The IndexedDB database: lesson completions waiting to be sent, and who is signed in on this browser. */
export const DB_NAME = "gda-offline";
export const DB_VERSION = 1;
export const QUEUE_STORE = "completions";
export const META_STORE = "meta";
/** The META_STORE record that names the signed-in person the worker may serve saved pages to. */
export const CURRENT_USER_KEY = "currentUser";

/** The endpoint queued completions are sent to. */
export const COMPLETIONS_API = "/api/offline-completions";

/** What the page keeps about a saved course (stored as JSON at manifestPath(slug)). */
export type SavedCourse = {
  slug: string;
  title: string;
  userId: string;
  savedAt: string;
  /** The course's lessons, in order: what a completion is queued under, and where each lesson is. */
  lessons: { key: string; path: string }[];
  /** Every page saved for this course: the lessons, and the glossary when the course has one. */
  pages: string[];
  /** The scripts, style sheets and images those pages need. */
  assets: string[];
  /** Bytes of the pages and files above, as stored. */
  bytes: number;
};

/** A lesson completion made without a connection, waiting in IndexedDB to be sent. */
export type QueuedCompletion = {
  /** userId, course and lesson: the same lesson queued twice is one entry. */
  id: string;
  userId: string;
  course: string;
  lesson: string;
  path: string;
  completedAt: string;
};

export const queueId = (userId: string, course: string, lesson: string) => `${userId} ${course} ${lesson}`;
