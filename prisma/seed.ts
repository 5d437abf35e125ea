// Demo data for a fresh database: one account per role. For local use only; the README lists
// the passwords. Run with `npm run db:seed`; `npm start` runs it when there are no users yet.
import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/db/db.server";

export const DEMO_ACCOUNTS = [
  {
    id: "demo-learner",
    name: "Amina Haddad",
    email: "learner@example.org",
    password: "learner-demo-2026",
    isInstructor: false,
    isAdmin: false,
  },
  {
    id: "demo-instructor",
    name: "Jonas Müller",
    email: "instructor@example.org",
    password: "instructor-demo-2026",
    isInstructor: true,
    isAdmin: false,
  },
  {
    id: "demo-admin",
    name: "Priya Raman",
    email: "admin@example.org",
    password: "admin-demo-2026",
    isInstructor: true,
    isAdmin: true,
  },
];

/** Creates the demo accounts when the database has no users; returns how many it created. */
export async function seedIfEmpty(db: Db): Promise<number> {
  if ((await db.user.count()) > 0) return 0;
  for (const { password, ...account } of DEMO_ACCOUNTS) {
    await db.user.create({ data: { ...account, passwordHash: await hashPassword(password) } });
  }
  return DEMO_ACCOUNTS.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { db } = await import("~/db/db.server");
  const created = await seedIfEmpty(db);
  console.log(created ? `Created ${created} demo accounts.` : "The database already has users: nothing seeded.");
  await db.$disconnect();
}
