// Entry of the worker thread that checks and compiles lesson MDX written in the browser (see
// untrusted-compile.server.ts). Plain JavaScript so that Node can start it as it is, in every way the
// app runs (tests, development, the production build); it loads the TypeScript job with tsx.
import { setPriority } from "node:os";
import { tsImport } from "tsx/esm/api";

// Checking and compiling authors' lessons yields the CPU to serving learners. On Linux a thread's
// nice value is its own (the app's other threads keep theirs) and esbuild's process inherits it.
try {
  setPriority(19);
} catch {
  // Not permitted here: compile at normal priority.
}

await tsImport("./untrusted-compile.job.ts", import.meta.url);
