-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "organisationId" TEXT,
    "ip" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- Role changes move into the audit log (one home for who did what)
INSERT INTO "AuditEntry" ("id", "at", "actorId", "actorLabel", "action", "subjectType", "subjectId", "details")
SELECT "id", "createdAt", "changedById", 'admin', CASE WHEN "granted" THEN 'role.granted' ELSE 'role.removed' END, 'user', "userId", '{"role":"' || "role" || '"}'
FROM "RoleChange";

-- DropIndex
DROP INDEX "RoleChange_userId_createdAt_idx";

-- DropIndex
DROP INDEX "RoleChange_changedById_idx";

-- DropIndex
DROP INDEX "RoleChange_createdAt_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "RoleChange";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "courseId" TEXT NOT NULL,
    "learnerName" TEXT NOT NULL,
    "courseTitle" TEXT NOT NULL,
    "outcomes" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "passMark" INTEGER,
    "courseSummary" TEXT,
    "signedFormat" INTEGER NOT NULL DEFAULT 1,
    "statusIndex" INTEGER,
    "completedAt" DATETIME NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "courseVersion" INTEGER,
    "holderWithheldAt" DATETIME,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Certificate_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SigningKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("completedAt", "courseId", "courseSummary", "courseTitle", "courseVersion", "id", "issuedAt", "keyId", "learnerName", "outcomes", "passMark", "revokedAt", "revokedReason", "score", "signature", "signedFormat", "statusIndex", "userId") SELECT "completedAt", "courseId", "courseSummary", "courseTitle", "courseVersion", "id", "issuedAt", "keyId", "learnerName", "outcomes", "passMark", "revokedAt", "revokedReason", "score", "signature", "signedFormat", "statusIndex", "userId" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_statusIndex_key" ON "Certificate"("statusIndex");
CREATE UNIQUE INDEX "Certificate_userId_courseId_key" ON "Certificate"("userId", "courseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_at_idx" ON "AuditEntry"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectType_subjectId_at_idx" ON "AuditEntry"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_organisationId_at_idx" ON "AuditEntry"("organisationId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

