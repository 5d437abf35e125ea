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
import { problem, type Problem } from "~/i18n/problem";

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

/**
 * A refused archive's reasons are problems (`authoring:problems.archive.*`), worded by the page with
 * `say(t, p, language)`: sizes are problems themselves (`archive.size.*`) holding numbers.
 */
export type ImportResult = { ok: true; slug: string; files: CourseFileMap } | { ok: false; errors: Problem[] };

/** The text files a course folder holds. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Small files may compress very well and cannot add up to much; the ratio is checked above this. */
const RATIO_CHECK_FROM = 16_384;
/** Compressed bytes fed to the inflater at a time: one step yields at most about 1 MB. */
const INFLATE_STEP = 1024;
const archiveProblem = (key: string, values?: Problem["values"]) =>
  problem(`authoring:problems.archive.${key}`, values);
const DAMAGED = archiveProblem("damaged");
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
    const reason = pathProblem(path)?.key ?? (COURSE_FILE.test(path) ? null : "is not a course text file");
    if (reason) throw new Error(`${JSON.stringify(path)} cannot be exported: ${reason}`);
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
      archiveProblem("tooLarge", { size: sizeOver(bytes.length, lim.maxArchiveBytes), max: size(lim.maxArchiveBytes) }),
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
  const errors: Problem[] = [];
  const files: Entry[] = [];
  const seen = new Map<string, string>();
  let declaredTotal = 0;
  for (const e of entries) {
    const file = JSON.stringify(e.name);
    const isFolder = e.name.endsWith("/");
    const path = isFolder ? e.name.slice(0, -1) : e.name;
    const pathError = pathProblem(path);
    if (pathError) {
      errors.push(archiveProblem(pathError.key, { file }));
      continue;
    }
    const typeError = fileTypeProblem(e, isFolder);
    if (typeError) {
      errors.push(archiveProblem(typeError, { file }));
      continue;
    }
    if (e.flags & 1) {
      errors.push(archiveProblem("encrypted", { file }));
      continue;
    }
    if (isFolder) {
      if (e.size !== 0) errors.push(archiveProblem("folderWithContent", { file }));
      continue;
    }
    if (isSystemFile(path)) continue;
    if (!COURSE_FILE.test(path)) {
      errors.push(archiveProblem("notCourseFile", { file }));
      continue;
    }
    const key = path.normalize("NFC").toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(
        earlier === path
          ? archiveProblem("duplicate", { file })
          : archiveProblem("caseClash", { file, other: JSON.stringify(earlier) }),
      );
      continue;
    }
    seen.set(key, path);
    if (e.method !== 0 && e.method !== 8) {
      errors.push(archiveProblem("method", { file, method: String(e.method) }));
      continue;
    }
    if (e.method === 0 && e.compressedSize !== e.size) {
      errors.push(archiveProblem("sizesDiffer", { file }));
      continue;
    }
    if (e.size > lim.maxFileBytes) {
      errors.push(
        archiveProblem("fileTooLarge", { file, size: sizeOver(e.size, lim.maxFileBytes), max: size(lim.maxFileBytes) }),
      );
      continue;
    }
    if (e.size > RATIO_CHECK_FROM && e.size > e.compressedSize * lim.maxCompressionRatio) {
      const ratio = Math.round(e.size / Math.max(e.compressedSize, 1));
      errors.push(archiveProblem("ratio", { file, ratio: String(ratio), max: lim.maxCompressionRatio }));
      continue;
    }
    declaredTotal += e.size;
    files.push(e);
  }
  if (declaredTotal > lim.maxTotalBytes)
    errors.push(
      archiveProblem("totalTooLarge", {
        size: sizeOver(declaredTotal, lim.maxTotalBytes),
        max: size(lim.maxTotalBytes),
      }),
    );
  for (const e of files) {
    const path = e.name;
    for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
      const folder = seen.get(path.slice(0, i).normalize("NFC").toLowerCase());
      if (folder !== undefined) errors.push(archiveProblem("fileAndFolder", { file: JSON.stringify(folder) }));
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
    const file = JSON.stringify(e.name);
    const data = inflateEntry(bytes, e);
    if (!(data instanceof Uint8Array)) {
      errors.push(archiveProblem(data.key, { file, ...data.values }));
      continue;
    }
    total += data.length;
    if (total > lim.maxTotalBytes) {
      errors.push(archiveProblem("totalOver", { max: size(lim.maxTotalBytes) }));
      break;
    }
    if (crc32(data) >>> 0 !== e.crc) {
      errors.push(archiveProblem("checksum", { file }));
      continue;
    }
    const text = decodeText(data);
    if (text === null) {
      errors.push(archiveProblem("notUtf8", { file }));
      continue;
    }
    decoded.push([e.name.slice(layout.prefix.length), text]);
  }
  if (errors.length) return refuse(errors);
  for (const [path, text] of decoded.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) result[path] = text;
  return { ok: true, slug: layout.slug, files: result };
}

/** Finds the end-of-central-directory record and reads every entry's headers. */
function readDirectory(bytes: Uint8Array, lim: ArchiveLimits): { entries: Entry[] } | { error: Problem } {
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
    return { error: archiveProblem("zip64") };
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) return { error: archiveProblem("split") };
  if (count > lim.maxEntries) return { error: archiveProblem("tooManyEntries", { count, max: lim.maxEntries }) };
  if (count === 0) return { error: archiveProblem("empty") };
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
      return { error: archiveProblem("nameNotUtf8", { name: JSON.stringify(lossyUtf8.decode(nameBytes)) }) };
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
      return { error: archiveProblem("headersDisagree", { file: JSON.stringify(entry.name) }) };
    entries.push(entry);
    at = next;
  }
  if (at !== eocd) return damaged;
  // Entries sharing bytes are how the densest zip bombs are built.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++)
    if (byOffset[i].localOffset < byOffset[i - 1].dataEnd) return { error: archiveProblem("overlap") };
  return { entries };
}

/** What the entry's attributes say it is (a problem's key), when that is not a plain file or folder. */
function fileTypeProblem(e: Entry, isFolder: boolean): "symlink" | "notRegularFile" | null {
  const unixType = (e.externalAttrs >>> 16) & 0o170000;
  // 0x400: the Windows reparse-point attribute, which marks symbolic links and junctions.
  if (unixType === 0o120000 || e.externalAttrs & 0x400) return "symlink";
  if (unixType === 0 || unixType === 0o100000 || (isFolder && unixType === 0o040000)) return null;
  return "notRegularFile";
}

/** Why a path (without a folder's trailing "/") is unsafe or unusable (`archive.path.*`), or null. */
function pathProblem(path: string): Problem | null {
  const why = (key: string) => ({ key: `path.${key}` });
  if (path === "") return why("empty");
  if (path.startsWith("/")) return why("absolute");
  if (/^[a-zA-Z]:/.test(path)) return why("driveLetter");
  if (path.includes("\\")) return why("backslashes");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return why("controlCharacters");
  const segments = path.split("/");
  if (segments.includes("..")) return why("outside");
  if (segments.some((s) => s === "" || s === ".")) return why("emptyFolderName");
  if (/[<>:"|?*]/.test(path)) return why("forbiddenCharacter");
  if (segments.some((s) => s.length > 255)) return why("nameTooLong");
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
function courseLayout(names: string[], fileName?: string): { prefix: string; slug: string } | { error: Problem } {
  if (!names.length) return { error: archiveProblem("noCourseFiles") };
  const first = names[0].split("/")[0];
  const inOneFolder = names.every((n) => n.includes("/") && n.split("/")[0] === first);
  let prefix = "";
  let slug: string;
  if (inOneFolder) {
    prefix = `${first}/`;
    slug = first.replace(/^\d+-/, "");
    if (!SLUG.test(slug)) return { error: archiveProblem("folderNotSlug", { folder: JSON.stringify(first) }) };
  } else {
    const base = (fileName ?? "")
      .split(/[/\\]/)
      .pop()!
      .replace(/\.zip$/i, "");
    slug = base.replace(/^\d+-/, "");
    if (!base) return { error: archiveProblem("filesAtTop") };
    if (!SLUG.test(slug)) return { error: archiveProblem("archiveNameNotSlug", { name: JSON.stringify(base) }) };
  }
  if (!names.includes(`${prefix}course.md`))
    return { error: archiveProblem("noCourseMd", { path: `${prefix}course.md` }) };
  return { prefix, slug };
}

/** The entry's bytes, or why they cannot be trusted (a problem without the file). Never produces more than the declared size. */
function inflateEntry(bytes: Uint8Array, e: Entry): Uint8Array | Problem {
  const compressed = bytes.subarray(e.dataStart, e.dataEnd);
  if (e.method === 0) return compressed;
  if (!compressed.length) return { key: "noCompressedData" };
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
    return { key: "corrupt", values: { detail: error instanceof Error ? error.message : "invalid compressed data" } };
  }
  if (tooBig) return { key: "unpacksToMore", values: { declared: size(e.size) } };
  if (!finished || produced !== e.size)
    return { key: "unpacksToOther", values: { size: size(produced), declared: size(e.size) } };
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

function refuse(errors: Problem[]): ImportResult {
  const shown = errors.slice(0, MAX_ERRORS);
  const more = errors.length - MAX_ERRORS;
  if (more > 0) shown.push(archiveProblem("more", { count: more }));
  return { ok: false, errors: shown };
}

/** A size as people read it (`archive.size.*`): "1.04 MB", "990 kB", "512 bytes", in the reader's number format. */
function size(n: number): Problem {
  if (n >= 1_000_000) return archiveProblem("size.mb", { number: Number((n / 1_000_000).toFixed(2)) });
  if (n >= 1_000) return archiveProblem("size.kb", { number: Number((n / 1_000).toFixed(1)) });
  return exactSize(n);
}

const exactSize = (n: number) => archiveProblem("size.bytes", { count: n, number: n });

/** A size over a limit, exact when rounding would make the two look equal. */
function sizeOver(n: number, limit: number): Problem {
  const rounded = size(n);
  const max = size(limit);
  return rounded.key === max.key && rounded.values?.number === max.values?.number ? exactSize(n) : rounded;
}
