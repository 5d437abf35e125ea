// Run by db.server.test.ts in a child process: N read-then-write transactions on one counter.
import { createDb } from "./db.server";

const db = createDb(process.env.DATABASE_URL);
const times = Number(process.argv[2] ?? 50);
for (let i = 0; i < times; i++) {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: "counter" } });
    await new Promise((resolve) => setTimeout(resolve, 1));
    await tx.user.update({ where: { id: "counter" }, data: { name: String(Number(user.name) + 1) } });
  });
}
await db.$disconnect();
