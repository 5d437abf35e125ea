// Entry of the worker process that checks and compiles lesson MDX written in the browser (see
// untrusted-compile.server.ts). Plain JavaScript so that Node can start it as it is, in every way the
// app runs (tests, development, the production build); it loads the TypeScript job with tsx.
import { readdirSync } from "node:fs";
import { setPriority } from "node:os";
import { tsImport } from "tsx/esm/api";

// Checking and compiling authors' lessons yields the CPU to serving learners. On Linux a nice value
// belongs to a thread: set it on every thread of this process (V8's helpers are already running) and
// threads started later, esbuild's process among them, inherit it.
try {
  setPriority(19);
  for (const thread of readdirSync("/proc/self/task")) setPriority(Number(thread), 19);
} catch {
  // Not permitted, or not Linux: compile at normal priority.
}

await tsImport("./untrusted-compile.job.ts", import.meta.url);
