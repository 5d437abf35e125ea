-- CreateIndex
CREATE INDEX "QuizResult_userId_courseId_attempts_bestScore_idx" ON "QuizResult"("userId", "courseId", "attempts", "bestScore");

-- CreateIndex
CREATE INDEX "CohortMember_cohortId_role_userId_joinedAt_idx" ON "CohortMember"("cohortId", "role", "userId", "joinedAt");

