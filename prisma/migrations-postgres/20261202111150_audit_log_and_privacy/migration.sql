-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "organisationId" TEXT,
    "ip" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- Role changes move into the audit log (one home for who did what)
INSERT INTO "AuditEntry" ("id", "at", "actorId", "actorLabel", "action", "subjectType", "subjectId", "details")
SELECT "id", "createdAt", "changedById", 'admin', CASE WHEN "granted" THEN 'role.granted' ELSE 'role.removed' END, 'user', "userId", '{"role":"' || "role" || '"}'
FROM "RoleChange";

-- DropForeignKey
ALTER TABLE "Certificate" DROP CONSTRAINT "Certificate_userId_fkey";

-- DropForeignKey
ALTER TABLE "RoleChange" DROP CONSTRAINT "RoleChange_userId_fkey";

-- DropForeignKey
ALTER TABLE "RoleChange" DROP CONSTRAINT "RoleChange_changedById_fkey";

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "holderWithheldAt" TIMESTAMP(3),
ALTER COLUMN "userId" DROP NOT NULL;

-- DropTable
DROP TABLE "RoleChange";

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

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

