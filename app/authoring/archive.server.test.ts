import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { deflateSync, Inflate, strToU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it, vi } from "vitest";
import { readCourseDir as courseFilesFromDir } from "~/content/load.server";
import { problem, say, type Problem } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { ARCHIVE_LIMITS, exportCourseZip, importCourseZip } from "./archive.server";

const COURSES = "content/courses";
const courseDirs = readdirSync(COURSES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

// ---------------------------------------------------------------------------------------------
// Hand-made zips: every header field can be set, including the ones zip tools never get wrong.

type RawEntry = {
  name: string | Uint8Array;
  /** The file's content (uncompressed). */
  data?: string | Uint8Array;
  /** 0 stored, 8 deflated (the default), anything else as given. */
  method?: number;
  /** Compressed bytes to write instead of compressing `data`. */
  compressed?: Uint8Array;
  /** Declared uncompressed size, instead of the real one. */
  size?: number;
  crc?: number;
  flags?: number;
  /** Version made by: the high byte is the host system (3 = Unix, 0 = MS-DOS). */
  madeBy?: number;
  externalAttrs?: number;
  /** A different name in the local header. */
  localName?: string;
  /** Write no local header: point the central record at entry N's. */
  shareLocalOf?: number;
};

const u8 = (data: string | Uint8Array) => (typeof data === "string" ? strToU8(data) : data);

function rawZip(entries: RawEntry[], eocd: { count?: number; comment?: string } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = u8(e.name);
    const content = u8(e.data ?? "");
    const method = e.method ?? 8;
    const compressed = e.compressed ?? (method === 8 ? deflateSync(content) : content);
    const crc = e.crc ?? crc32(content);
    const size = e.size ?? content.length;
    const flags = e.flags ?? 0x800;
    let localOffset = offset;
    if (e.shareLocalOf === undefined) {
      const localName = e.localName === undefined ? name : u8(e.localName);
      const local = new Uint8Array(30 + localName.length + compressed.length);
      const v = new DataView(local.buffer);
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, flags, true);
      v.setUint16(8, method, true);
      v.setUint16(12, 0x21, true); // 1980-01-01
      v.setUint32(14, crc, true);
      v.setUint32(18, compressed.length, true);
      v.setUint32(22, size, true);
      v.setUint16(26, localName.length, true);
      local.set(localName, 30);
      local.set(compressed, 30 + localName.length);
      parts.push(local);
      offset += local.length;
    } else localOffset = offsets[e.shareLocalOf];
    offsets.push(localOffset);
    const record = new Uint8Array(46 + name.length);
    const v = new DataView(record.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, e.madeBy ?? 0x0314, true);
    v.setUint16(6, 20, true);
    v.setUint16(8, flags, true);
    v.setUint16(10, method, true);
    v.setUint16(14, 0x21, true);
    v.setUint32(16, crc, true);
    v.setUint32(20, compressed.length, true);
    v.setUint32(24, size, true);
    v.setUint16(28, name.length, true);
    v.setUint32(38, e.externalAttrs ?? (0o100644 << 16) >>> 0, true);
    v.setUint32(42, localOffset, true);
    record.set(name, 46);
    central.push(record);
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const comment = u8(eocd.comment ?? "");
  const end = new Uint8Array(22 + comment.length);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, eocd.count ?? entries.length, true);
  v.setUint16(10, eocd.count ?? entries.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  v.setUint16(20, comment.length, true);
  end.set(comment, 22);
  return concat([...parts, ...central, end]);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const COURSE_MD = "---\ntitle: Test\n---\n";
/** A minimal course under `folder/`, plus the entries given. */
const course = (extra: RawEntry[] = [], folder = "test-course/") =>
  rawZip([{ name: `${folder}course.md`, data: COURSE_MD }, ...extra]);

function refused(bytes: Uint8Array, limits = {}, options = {}): Problem[] {
  const result = importCourseZip(bytes, limits, options);
  if (result.ok) throw new Error(`expected a refusal, got ${Object.keys(result.files).join(", ")}`);
  return result.errors;
}

/** A refusal reason (`authoring:problems.archive.<key>`). */
const why = (key: string, values?: Problem["values"]) => problem(`authoring:problems.archive.${key}`, values);
/** A refusal reason about one file, named as the message shows it. */
const about = (key: string, name: string, values?: Problem["values"]) =>
  why(key, { file: JSON.stringify(name), ...values });
const mb = (number: number) => why("size.mb", { number });
const kb = (number: number) => why("size.kb", { number });
const bytes = (n: number) => why("size.bytes", { count: n, number: n });

/**
 * A raw DEFLATE stream that inflates to `megabytes` MB of zeros in about 1 kB per MB: one
 * sync-flushed (byte-aligned, non-final) block sequence repeated, then an empty final block.
 */
function zeroBomb(megabytes: number): Uint8Array {
  const oneMegabyte = deflateRawSync(Buffer.alloc(1_000_000), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  return concat([...Array.from({ length: megabytes }, () => oneMegabyte), new Uint8Array([0x03, 0x00])]);
}

// ---------------------------------------------------------------------------------------------

describe("round trip of every shipped course", () => {
  it("finds the shipped courses", () => {
    expect(courseDirs.length).toBeGreaterThanOrEqual(5);
  });

  for (const dir of courseDirs) {
    it(`${dir}: files → zip → files, and the same bytes every time`, () => {
      const slug = dir.replace(/^\d+-/, "");
      const files = courseFilesFromDir(join(COURSES, dir));
      expect(Object.keys(files)).toContain("course.md");
      expect(Object.keys(files)).toEqual([...Object.keys(files)].sort());
      expect(Object.keys(files).every((p) => /\.(md|mdx|ya?ml)$/.test(p) && !p.includes("\\"))).toBe(true);

      const zip = exportCourseZip(slug, files);
      expect(exportCourseZip(slug, { ...files })).toEqual(zip);
      expect(zip.length).toBeLessThan(ARCHIVE_LIMITS.maxArchiveBytes);

      const result = importCourseZip(zip);
      expect(result).toEqual({ ok: true, slug, files });
      if (result.ok) expect(Object.keys(result.files)).toEqual(Object.keys(files));
    });
  }
});

describe("exportCourseZip", () => {
  const files = { "course.md": COURSE_MD, "01-basics/module.md": "# Module\n", "01-basics/01-why.mdx": "Why ✓\n" };

  it("lays the course out under one folder named after its slug, sorted", () => {
    const zip = exportCourseZip("test-course", files);
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped)).toEqual([
      "test-course/01-basics/01-why.mdx",
      "test-course/01-basics/module.md",
      "test-course/course.md",
    ]);
    expect(new TextDecoder().decode(unzipped["test-course/01-basics/01-why.mdx"])).toBe("Why ✓\n");
  });

  it("gives the same bytes whatever the key order, the clock or the time zone", () => {
    const reference = exportCourseZip("test-course", files);
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(exportCourseZip("test-course", reversed)).toEqual(reference);
    const tz = process.env.TZ;
    vi.useFakeTimers();
    try {
      for (const [zone, time] of [
        ["UTC", "2031-06-30T23:59:59Z"],
        ["Pacific/Auckland", "2026-12-31T12:00:00Z"],
        ["America/Los_Angeles", "2027-03-14T10:30:00Z"],
      ]) {
        process.env.TZ = zone;
        vi.setSystemTime(new Date(time));
        expect(exportCourseZip("test-course", files)).toEqual(reference);
      }
    } finally {
      vi.useRealTimers();
      process.env.TZ = tz;
    }
  });

  it("keeps a byte-order mark and every character through a round trip", () => {
    const text = { "course.md": "\uFEFF---\ntitle: Ünïcødé 漢字 عربى\n---\r\nwindows line ends\r\n" };
    expect(importCourseZip(exportCourseZip("x", text))).toEqual({ ok: true, slug: "x", files: text });
  });

  it("refuses what it could not import again", () => {
    expect(() => exportCourseZip("Not a slug", files)).toThrow(/slug/);
    expect(() => exportCourseZip("x", { ...files, "../escape.md": "" })).toThrow(/outside/);
    expect(() => exportCourseZip("x", { ...files, "cover.png": "" })).toThrow(/not a course text file/);
  });
});

describe("readCourseDir", () => {
  const dir = mkdtempSync(join(tmpdir(), "gda-archive-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads text files only, sorted, with / separators, skipping symbolic links", () => {
    mkdirSync(join(dir, "c/02-later"), { recursive: true });
    mkdirSync(join(dir, "c/01-first"), { recursive: true });
    writeFileSync(join(dir, "c/course.md"), "course");
    writeFileSync(join(dir, "c/glossary.yaml"), "g");
    writeFileSync(join(dir, "c/02-later/module.md"), "later");
    writeFileSync(join(dir, "c/01-first/01-a.mdx"), "a");
    writeFileSync(join(dir, "c/01-first/quiz.yml"), "q");
    writeFileSync(join(dir, "c/01-first/picture.png"), new Uint8Array([0x89, 0x50]));
    writeFileSync(join(dir, "c/.DS_Store"), "junk");
    symlinkSync(join(dir, "c/course.md"), join(dir, "c/01-first/link.md"));
    expect(courseFilesFromDir(join(dir, "c"))).toEqual({
      "01-first/01-a.mdx": "a",
      "01-first/quiz.yml": "q",
      "02-later/module.md": "later",
      "course.md": "course",
      "glossary.yaml": "g",
    });
    expect(Object.keys(courseFilesFromDir(join(dir, "c")))).toEqual([
      "01-first/01-a.mdx",
      "01-first/quiz.yml",
      "02-later/module.md",
      "course.md",
      "glossary.yaml",
    ]);
  });

  it("refuses a file that is not UTF-8", () => {
    mkdirSync(join(dir, "latin1"));
    writeFileSync(join(dir, "latin1/course.md"), Buffer.from("caf\xe9", "latin1"));
    expect(() => courseFilesFromDir(join(dir, "latin1"))).toThrow(/not UTF-8/);
  });
});

describe("importCourseZip accepts", () => {
  it("a folder with its order prefix, taking the slug without it", () => {
    const result = importCourseZip(course([{ name: "01-test-course/glossary.yml", data: "[]" }], "01-test-course/"));
    expect(result).toEqual({
      ok: true,
      slug: "test-course",
      files: { "course.md": COURSE_MD, "glossary.yml": "[]" },
    });
  });

  it("stored (uncompressed) entries, folder entries and the files macOS and Windows add", () => {
    const result = importCourseZip(
      rawZip([
        { name: "test-course/", externalAttrs: ((0o040755 << 16) | 0x10) >>> 0 },
        { name: "test-course/course.md", data: COURSE_MD, method: 0 },
        { name: "test-course/01-m/", madeBy: 0x0014, externalAttrs: 0x10 },
        { name: "test-course/01-m/module.md", data: "m", madeBy: 0x0014, externalAttrs: 0x20 },
        { name: "test-course/.DS_Store", data: "\0\0\0\x01Bud1" },
        { name: "__MACOSX/", externalAttrs: (0o040755 << 16) >>> 0 },
        { name: "__MACOSX/test-course/._course.md", data: "\0\x05\x16\x07" },
        { name: "test-course/01-m/Thumbs.db", data: "\0" },
      ]),
    );
    expect(result).toEqual({
      ok: true,
      slug: "test-course",
      files: { "01-m/module.md": "m", "course.md": COURSE_MD },
    });
  });

  it("files at the top of the archive, named after the uploaded file", () => {
    const zip = rawZip([
      { name: "course.md", data: COURSE_MD },
      { name: "01-m/module.md", data: "m" },
    ]);
    expect(importCourseZip(zip, {}, { fileName: "C:\\Downloads\\03-circular-ict.zip" })).toEqual({
      ok: true,
      slug: "circular-ict",
      files: { "01-m/module.md": "m", "course.md": COURSE_MD },
    });
    expect(refused(zip)).toEqual([why("filesAtTop")]);
    expect(refused(zip, {}, { fileName: "Circular ICT (1).zip" })).toEqual([
      why("archiveNameNotSlug", { name: '"Circular ICT (1)"' }),
    ]);
  });

  it("an archive with a comment", () => {
    const result = importCourseZip(rawZip([{ name: "c/course.md", data: COURSE_MD }], { comment: "made by hand" }));
    expect(result.ok).toBe(true);
  });
});

describe("zips made by Info-ZIP", () => {
  const zip = ["/usr/bin/zip", "/bin/zip"].find((p) => existsSync(p));

  it.skipIf(!zip)("import as the course they were made from; with -y, a symbolic link is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "gda-infozip-"));
    try {
      cpSync(join(COURSES, courseDirs[0]), join(dir, courseDirs[0]), { recursive: true });
      execFileSync(zip!, ["-qr", "plain.zip", courseDirs[0]], { cwd: dir });
      const result = importCourseZip(readFileSync(join(dir, "plain.zip")));
      expect(result).toEqual({
        ok: true,
        slug: courseDirs[0].replace(/^\d+-/, ""),
        files: courseFilesFromDir(join(COURSES, courseDirs[0])),
      });
      symlinkSync("/etc/passwd", join(dir, courseDirs[0], "passwd.md"));
      execFileSync(zip!, ["-qry", "links.zip", courseDirs[0]], { cwd: dir });
      expect(refused(readFileSync(join(dir, "links.zip")))).toEqual([about("symlink", `${courseDirs[0]}/passwd.md`)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("importCourseZip refuses", () => {
  it.each([
    ["../evil.md", "outside"],
    ["test-course/../../evil.md", "outside"],
    ["test-course/01-m/../../../etc/cron.d/x.yml", "outside"],
    ["/etc/passwd.md", "absolute"],
    ["C:/Windows/evil.md", "driveLetter"],
    ["c:evil.md", "driveLetter"],
    ["test-course\\..\\evil.md", "backslashes"],
    ["test-course/./course.md", "emptyFolderName"],
    ["test-course//course2.md", "emptyFolderName"],
    ["test-course/line\nbreak.md", "controlCharacters"],
    ["test-course/what?.md", "forbiddenCharacter"],
  ])("the path %j", (name, reason) => {
    expect(refused(course([{ name, data: "x" }]))).toEqual([about(`path.${reason}`, name)]);
  });

  it("folder entries that climb out, too", () => {
    expect(refused(course([{ name: "../", externalAttrs: (0o040755 << 16) >>> 0 }]))).toEqual([
      about("path.outside", "../"),
    ]);
  });

  it("symbolic links, whether Unix or Windows made them", () => {
    const unixLink = {
      name: "test-course/01-m/notes.md",
      data: "../../../etc/passwd",
      externalAttrs: (0o120777 << 16) >>> 0,
    };
    const windowsLink = { name: "test-course/w.md", data: "x", madeBy: 0x000a, externalAttrs: 0x400 | 0x20 };
    const fifo = { name: "test-course/f.md", data: "", externalAttrs: (0o010644 << 16) >>> 0 };
    expect(refused(course([unixLink, windowsLink, fifo]))).toEqual([
      about("symlink", "test-course/01-m/notes.md"),
      about("symlink", "test-course/w.md"),
      about("notRegularFile", "test-course/f.md"),
    ]);
  });

  it("files that are not course text files", () => {
    expect(
      refused(
        course([
          { name: "test-course/script.js", data: "alert(1)" },
          { name: "test-course/cover.svg", data: "<svg/>" },
          { name: "test-course/course.md.exe", data: "MZ" },
          { name: "test-course/Makefile", data: "all:" },
        ]),
      ),
    ).toEqual([
      about("notCourseFile", "test-course/script.js"),
      about("notCourseFile", "test-course/cover.svg"),
      about("notCourseFile", "test-course/course.md.exe"),
      about("notCourseFile", "test-course/Makefile"),
    ]);
  });

  it("more than 500 entries, before reading them", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ name: `test-course/01-m/${i}.md`, data: "x" }));
    expect(importCourseZip(course(many.slice(1))).ok).toBe(true);
    expect(refused(course(many))).toEqual([why("tooManyEntries", { count: 501, max: 500 })]);
    expect(refused(course(many.slice(0, 10)), { maxEntries: 10 })).toEqual([
      why("tooManyEntries", { count: 11, max: 10 }),
    ]);
  });

  it("a file over 1 MB", () => {
    const big = "Lesson text that goes on. ".repeat(40_000); // 1.04 MB
    expect(refused(course([{ name: "test-course/01-m/01-long.mdx", data: big }]))).toEqual([
      about("fileTooLarge", "test-course/01-m/01-long.mdx", { size: mb(1.04), max: mb(1) }),
    ]);
    const justUnder = "x".repeat(ARCHIVE_LIMITS.maxFileBytes);
    expect(importCourseZip(course([{ name: "test-course/a.md", data: justUnder, method: 0 }])).ok).toBe(true);
    expect(refused(course([{ name: "test-course/a.md", data: justUnder + "x", method: 0 }]))).toEqual([
      about("fileTooLarge", "test-course/a.md", { size: bytes(1_000_001), max: mb(1) }),
    ]);
  });

  it("more than 20 MB in all", () => {
    // Numbered lines compress about 5:1: 21 files of 1 MB fit in a small archive.
    const lines = Array.from({ length: 70_000 }, (_, i) => `line ${i} ${(i * 7919) % 10007}`).join("\n");
    const text = lines.slice(0, 999_000);
    const compressed = deflateSync(strToU8(text), { level: 9 });
    expect(text.length / compressed.length).toBeLessThan(ARCHIVE_LIMITS.maxCompressionRatio);
    const files = Array.from({ length: 21 }, (_, i) => ({ name: `test-course/01-m/${i}.md`, data: text, compressed }));
    expect(importCourseZip(course(files.slice(1))).ok).toBe(true);
    expect(refused(course(files))).toEqual([why("totalTooLarge", { size: mb(20.98), max: mb(20) })]);
  });

  it("a suspicious compression ratio, from the headers alone", () => {
    const zeros = new Uint8Array(900_000);
    const compressed = deflateSync(zeros, { level: 9 });
    expect(refused(course([{ name: "test-course/a.md", data: zeros, compressed }]))).toEqual([
      about("ratio", "test-course/a.md", { ratio: expect.stringMatching(/^\d+$/), max: 100 }),
    ]);
  });

  it("an archive over 10 MB, without reading it", () => {
    expect(refused(new Uint8Array(10_000_001))).toEqual([why("tooLarge", { size: bytes(10_000_001), max: mb(10) })]);
    const small = course();
    expect(refused(small, { maxArchiveBytes: 100 })).toEqual([
      why("tooLarge", { size: bytes(small.length), max: bytes(100) }),
    ]);
  });

  it("text that is not UTF-8, or binary data", () => {
    expect(
      refused(
        course([
          { name: "test-course/latin1.md", data: Buffer.from("café", "latin1") },
          { name: "test-course/utf16.md", data: Buffer.from("\uFEFFhi", "utf16le") },
          { name: "test-course/binary.yml", data: new Uint8Array([0x50, 0x4b, 0x00, 0x01]) },
        ]),
      ),
    ).toEqual([
      about("notUtf8", "test-course/latin1.md"),
      about("notUtf8", "test-course/utf16.md"),
      about("notUtf8", "test-course/binary.yml"),
    ]);
  });

  it("a name that is not UTF-8", () => {
    expect(refused(course([{ name: new Uint8Array([0x74, 0x2f, 0xe9, 0x2e, 0x6d, 0x64]), data: "x" }]))).toEqual([
      why("nameNotUtf8", { name: '"t/\uFFFD.md"' }),
    ]);
  });

  it("duplicate paths, including ones that differ only in case or normalisation", () => {
    expect(
      refused(
        course([
          { name: "test-course/course.md", data: "again" },
          { name: "test-course/Glossary.yml", data: "[]" },
          { name: "test-course/glossary.yml", data: "[]" },
          { name: "test-course/caf\u00e9.md", data: "" },
          { name: "test-course/cafe\u0301.md", data: "" },
        ]),
      ),
    ).toEqual([
      about("duplicate", "test-course/course.md"),
      about("caseClash", "test-course/glossary.yml", { other: '"test-course/Glossary.yml"' }),
      about("caseClash", "test-course/cafe\u0301.md", { other: '"test-course/caf\u00e9.md"' }),
    ]);
  });

  it("a path that is both a file and a folder", () => {
    expect(
      refused(
        course([
          { name: "test-course/notes.md", data: "" },
          { name: "test-course/notes.md/inner.md", data: "" },
        ]),
      ),
    ).toEqual([about("fileAndFolder", "test-course/notes.md")]);
  });

  it("corrupt archives", () => {
    const good = course([{ name: "test-course/01-m/module.md", data: "A module about things. ".repeat(50) }]);
    const damaged = why("damaged");
    expect(refused(new Uint8Array(0))).toEqual([damaged]);
    expect(refused(strToU8("This is a text file, not a zip. ".repeat(10)))).toEqual([damaged]);
    expect(refused(good.slice(0, good.length - 1))).toEqual([damaged]);
    expect(refused(good.slice(10))).toEqual([damaged]);
    expect(refused(concat([new Uint8Array(7), good]))).toEqual([damaged]);
    expect(refused(rawZip([]))).toEqual([why("empty")]);
    // The directory claims more entries than it holds.
    expect(refused(rawZip([{ name: "c/course.md", data: COURSE_MD }], { count: 2 }))).toEqual([damaged]);
    // Flipped bits in the compressed data, in the middle of a file.
    const flipped = good.slice();
    const name = strToU8("test-course/01-m/module.md");
    const data = Buffer.from(flipped).indexOf(Buffer.from(name)) + name.length; // the local header's copy
    flipped[data + 3] ^= 0xff;
    flipped[data + 4] ^= 0xff;
    const errors = refused(flipped);
    expect(errors).toHaveLength(1);
    expect(
      ["corrupt", "noCompressedData", "unpacksToMore", "unpacksToOther", "checksum"].map((k) => why(k).key),
    ).toContain(errors[0].key);
    expect(errors[0].values).toMatchObject({ file: '"test-course/01-m/module.md"' });
  });

  it("a wrong checksum, a truncated deflate stream and empty compressed data", () => {
    const deflated = deflateSync(strToU8("Module text. ".repeat(100)));
    expect(
      refused(
        course([
          { name: "test-course/crc.md", data: "text", crc: 12345 },
          { name: "test-course/short.md", data: "Module text. ".repeat(100), compressed: deflated.subarray(0, 10) },
          { name: "test-course/empty.md", data: "x", compressed: new Uint8Array(0) },
        ]),
      ),
    ).toEqual([
      about("checksum", "test-course/crc.md"),
      about("corrupt", "test-course/short.md", { detail: "unexpected EOF" }),
      about("noCompressedData", "test-course/empty.md"),
    ]);
  });

  it("headers that disagree or overlap", () => {
    expect(refused(course([{ name: "test-course/a.md", localName: "../../a.md", data: "x" }]))).toEqual([
      about("headersDisagree", "test-course/a.md"),
    ]);
    expect(refused(course([{ name: "test-course/course.md", data: "x", shareLocalOf: 0 }]))).toEqual([why("overlap")]);
  });

  it("a stored entry whose two sizes differ, encryption, other compression methods and ZIP64", () => {
    expect(
      refused(
        course([
          { name: "test-course/stored.md", data: "abc", method: 0, size: 10 },
          { name: "test-course/secret.md", data: "x", flags: 0x801 },
          { name: "test-course/lzma.md", data: "x", method: 14, compressed: strToU8("x") },
        ]),
      ),
    ).toEqual([
      about("sizesDiffer", "test-course/stored.md"),
      about("encrypted", "test-course/secret.md"),
      about("method", "test-course/lzma.md", { method: "14" }),
    ]);
    expect(refused(rawZip([{ name: "c/course.md", data: COURSE_MD }], { count: 0xffff }))).toEqual([why("zip64")]);
  });

  it("an archive without course.md, or whose folder is not a slug", () => {
    expect(refused(rawZip([{ name: "c/01-m/module.md", data: "m" }]))).toEqual([
      why("noCourseMd", { path: "c/course.md" }),
    ]);
    expect(refused(rawZip([{ name: "__MACOSX/._x.md", data: "" }]))).toEqual([why("noCourseFiles")]);
    expect(refused(course([], "My Course/"))).toEqual([why("folderNotSlug", { folder: '"My Course"' })]);
  });

  it("with at most 20 problems listed", () => {
    const bad = Array.from({ length: 30 }, (_, i) => ({ name: `../${i}.md`, data: "" }));
    const errors = refused(course(bad));
    expect(errors).toHaveLength(21);
    expect(errors.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => about("path.outside", `../${i}.md`)));
    expect(errors[20]).toEqual(why("more", { count: 10 }));
  });
});

describe("the reasons in words", () => {
  const reasons = [
    about("fileTooLarge", "test-course/a.md", { size: bytes(1_000_001), max: mb(1) }),
    why("more", { count: 10 }),
  ];
  const inWords = (language: string) => reasons.map((p) => say(translator(language), p, language));

  it("in English, as before", () => {
    expect(inWords("en")).toEqual([
      '"test-course/a.md" is 1,000,001 bytes; a file may be at most 1 MB.',
      "…and 10 more problems.",
    ]);
  });

  it("in French and Arabic, with each language's numbers and plurals", () => {
    expect(inWords("fr")).toEqual([
      `"test-course/a.md" pèse 1\u202f000\u202f001 octets ; un fichier peut peser au plus 1 Mo.`,
      "…et 10 autres problèmes.",
    ]);
    expect(inWords("ar")).toEqual([
      'حجم "test-course/a.md" هو 1,000,001 بايت، والحد الأقصى لحجم الملف 1 ميغابايت.',
      "…و10 مشكلات أخرى.",
    ]);
    expect(say(translator("ar"), why("size.mb", { number: 1.04 }), "ar")).toBe("1.04 ميغابايت");
    expect(say(translator("fr"), why("size.mb", { number: 1.04 }), "fr")).toBe("1,04 Mo");
  });
});

describe("zip bombs", () => {
  // 50 MB of zeros compress to about 50 kB (node's zlib, so that fflate is not both sides of the test).
  const fiftyMegabytesOfZeros = deflateRawSync(Buffer.alloc(50_000_000), { level: 9 });
  /** Compressed bytes handed to the inflater while `run` runs. */
  function inflaterInput(run: () => void): number {
    const push = vi.spyOn(Inflate.prototype, "push");
    try {
      run();
      return push.mock.calls.reduce((n, [chunk]) => n + chunk.length, 0);
    } finally {
      push.mockRestore();
    }
  }

  it("the crafted bomb stream really is one", () => {
    expect(inflateRawSync(zeroBomb(3)).length).toBe(3_000_000);
    expect(zeroBomb(4000).length).toBeLessThan(4_400_000);
  });

  it("50 MB of zeros declared honestly: refused from the headers, nothing inflated", () => {
    const entry = { name: "test-course/bomb.md", compressed: fiftyMegabytesOfZeros, data: Buffer.alloc(50_000_000) };
    const consumed = inflaterInput(() =>
      expect(refused(course([entry]))).toEqual([
        about("fileTooLarge", "test-course/bomb.md", { size: mb(50), max: mb(1) }),
      ]),
    );
    expect(consumed).toBe(0);
  });

  it("50 MB of zeros under a header that claims a few bytes: refused after the first kilobyte", () => {
    const entry = { name: "test-course/bomb.md", data: "tiny", compressed: fiftyMegabytesOfZeros };
    const consumed = inflaterInput(() =>
      expect(refused(course([entry]))).toEqual([about("unpacksToMore", "test-course/bomb.md", { declared: bytes(4) })]),
    );
    expect(consumed).toBeLessThan(1024 + 100); // the first step, and course.md
  });

  it("4 GB of zeros in 4 MB, lying just under every limit: refused after inflating about 1 MB", () => {
    const compressed = zeroBomb(4000);
    // 4 MB of compressed data claiming 990 kB: nothing odd in the headers, within the file limit.
    const entry = { name: "test-course/01-m/01-bomb.mdx", data: "x", compressed, size: 990_000, crc: 0 };
    const started = performance.now();
    // About 1 kB of this stream inflates to 1 MB: the inflater stops within two steps.
    const consumed = inflaterInput(() =>
      expect(refused(course([entry]))).toEqual([
        about("unpacksToMore", "test-course/01-m/01-bomb.mdx", { declared: kb(990) }),
      ]),
    );
    expect(consumed).toBeLessThan(2048 + 100);
    // Inflating it all would take many seconds and more memory than a typed array may hold.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("many files that each stay under the file limit but together would not", () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({
      name: `test-course/${i}.md`,
      data: "x",
      compressed: zeroBomb(12), // a ratio of about 80: plausible, one by one
      size: 999_000,
    }));
    const consumed = inflaterInput(() =>
      expect(refused(course(entries))).toEqual([why("totalTooLarge", { size: mb(29.97), max: mb(20) })]),
    );
    expect(consumed).toBe(0);
  });
});
