// Course archives: a course held as a file map (path inside the course folder → UTF-8 text) to a
// zip and back, so instructors can export a course, edit it offline and import it again.
//
// Layout of an exported archive, and of the archives import accepts:
//
//   circular-ict/                                   one top-level folder named after the course slug
//     course.md
//     glossary.yml
//     final-assessment.yml
//     01-the-e-waste-challenge/module.md
//     01-the-e-waste-challenge/quiz.yml
//     01-the-e-waste-challenge/01-sixty-two-million-tonnes.mdx
//
// Unzipped, the folder is a course folder as content/README.md describes: give it an order prefix
// ("06-circular-ict") to place it in content/courses. Import also takes the folder with its order
// prefix, or the course files at the top of the archive (the slug then comes from the archive's
// file name). Exports are byte-for-byte reproducible: sorted entries, one fixed timestamp, fixed
// attributes and compression level, so the same course always gives the same zip.
//
// Import treats the upload as hostile: it reads the zip's central directory itself (fflate's
// unzip does not expose file types or the raw names), refuses anything that could escape the
// course folder or is not a course text file, checks the sizes every header declares, and then
// inflates each file in small steps with fflate's streaming Inflate, stopping as soon as the
// output outgrows what was declared, so a lying header or a zip bomb never gets inflated whole.
// Nothing is written to disk.
import { crc32 } from "node:zlib";
import { Inflate, strToU8, zipSync } from "fflate";
import { COURSE_FILE, type CourseFiles } from "~/content/load.server";

/** A course folder as a map from paths relative to it ("01-basics/02-why.mdx") to their text. */
/** A course folder as a file map (see load.server.ts). */
export type CourseFileMap = CourseFiles;

export type ArchiveLimits = {
  /** Size of the uploaded zip itself. */
  maxArchiveBytes: number;
  /** Entries in the zip, folders and ignored system files included. */
  maxEntries: number;
  /** Uncompressed size of any one file. */
  maxFileBytes: number;
  /** Uncompressed size of all the files together. */
  maxTotalBytes: number;
  /** Uncompressed size over compressed size, for files larger than 16 kB (course text compresses about 3:1). */
  maxCompressionRatio: number;
};

export const ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxArchiveBytes: 10_000_000,
  maxEntries: 500,
  maxFileBytes: 1_000_000,
  maxTotalBytes: 20_000_000,
  maxCompressionRatio: 100,
});

export type ImportResult = { ok: true; slug: string; files: CourseFileMap } | { ok: false; errors: string[] };

/** The text files a course folder holds. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Small files may compress very well and cannot add up to much; the ratio is checked above this. */
const RATIO_CHECK_FROM = 16_384;
/** Compressed bytes fed to the inflater at a time: one step yields at most about 1 MB. */
const INFLATE_STEP = 1024;
const DAMAGED = "The file is not a zip archive, or it is damaged.";
/** Problems listed before the rest are summed up. */
const MAX_ERRORS = 20;
/**
 * Every entry's modification time. fflate writes DOS time from the local calendar fields, so the
 * date is built from local fields at each export: the same bytes in every time zone.
 */
const fixedMtime = () => new Date(1980, 0, 1, 12, 0, 0);
/** A regular file readable by all, written by a Unix host: unzip gives ordinary permissions. */
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const UNIX_HOST = 3;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Zips a course as `<slug>/<path>` entries (see the layout at the top of this file). Throws if the
 * slug or a path could not be imported again.
 */
export function exportCourseZip(slug: string, files: CourseFileMap): Uint8Array {
  if (!SLUG.test(slug)) throw new Error(`"${slug}" is not a course slug`);
  const entries: Record<string, Uint8Array> = {};
  for (const path of Object.keys(files).sort()) {
    const problem = pathProblem(path) ?? (COURSE_FILE.test(path) ? null : "is not a course text file");
    if (problem) throw new Error(`${JSON.stringify(path)} ${problem}`);
    entries[`${slug}/${path}`] = strToU8(files[path]);
  }
  return zipSync(entries, { level: 9, mtime: fixedMtime(), os: UNIX_HOST, attrs: FILE_ATTRS });
}

// ---------------------------------------------------------------------------------------------
// Import

type Entry = {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  externalAttrs: number;
  localOffset: number;
  /** Where the compressed data starts and ends, from the local header. */
  dataStart: number;
  dataEnd: number;
};

/**
 * Reads a course archive without writing anything to disk. Returns the course slug (from the
 * top-level folder without its order prefix, or from `options.fileName` when the files are at the
 * top of the archive) and the file map, or every reason the archive is refused.
 */
export function importCourseZip(
  bytes: Uint8Array,
  limits: Partial<ArchiveLimits> = {},
  options: { fileName?: string } = {},
): ImportResult {
  const lim: ArchiveLimits = { ...ARCHIVE_LIMITS, ...limits };
  if (bytes.length > lim.maxArchiveBytes)
    return refuse([
      `The archive is ${sizeOver(bytes.length, lim.maxArchiveBytes)}; it may be at most ${formatBytes(lim.maxArchiveBytes)}.`,
    ]);

  let directory: ReturnType<typeof readDirectory>;
  try {
    directory = readDirectory(bytes, lim);
  } catch {
    // Every read is bounds-checked; this only keeps a missed case from surfacing as a crash.
    directory = { error: DAMAGED };
  }
  if ("error" in directory) return refuse([directory.error]);
  const { entries } = directory;

  // Everything the headers say, before inflating a single byte.
  const errors: string[] = [];
  const files: Entry[] = [];
  const seen = new Map<string, string>();
  let declaredTotal = 0;
  for (const e of entries) {
    const label = JSON.stringify(e.name);
    const isFolder = e.name.endsWith("/");
    const path = isFolder ? e.name.slice(0, -1) : e.name;
    const pathError = pathProblem(path);
    if (pathError) {
      errors.push(`${label} ${pathError}.`);
      continue;
    }
    const typeError = fileTypeProblem(e, isFolder);
    if (typeError) {
      errors.push(`${label} ${typeError}.`);
      continue;
    }
    if (e.flags & 1) {
      errors.push(`${label} is encrypted; export the course without a password.`);
      continue;
    }
    if (isFolder) {
      if (e.size !== 0) errors.push(`${label} is a folder with content; the archive is damaged.`);
      continue;
    }
    if (isSystemFile(path)) continue;
    if (!COURSE_FILE.test(path)) {
      errors.push(`${label} is not a course file: a course holds only .md, .mdx, .yml and .yaml files.`);
      continue;
    }
    const key = path.normalize("NFC").toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(
        earlier === path
          ? `${label} appears more than once.`
          : `${label} and ${JSON.stringify(earlier)} differ only in letter case or accents; rename one.`,
      );
      continue;
    }
    seen.set(key, path);
    if (e.method !== 0 && e.method !== 8) {
      errors.push(`${label} uses compression method ${e.method}; only stored and deflated files are supported.`);
      continue;
    }
    if (e.method === 0 && e.compressedSize !== e.size) {
      errors.push(`${label} declares two different sizes; the archive is damaged.`);
      continue;
    }
    if (e.size > lim.maxFileBytes) {
      errors.push(
        `${label} is ${sizeOver(e.size, lim.maxFileBytes)}; a file may be at most ${formatBytes(lim.maxFileBytes)}.`,
      );
      continue;
    }
    if (e.size > RATIO_CHECK_FROM && e.size > e.compressedSize * lim.maxCompressionRatio) {
      const ratio = Math.round(e.size / Math.max(e.compressedSize, 1));
      errors.push(
        `${label} expands ${ratio} times when unpacked (at most ${lim.maxCompressionRatio} allowed); it looks like a zip bomb.`,
      );
      continue;
    }
    declaredTotal += e.size;
    files.push(e);
  }
  if (declaredTotal > lim.maxTotalBytes)
    errors.push(
      `The files add up to ${sizeOver(declaredTotal, lim.maxTotalBytes)} unpacked; a course may be at most ${formatBytes(lim.maxTotalBytes)}.`,
    );
  for (const e of files) {
    const path = e.name;
    for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
      const folder = seen.get(path.slice(0, i).normalize("NFC").toLowerCase());
      if (folder !== undefined) errors.push(`${JSON.stringify(folder)} is both a file and a folder.`);
    }
  }
  if (errors.length) return refuse(errors);

  const layout = courseLayout(
    files.map((e) => e.name),
    options.fileName,
  );
  if ("error" in layout) return refuse([layout.error]);

  // Inflate, holding every file to the size its header declared.
  const result: CourseFileMap = {};
  const decoded: [string, string][] = [];
  let total = 0;
  for (const e of files) {
    const label = JSON.stringify(e.name);
    const data = inflateEntry(bytes, e);
    if (typeof data === "string") {
      errors.push(`${label} ${data}`);
      continue;
    }
    total += data.length;
    if (total > lim.maxTotalBytes) {
      errors.push(`The files add up to more than ${formatBytes(lim.maxTotalBytes)} unpacked.`);
      break;
    }
    if (crc32(data) >>> 0 !== e.crc) {
      errors.push(`${label} does not match its checksum; the archive is damaged.`);
      continue;
    }
    const text = decodeText(data);
    if (text === null) {
      errors.push(`${label} is not UTF-8 text; save it as UTF-8.`);
      continue;
    }
    decoded.push([e.name.slice(layout.prefix.length), text]);
  }
  if (errors.length) return refuse(errors);
  for (const [path, text] of decoded.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) result[path] = text;
  return { ok: true, slug: layout.slug, files: result };
}

/** Finds the end-of-central-directory record and reads every entry's headers. */
function readDirectory(bytes: Uint8Array, lim: ArchiveLimits): { entries: Entry[] } | { error: string } {
  const damaged = { error: DAMAGED };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (bytes.length < 22) return damaged;

  // The record ends the file, after a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50 && at + 22 + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) return damaged;
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (
    count === 0xffff ||
    cdSize === 0xffffffff ||
    cdOffset === 0xffffffff ||
    (eocd >= 20 && u32(eocd - 20) === 0x07064b50)
  )
    return { error: "The archive uses the ZIP64 format, which no course needs; zip the course folder again." };
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count)
    return { error: "The archive is split across several files; zip the course folder as one file." };
  if (count > lim.maxEntries)
    return { error: `The archive has ${count} entries; it may have at most ${lim.maxEntries}.` };
  if (count === 0) return { error: "The archive is empty." };
  if (cdOffset + cdSize !== eocd) return damaged;

  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(at) !== 0x02014b50) return damaged;
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > eocd) return damaged;
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: Entry = {
      name: "",
      nameBytes,
      flags: u16(at + 8),
      method: u16(at + 10),
      crc: u32(at + 16),
      compressedSize: u32(at + 20),
      size: u32(at + 24),
      externalAttrs: u32(at + 38),
      localOffset: u32(at + 42),
      dataStart: 0,
      dataEnd: 0,
    };
    try {
      entry.name = utf8.decode(nameBytes);
    } catch {
      return { error: `An entry's name is not UTF-8 text (${JSON.stringify(lossyUtf8.decode(nameBytes))}).` };
    }
    // The local header must agree with the central one: some tools read one, some the other.
    const local = entry.localOffset;
    if (local + 30 > cdOffset || u32(local) !== 0x04034b50) return damaged;
    const localNameLength = u16(local + 26);
    entry.dataStart = local + 30 + localNameLength + u16(local + 28);
    entry.dataEnd = entry.dataStart + entry.compressedSize;
    if (entry.dataEnd > cdOffset) return damaged;
    const localName = bytes.subarray(local + 30, local + 30 + localNameLength);
    if (!sameBytes(localName, nameBytes) || u16(local + 8) !== entry.method)
      return { error: `The headers of ${JSON.stringify(entry.name)} disagree; the archive is damaged or forged.` };
    entries.push(entry);
    at = next;
  }
  if (at !== eocd) return damaged;
  // Entries sharing bytes are how the densest zip bombs are built.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++)
    if (byOffset[i].localOffset < byOffset[i - 1].dataEnd)
      return { error: "Entries of the archive overlap; the archive is damaged or forged." };
  return { entries };
}

/** What the entry's attributes say it is, when that is not a plain file or folder. */
function fileTypeProblem(e: Entry, isFolder: boolean): string | null {
  const unixType = (e.externalAttrs >>> 16) & 0o170000;
  // 0x400: the Windows reparse-point attribute, which marks symbolic links and junctions.
  if (unixType === 0o120000 || e.externalAttrs & 0x400) return "is a symbolic link, which a course cannot contain";
  if (unixType === 0 || unixType === 0o100000 || (isFolder && unixType === 0o040000)) return null;
  return "is not a regular file";
}

/** Why a path (without a folder's trailing "/") is unsafe or unusable, or null. */
function pathProblem(path: string): string | null {
  if (path === "") return "has an empty name";
  if (path.startsWith("/")) return "is an absolute path";
  if (/^[a-zA-Z]:/.test(path)) return "starts with a drive letter";
  if (path.includes("\\")) return "contains backslashes; zip the folder with a tool that writes / separators";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return "contains control characters";
  const segments = path.split("/");
  if (segments.includes("..")) return "points outside the course folder";
  if (segments.some((s) => s === "" || s === ".")) return "has an empty or '.' folder name";
  if (/[<>:"|?*]/.test(path)) return 'contains a character not allowed in file names (< > : " | ? *)';
  if (segments.some((s) => s.length > 255)) return "has a name longer than 255 characters";
  return null;
}

/** Files operating systems add when zipping a folder; they are skipped, not refused. */
function isSystemFile(path: string): boolean {
  const segments = path.split("/");
  const name = segments[segments.length - 1];
  return (
    segments[0] === "__MACOSX" ||
    name === ".DS_Store" ||
    name.startsWith("._") ||
    name === "Thumbs.db" ||
    name === "desktop.ini"
  );
}

/** Where the course is in the archive: under one folder, or at the top. */
function courseLayout(names: string[], fileName?: string): { prefix: string; slug: string } | { error: string } {
  if (!names.length) return { error: "The archive holds no course files." };
  const first = names[0].split("/")[0];
  const inOneFolder = names.every((n) => n.includes("/") && n.split("/")[0] === first);
  let prefix = "";
  let slug: string;
  if (inOneFolder) {
    prefix = `${first}/`;
    slug = first.replace(/^\d+-/, "");
    if (!SLUG.test(slug))
      return {
        error: `The folder ${JSON.stringify(first)} is not named after the course: use its slug, lower-case words joined by hyphens (e.g. "circular-ict").`,
      };
  } else {
    const base = (fileName ?? "")
      .split(/[/\\]/)
      .pop()!
      .replace(/\.zip$/i, "");
    slug = base.replace(/^\d+-/, "");
    if (!base)
      return {
        error:
          'The course files are at the top of the archive: put them in a folder named after the course (e.g. "circular-ict/course.md") and zip that folder.',
      };
    if (!SLUG.test(slug))
      return {
        error: `The course files are at the top of the archive, so the course is named after the archive, and ${JSON.stringify(base)} is not a course slug: rename it (e.g. "circular-ict.zip") or zip the course folder instead.`,
      };
  }
  if (!names.includes(`${prefix}course.md`))
    return { error: `The archive has no ${prefix}course.md; zip the course folder, the one that holds course.md.` };
  return { prefix, slug };
}

/** The entry's bytes, or why they cannot be trusted. Never produces more than the declared size. */
function inflateEntry(bytes: Uint8Array, e: Entry): Uint8Array | string {
  const compressed = bytes.subarray(e.dataStart, e.dataEnd);
  if (e.method === 0) return compressed;
  if (!compressed.length) return "is damaged (no compressed data).";
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let finished = false;
  let tooBig = false;
  const inflater = new Inflate((chunk, final) => {
    produced += chunk.length;
    if (produced > e.size) tooBig = true;
    else chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < compressed.length && !tooBig; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, compressed.length);
      inflater.push(compressed.subarray(at, end), end === compressed.length);
    }
  } catch (error) {
    return `is damaged (${error instanceof Error ? error.message : "invalid compressed data"}).`;
  }
  if (tooBig) return `unpacks to more than the ${formatBytes(e.size)} its header declares; the archive is forged.`;
  if (!finished || produced !== e.size)
    return `unpacks to ${formatBytes(produced)}, not the ${formatBytes(e.size)} its header declares; the archive is damaged.`;
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** UTF-8 text, its byte-order mark kept so the text round-trips; null for other encodings or binary data. */
function decodeText(data: Uint8Array): string | null {
  try {
    const text = utf8.decode(data);
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function refuse(errors: string[]): ImportResult {
  const shown = errors.slice(0, MAX_ERRORS);
  if (errors.length > MAX_ERRORS) shown.push(`…and ${errors.length - MAX_ERRORS} more problems.`);
  return { ok: false, errors: shown };
}

function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(2))} MB`;
  if (n >= 1_000) return `${Number((n / 1_000).toFixed(1))} kB`;
  return `${n} bytes`;
}

/** A size over a limit, exact when rounding would make the two look equal. */
function sizeOver(n: number, limit: number): string {
  const rounded = formatBytes(n);
  return rounded === formatBytes(limit) ? `${n.toLocaleString("en-US")} bytes` : rounded;
}
