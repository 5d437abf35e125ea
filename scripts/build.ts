// The production build: the Remix app with Vite.
import { execFileSync } from "node:child_process";

execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
