// A throwaway PostgreSQL server for one end-to-end run (a web server entry of playwright.config.ts
// when TEST_DATABASE=postgres): started empty on E2E_PG_PORT, stopped and removed on SIGTERM or
// SIGINT. The app's own start-up migrates it.
import { startPostgres } from "../../scripts/lib/postgres";
import { E2E_PG_PORT } from "./database";

const server = await startPostgres({ port: E2E_PG_PORT });
console.log(`PostgreSQL ready at ${server.url}`);

const stop = () => {
  try {
    server.stop();
  } catch (e) {
    console.error((e as Error).message);
  }
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("SIGHUP", stop);
setInterval(() => {}, 1 << 30);
