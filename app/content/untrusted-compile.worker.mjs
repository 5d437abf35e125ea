// Entry of the worker thread that checks and compiles lesson MDX written in the browser (see
// untrusted-compile.server.ts). Plain JavaScript so that Node can start it as it is, in every way the
// app runs (tests, development, the production build); it loads the TypeScript job with tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./untrusted-compile.job.ts", import.meta.url);
