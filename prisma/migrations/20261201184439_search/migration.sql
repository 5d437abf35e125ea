-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "courseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "SearchDocument_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SearchDocument_courseId_idx" ON "SearchDocument"("courseId");


-- Written by hand (not expressible in schema.prisma): the full-text index over SearchDocument.
-- An FTS5 table with external content: it stores only the index and reads titles and bodies
-- from "SearchDocument" by rowid ("id"). app/search/search.server.ts keeps it in step whenever it
-- writes documents; see docs/decisions/0001-full-text-search.md.
-- Tokens: Unicode letters and digits, accents folded, English stemming (recycling ~ recycled).
CREATE VIRTUAL TABLE "SearchDocument_fts" USING fts5(
    "title",
    "body",
    content = 'SearchDocument',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
