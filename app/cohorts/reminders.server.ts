// Reminders for cohort learners, queued in the outbox: (a) a course's due date is near (7 days and
// 1 day before) and the course is not completed; (b) the learner has done nothing in a course for
// the cohort's inactivityDays. Each is sent at most once per learner, course, kind and period (the
// outbox's dedupe key names the due date, or the last activity the silence started from), and only
// to people who keep reminders on. Run periodically by the server (startReminders).
import { db as appDb, type Db } from "~/db/db.server";
import { formatDate } from "~/lib/format";
import { log } from "~/log.server";
import { composeEmail, mailLanguage, mailTranslator } from "~/mail/compose";
import { queueEmail } from "~/mail/outbox.server";
import { paths } from "~/paths";
import { siteUrl } from "~/site";

const DAY = 24 * 60 * 60 * 1000;
/** Days before the due date at which a reminder goes out, largest first. */
export const DUE_STAGES = [7, 1] as const;

type Learner = { id: string; email: string; name: string; emailReminders: boolean; language: string | null };

/** Queues every reminder due at `now`; returns how many e-mails were queued. */
export async function sendDueReminders(db: Db, now = new Date()) {
  const settingsUrl = `${siteUrl()}${paths.account()}`;
  let queued = 0;
  const cohorts = await db.cohort.findMany({
    where: {
      OR: [{ startsAt: null }, { startsAt: { lte: now } }],
      AND: [{ OR: [{ endsAt: null }, { endsAt: { gte: now } }] }],
    },
    select: {
      id: true,
      name: true,
      inactivityDays: true,
      organisation: { select: { name: true } },
      courses: { select: { courseId: true, dueAt: true } },
    },
  });
  for (const cohort of cohorts) {
    if (cohort.courses.length === 0) continue;
    const members = await db.cohortMember.findMany({
      where: { cohortId: cohort.id, role: "learner", user: { emailReminders: true } },
      select: { user: { select: { id: true, email: true, name: true, emailReminders: true, language: true } } },
    });
    if (members.length === 0) continue;
    const learners = new Map<string, Learner>(members.map((m) => [m.user.id, m.user]));
    const courseIds = cohort.courses.map((c) => c.courseId);
    const courses = new Map(
      (
        await db.course.findMany({
          where: { id: { in: courseIds }, retired: false },
          select: { id: true, slug: true, title: true },
        })
      ).map((c) => [c.id, c]),
    );
    const enrollments = await db.enrollment.findMany({
      where: { courseId: { in: courseIds }, userId: { in: [...learners.keys()] } },
      select: { userId: true, courseId: true, completedAt: true, lastActivityAt: true },
    });
    const enrollmentOf = new Map(enrollments.map((e) => [`${e.userId}:${e.courseId}`, e]));

    for (const cc of cohort.courses) {
      const course = courses.get(cc.courseId);
      if (!course) continue;
      const courseUrl = `${siteUrl()}${paths.course(course)}`;
      for (const learner of learners.values()) {
        const enrollment = enrollmentOf.get(`${learner.id}:${course.id}`);
        if (enrollment?.completedAt) continue;
        const language = mailLanguage(learner.language);
        const t = mailTranslator(language);
        const names = { course: course.title, cohort: cohort.name, organisation: cohort.organisation.name };
        // (a) The due date is near.
        if (cc.dueAt && cc.dueAt.getTime() > now.getTime()) {
          const left = Math.ceil((cc.dueAt.getTime() - now.getTime()) / DAY);
          const stage = [...DUE_STAGES].reverse().find((s) => left <= s);
          if (stage !== undefined) {
            const email = composeEmail({
              language,
              to: learner.email,
              subject: t("reminder.dueSubject", { course: course.title, count: Math.max(1, left) }),
              name: learner.name,
              paragraphs: [t("reminder.dueBody", { ...names, date: formatDate(cc.dueAt, "long", language) })],
              action: { label: t("reminder.action"), url: courseUrl },
              settingsUrl,
            });
            const key = `reminder:due-${stage}:${cohort.id}:${course.id}:${learner.id}:${cc.dueAt.toISOString()}`;
            if (await queueEmail(db, email, { userId: learner.id, dedupeKey: key })) queued++;
          }
        }
        // (b) No activity for the cohort's inactivity period.
        if (enrollment && cohort.inactivityDays > 0) {
          const quietSince = enrollment.lastActivityAt;
          if (now.getTime() - quietSince.getTime() >= cohort.inactivityDays * DAY) {
            const email = composeEmail({
              language,
              to: learner.email,
              subject: t("reminder.idleSubject", { course: course.title }),
              name: learner.name,
              paragraphs: [
                t("reminder.idleBody", { ...names, date: formatDate(quietSince, "long", language) }),
                t("reminder.idleNudge"),
              ],
              action: { label: t("reminder.action"), url: courseUrl },
              settingsUrl,
            });
            const key = `reminder:inactive:${cohort.id}:${course.id}:${learner.id}:${quietSince.toISOString()}`;
            if (await queueEmail(db, email, { userId: learner.id, dedupeKey: key })) queued++;
          }
        }
      }
    }
  }
  return queued;
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Runs sendDueReminders every `intervalMs` (default hourly) in this process, first after a minute. */
export function startReminders(db: Db = appDb, intervalMs = 60 * 60 * 1000) {
  if (timer) return stopReminders;
  const run = () => sendDueReminders(db).catch((e: unknown) => log.error({ err: e }, "Reminders could not be queued"));
  const first = setTimeout(run, Math.min(60_000, intervalMs)).unref();
  timer = setInterval(run, intervalMs).unref();
  const stop = () => {
    clearTimeout(first);
    stopReminders();
  };
  return stop;
}

export function stopReminders() {
  if (timer) clearInterval(timer);
  timer = null;
}
