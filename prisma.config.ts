import { defineConfig } from "prisma/config";

// Prisma 7 keeps the connection URL here rather than in schema.prisma.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/academy.db" },
});
