// `npm start`: build when there is no build yet (else bring the compiled course content up to date
// with content/, failing on broken content), migrate, sync the course catalogue, seed when empty,
// then serve the production build on PORT (default 3000).
import { existsSync } from "node:fs";

process.env.NODE_ENV ??= "production";
if (!existsSync("build/server/index.js")) {
  console.log("No production build yet: building…");
  await import("./build");
} else {
  const { buildContent } = await import("./content-build");
  try {
    await buildContent();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
const { prepare } = await import("./prepare");
await prepare();
const { serve } = await import("./server");
await serve(Number(process.env.PORT ?? 3000));
