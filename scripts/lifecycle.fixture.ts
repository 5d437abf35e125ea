// Run by lifecycle.test.ts as a real server process: the request logging of app/log.server.ts, the
// health endpoints and graceful stop of lifecycle.ts with the app's readiness checks on DATABASE_URL, plus /slow?ms=N (any method), which
// answers after N ms. Prints "listening <port>" once it accepts connections.
import { createServer } from "node:http";
import express from "express";
import { holdDatabaseLock } from "../app/db/backup.server";
import { databaseUrl } from "../app/db/url.server";
import { checkReadiness } from "../app/health/readiness.server";
import { log, requestLogging } from "../app/log.server";
import { closeConnectionsWhenStopping, connectionTracker, healthRoutes, stopOnSignal } from "./lifecycle";

const app = express();
app.use(requestLogging);
app.use(closeConnectionsWhenStopping);
app.use(healthRoutes(() => checkReadiness()));
app.all("/slow", (req, res) => {
  log.info("slow request started");
  setTimeout(
    () => {
      log.info({ user: { email: "jane.doe@example.org", password: "hunter2" } }, "slow request answered");
      res.type("text/plain").send("finished");
    },
    Number(req.query.ms ?? 1000),
  );
});
const server = createServer(app);
const connections = connectionTracker(server);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  log.info(`listening ${typeof address === "object" && address ? address.port : ""}`);
});
holdDatabaseLock(databaseUrl());
stopOnSignal(server, connections, async () => {});
