// Run by backup.server.test.ts in a child process: adds users w-0, w-1, … one transaction each
// until it is killed; prints "writing" once 20 are in.
import { createDb } from "./db.server";

const db = createDb(process.env.DATABASE_URL);
for (let i = 0; ; i++) {
  await db.$transaction(async (tx) => {
    await tx.user.create({
      data: { id: `w-${i}`, email: `w-${i}@example.org`, name: `Writer ${i}`, passwordHash: "x" },
    });
  });
  if (i === 19) console.log("writing");
}
