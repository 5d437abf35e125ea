import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { person, organisationWithCohort, publishedCourse } from "./cohorts.fixture";
import { addToCohort, setCohortCourses } from "./cohorts.server";
import { sendDueReminders } from "./reminders.server";

const DAY = 86_400_000;
const t0 = new Date("2030-03-01T09:00:00Z");
const due = new Date("2030-03-20T23:59:59.999Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

let learner: Awaited<ReturnType<typeof person>>;
let finished: Awaited<ReturnType<typeof person>>;
let quiet: Awaited<ReturnType<typeof person>>;
let courseId: string;
let cohortId: string;

const mailsTo = async (userId: string) => {
  const rows = await db.outboxMessage.findMany({
    where: { userId, dedupeKey: { startsWith: "reminder:" } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    key: r.dedupeKey!.split(":")[1],
    ...(JSON.parse(r.payload) as { subject: string; text: string }),
  }));
};

beforeAll(async () => {
  const owner = await person(db);
  const { organisation, cohort } = await organisationWithCohort(db, owner, "Operator");
  cohortId = cohort.id;
  await db.cohort.update({ where: { id: cohort.id }, data: { inactivityDays: 10, startsAt: at(-30) } });
  courseId = (await publishedCourse(db, "Circular ICT")).id;
  await setCohortCourses(db, cohort.id, [{ courseId, dueAt: due }]);
  learner = await person(db, { name: "Lena" });
  finished = await person(db);
  quiet = await person(db);
  for (const p of [learner, finished, quiet])
    await addToCohort(db, { id: cohort.id, organisationId: organisation.id }, p.id);
  await db.enrollment.updateMany({ where: { courseId }, data: { lastActivityAt: t0 } });
  await db.enrollment.update({
    where: { userId_courseId: { userId: finished.id, courseId } },
    data: { completedAt: t0 },
  });
  await db.user.update({ where: { id: quiet.id }, data: { emailReminders: false } });
});

describe("due-date and inactivity reminders", () => {
  it("sends nothing while the due date is far and the learner active", async () => {
    await sendDueReminders(db, at(5));
    expect(await mailsTo(learner.id)).toEqual([]);
  });

  it("reminds 7 days before, once however often it runs, then 1 day before; not after completion or with reminders off", async () => {
    await sendDueReminders(db, new Date("2030-03-14T10:00:00Z"));
    await sendDueReminders(db, new Date("2030-03-14T11:00:00Z"));
    await sendDueReminders(db, new Date("2030-03-16T11:00:00Z"));
    let mails = await mailsTo(learner.id);
    expect(mails.map((m) => m.key)).toEqual(["due-7", "inactive"]);
    expect(mails[0].subject).toBe("“Circular ICT” is due in 7 days · Green Digital Academy");
    expect(mails[0].text).toContain("Hello Lena,");
    expect(mails[0].text).toContain("is due on 20 March 2030");
    expect(mails[0].text).toMatch(/reminders are on in your account: http:\/\/\S+\/account/);

    await sendDueReminders(db, new Date("2030-03-19T23:00:00Z"));
    await sendDueReminders(db, new Date("2030-03-20T08:00:00Z"));
    mails = await mailsTo(learner.id);
    expect(mails.map((m) => m.key)).toEqual(["due-7", "inactive", "due-1"]);
    expect(mails[2].subject).toBe("“Circular ICT” is due tomorrow · Green Digital Academy");

    expect(await mailsTo(finished.id)).toEqual([]);
    expect(await mailsTo(quiet.id)).toEqual([]);
  });

  it("reminds an inactive learner once per quiet spell, again after new activity and silence", async () => {
    // The first inactivity reminder went out above (10 days after t0).
    const before = (await mailsTo(learner.id)).filter((m) => m.key === "inactive");
    expect(before).toHaveLength(1);
    expect(before[0].text).toContain("since 1 March 2030");
    await sendDueReminders(db, at(15));
    expect((await mailsTo(learner.id)).filter((m) => m.key === "inactive")).toHaveLength(1);
    await db.enrollment.update({
      where: { userId_courseId: { userId: learner.id, courseId } },
      data: { lastActivityAt: at(16) },
    });
    await sendDueReminders(db, at(20));
    expect((await mailsTo(learner.id)).filter((m) => m.key === "inactive")).toHaveLength(1);
    await sendDueReminders(db, at(27));
    expect((await mailsTo(learner.id)).filter((m) => m.key === "inactive")).toHaveLength(2);
  });

  it("stops when the cohort has ended", async () => {
    await db.cohort.update({ where: { id: cohortId }, data: { endsAt: at(28) } });
    const n = await mailsTo(learner.id);
    await sendDueReminders(db, at(60));
    expect(await mailsTo(learner.id)).toHaveLength(n.length);
  });
});
