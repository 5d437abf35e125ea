import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_DATABASE_URL, E2E_PG_PORT, E2E_POSTGRES } from "./e2e/support/database";

// End-to-end tests run Debian's Chromium against the production build on a fresh database:
// SQLite, or with TEST_DATABASE=postgres a throwaway PostgreSQL server, shared by two app servers
// (E2E_PORT and E2E_PORT + 1; e2e/two-servers.spec.ts uses both).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium was not found at ${chromium}. Install it with "apt-get install -y chromium" (Debian/Ubuntu), ` +
      `or point CHROMIUM_PATH at a Chromium or Chrome executable.`,
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
/** The second app server on the same database (PostgreSQL runs only). */
export const SECOND_URL = `http://localhost:${PORT + 1}`;
// The SMTP server that receives the app's e-mail during the tests (e2e/support/smtp-capture.ts).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 20000);

// Every test signs up and logs in from 127.0.0.1: the per-address limits are raised for that,
// while the per-account log-in limit keeps its default (e2e/rate-limit.spec.ts tests it).
const appEnv = {
  DATABASE_URL: E2E_DATABASE_URL,
  NODE_ENV: "production",
  RATE_LIMIT_LOGIN_IP: "100000",
  RATE_LIMIT_SIGNUP_IP: "100000",
  RATE_LIMIT_VERIFY_API_IP: "100000",
  RATE_LIMIT_RESET_IP: "100000",
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: E2E_POSTGRES ? "reports/e2e-postgres.json" : "reports/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "off",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    ...(E2E_POSTGRES
      ? [
          {
            // A throwaway PostgreSQL server, stopped (and its folder removed) at the end of the run.
            command: "tsx e2e/support/postgres-server.ts",
            port: E2E_PG_PORT,
            wait: { stdout: /PostgreSQL ready/ },
            reuseExistingServer: false,
            timeout: 60_000,
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
          },
        ]
      : []),
    {
      // A real SMTP server; each message it receives becomes a JSON file read by e2e/support/mail.ts.
      command: "tsx e2e/support/smtp-capture.ts",
      port: SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { SMTP_CAPTURE_PORT: String(SMTP_PORT) },
    },
    {
      // A fresh database for every run; the build is made by `npm test` beforehand.
      command: "rm -rf e2e/.data && tsx scripts/start.ts",
      url: `${BASE_URL}/`,
      reuseExistingServer: false,
      timeout: 180_000,
      // One process: a publication is then seen at once by the next request of the same test.
      env: { ...appEnv, PORT: String(PORT), WEB_CONCURRENCY: "1" },
    },
    ...(E2E_POSTGRES
      ? [
          {
            // A second production server on the same database and data folder, started once the
            // first has migrated and seeded it (its own start-up finds nothing to do); it serves
            // from two worker processes, as `npm start` does on a two-core machine.
            command: "tsx scripts/start.ts",
            url: `${SECOND_URL}/`,
            reuseExistingServer: false,
            timeout: 180_000,
            env: { ...appEnv, PORT: String(PORT + 1), WEB_CONCURRENCY: "2" },
          },
        ]
      : []),
  ],
});
