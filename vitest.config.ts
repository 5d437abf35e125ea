import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#tests": fileURLToPath(new URL("./tests", import.meta.url)),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["./tests/setup/global-setup.ts"],
    setupFiles: ["./tests/setup/db-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
