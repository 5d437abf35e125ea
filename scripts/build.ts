// `npm run build`: the Remix app with Vite, then the course content (checked and compiled).
import { execFileSync } from "node:child_process";
import { buildContent } from "./content-build";

execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
try {
  await buildContent();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
