// `npm start`: migrate, seed when empty, build when there is no build yet, then serve the
// production build on PORT (default 3000).
import { existsSync } from "node:fs";

process.env.NODE_ENV ??= "production";
const { prepare } = await import("./prepare");
await prepare();
if (!existsSync("build/server/index.js")) {
  console.log("No production build yet: building…");
  await import("./build");
}
const { createServer } = await import("./server");
const port = Number(process.env.PORT ?? 3000);
const app = await createServer();
app.listen(port, () => console.log(`Green Digital Academy on http://localhost:${port}`));
