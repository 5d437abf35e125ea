// How the workspace compiles authors' lessons, which are untrusted input: the MDX check and the
// compiler run in a worker with size, time and memory limits (see untrusted-compile.server.ts).
import { compileUntrustedLesson } from "~/content/untrusted-compile.server";
import type { CompileLesson } from "./publishing.server";

export const compileForAuthors: CompileLesson = (body) => compileUntrustedLesson(body);
