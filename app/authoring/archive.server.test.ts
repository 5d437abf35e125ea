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

function refused(bytes: Uint8Array, limits = {}, options = {}): string[] {
  const result = importCourseZip(bytes, limits, options);
  if (result.ok) throw new Error(`expected a refusal, got ${Object.keys(result.files).join(", ")}`);
  return result.errors;
}

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
    expect(refused(zip)).toEqual([expect.stringMatching(/top of the archive: put them in a folder/)]);
    expect(refused(zip, {}, { fileName: "Circular ICT (1).zip" })).toEqual([
      expect.stringMatching(/"Circular ICT \(1\)" is not a course slug/),
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
      expect(refused(readFileSync(join(dir, "links.zip")))).toEqual([
        `"${courseDirs[0]}/passwd.md" is a symbolic link, which a course cannot contain.`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("importCourseZip refuses", () => {
  it.each([
    ["../evil.md", /points outside the course folder/],
    ["test-course/../../evil.md", /points outside the course folder/],
    ["test-course/01-m/../../../etc/cron.d/x.yml", /points outside the course folder/],
    ["/etc/passwd.md", /is an absolute path/],
    ["C:/Windows/evil.md", /starts with a drive letter/],
    ["c:evil.md", /starts with a drive letter/],
    ["test-course\\..\\evil.md", /contains backslashes/],
    ["test-course/./course.md", /'\.' folder name/],
    ["test-course//course2.md", /empty or '\.' folder name/],
    ["test-course/line\nbreak.md", /control characters/],
    ["test-course/what?.md", /not allowed in file names/],
  ])("the path %j", (name, message) => {
    expect(refused(course([{ name, data: "x" }]))).toEqual([expect.stringMatching(message)]);
  });

  it("folder entries that climb out, too", () => {
    expect(refused(course([{ name: "../", externalAttrs: (0o040755 << 16) >>> 0 }]))).toEqual([
      expect.stringMatching(/"\.\.\/" points outside/),
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
      '"test-course/01-m/notes.md" is a symbolic link, which a course cannot contain.',
      '"test-course/w.md" is a symbolic link, which a course cannot contain.',
      '"test-course/f.md" is not a regular file.',
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
      '"test-course/script.js" is not a course file: a course holds only .md, .mdx, .yml and .yaml files.',
      '"test-course/cover.svg" is not a course file: a course holds only .md, .mdx, .yml and .yaml files.',
      '"test-course/course.md.exe" is not a course file: a course holds only .md, .mdx, .yml and .yaml files.',
      '"test-course/Makefile" is not a course file: a course holds only .md, .mdx, .yml and .yaml files.',
    ]);
  });

  it("more than 500 entries, before reading them", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ name: `test-course/01-m/${i}.md`, data: "x" }));
    expect(importCourseZip(course(many.slice(1))).ok).toBe(true);
    expect(refused(course(many))).toEqual(["The archive has 501 entries; it may have at most 500."]);
    expect(refused(course(many.slice(0, 10)), { maxEntries: 10 })).toEqual([
      "The archive has 11 entries; it may have at most 10.",
    ]);
  });

  it("a file over 1 MB", () => {
    const big = "Lesson text that goes on. ".repeat(40_000); // 1.04 MB
    expect(refused(course([{ name: "test-course/01-m/01-long.mdx", data: big }]))).toEqual([
      '"test-course/01-m/01-long.mdx" is 1.04 MB; a file may be at most 1 MB.',
    ]);
    const justUnder = "x".repeat(ARCHIVE_LIMITS.maxFileBytes);
    expect(importCourseZip(course([{ name: "test-course/a.md", data: justUnder, method: 0 }])).ok).toBe(true);
    expect(refused(course([{ name: "test-course/a.md", data: justUnder + "x", method: 0 }]))).toEqual([
      '"test-course/a.md" is 1,000,001 bytes; a file may be at most 1 MB.',
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
    expect(refused(course(files))).toEqual(["The files add up to 20.98 MB unpacked; a course may be at most 20 MB."]);
  });

  it("a suspicious compression ratio, from the headers alone", () => {
    const zeros = new Uint8Array(900_000);
    const compressed = deflateSync(zeros, { level: 9 });
    expect(refused(course([{ name: "test-course/a.md", data: zeros, compressed }]))).toEqual([
      expect.stringMatching(
        /^"test-course\/a.md" expands \d+ times when unpacked \(at most 100 allowed\); it looks like a zip bomb\.$/,
      ),
    ]);
  });

  it("an archive over 10 MB, without reading it", () => {
    expect(refused(new Uint8Array(10_000_001))).toEqual(["The archive is 10,000,001 bytes; it may be at most 10 MB."]);
    expect(refused(course(), { maxArchiveBytes: 100 })).toEqual([
      expect.stringMatching(/^The archive is \d+ bytes; it may be at most 100 bytes\.$/),
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
      '"test-course/latin1.md" is not UTF-8 text; save it as UTF-8.',
      '"test-course/utf16.md" is not UTF-8 text; save it as UTF-8.',
      '"test-course/binary.yml" is not UTF-8 text; save it as UTF-8.',
    ]);
  });

  it("a name that is not UTF-8", () => {
    expect(refused(course([{ name: new Uint8Array([0x74, 0x2f, 0xe9, 0x2e, 0x6d, 0x64]), data: "x" }]))).toEqual([
      expect.stringMatching(/An entry's name is not UTF-8 text/),
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
      '"test-course/course.md" appears more than once.',
      '"test-course/glossary.yml" and "test-course/Glossary.yml" differ only in letter case or accents; rename one.',
      '"test-course/cafe\u0301.md" and "test-course/caf\u00e9.md" differ only in letter case or accents; rename one.',
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
    ).toEqual(['"test-course/notes.md" is both a file and a folder.']);
  });

  it("corrupt archives", () => {
    const good = course([{ name: "test-course/01-m/module.md", data: "A module about things. ".repeat(50) }]);
    const damaged = /not a zip archive, or it is damaged/;
    expect(refused(new Uint8Array(0))).toEqual([expect.stringMatching(damaged)]);
    expect(refused(strToU8("This is a text file, not a zip. ".repeat(10)))).toEqual([expect.stringMatching(damaged)]);
    expect(refused(good.slice(0, good.length - 1))).toEqual([expect.stringMatching(damaged)]);
    expect(refused(good.slice(10))).toEqual([expect.stringMatching(damaged)]);
    expect(refused(concat([new Uint8Array(7), good]))).toEqual([expect.stringMatching(damaged)]);
    expect(refused(rawZip([]))).toEqual(["The archive is empty."]);
    // The directory claims more entries than it holds.
    expect(refused(rawZip([{ name: "c/course.md", data: COURSE_MD }], { count: 2 }))).toEqual([
      expect.stringMatching(damaged),
    ]);
    // Flipped bits in the compressed data, in the middle of a file.
    const flipped = good.slice();
    const name = strToU8("test-course/01-m/module.md");
    const data = Buffer.from(flipped).indexOf(Buffer.from(name)) + name.length; // the local header's copy
    flipped[data + 3] ^= 0xff;
    flipped[data + 4] ^= 0xff;
    const errors = refused(flipped);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/"test-course\/01-m\/module.md" (is damaged|unpacks to|does not match its checksum)/);
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
      '"test-course/crc.md" does not match its checksum; the archive is damaged.',
      '"test-course/short.md" is damaged (unexpected EOF).',
      '"test-course/empty.md" is damaged (no compressed data).',
    ]);
  });

  it("headers that disagree or overlap", () => {
    expect(refused(course([{ name: "test-course/a.md", localName: "../../a.md", data: "x" }]))).toEqual([
      'The headers of "test-course/a.md" disagree; the archive is damaged or forged.',
    ]);
    expect(refused(course([{ name: "test-course/course.md", data: "x", shareLocalOf: 0 }]))).toEqual([
      "Entries of the archive overlap; the archive is damaged or forged.",
    ]);
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
      '"test-course/stored.md" declares two different sizes; the archive is damaged.',
      '"test-course/secret.md" is encrypted; export the course without a password.',
      '"test-course/lzma.md" uses compression method 14; only stored and deflated files are supported.',
    ]);
    expect(refused(rawZip([{ name: "c/course.md", data: COURSE_MD }], { count: 0xffff }))).toEqual([
      expect.stringMatching(/ZIP64/),
    ]);
  });

  it("an archive without course.md, or whose folder is not a slug", () => {
    expect(refused(rawZip([{ name: "c/01-m/module.md", data: "m" }]))).toEqual([
      "The archive has no c/course.md; zip the course folder, the one that holds course.md.",
    ]);
    expect(refused(rawZip([{ name: "__MACOSX/._x.md", data: "" }]))).toEqual(["The archive holds no course files."]);
    expect(refused(course([], "My Course/"))).toEqual([expect.stringMatching(/The folder "My Course" is not named/)]);
  });

  it("with at most 20 problems listed", () => {
    const bad = Array.from({ length: 30 }, (_, i) => ({ name: `../${i}.md`, data: "" }));
    const errors = refused(course(bad));
    expect(errors).toHaveLength(21);
    expect(errors[20]).toBe("…and 10 more problems.");
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
      expect(refused(course([entry]))).toEqual(['"test-course/bomb.md" is 50 MB; a file may be at most 1 MB.']),
    );
    expect(consumed).toBe(0);
  });

  it("50 MB of zeros under a header that claims a few bytes: refused after the first kilobyte", () => {
    const entry = { name: "test-course/bomb.md", data: "tiny", compressed: fiftyMegabytesOfZeros };
    const consumed = inflaterInput(() =>
      expect(refused(course([entry]))).toEqual([
        '"test-course/bomb.md" unpacks to more than the 4 bytes its header declares; the archive is forged.',
      ]),
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
        '"test-course/01-m/01-bomb.mdx" unpacks to more than the 990 kB its header declares; the archive is forged.',
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
      expect(refused(course(entries))).toEqual([
        "The files add up to 29.97 MB unpacked; a course may be at most 20 MB.",
      ]),
    );
    expect(consumed).toBe(0);
  });
});
