// `npm run build`: the Remix app with Vite, then the course content (checked and compiled).
import { execFileSync } from "node:child_process";
import { buildContent } from "./content-build";
import { precompressClientFiles } from "./static-files";

execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
// Scripts and styles compressed once here (Brotli's best setting is slow), not while a learner waits.
const started = Date.now();
const compressed = await precompressClientFiles("build/client");
console.log(`Compressed ${compressed} client files (Brotli, gzip) in ${Date.now() - started} ms.`);
try {
  await buildContent();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
