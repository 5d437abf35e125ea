// Checks and compiles lesson MDX that instructors write in the browser, at request time (preview and
// publish). The text is untrusted: it is size-checked here, then the MDX check and the compile run in
// a worker process with capped memory and a wall-clock limit, at the lowest CPU priority, so that a
// hostile or merely pathological lesson can neither block the request thread nor bring the server
// down, and an author previewing as they type takes CPU only when learners' requests leave it free.
// A process rather than a worker thread: a thread shares the server's garbage-collection and JIT
// helper threads, which run at the server's priority (measured: half the CPU of a preview). Nothing
// in the lesson is executed: the compiled code runs later, in the browser and in server rendering,
// with the registered lesson components only.
//
// The worker entry (untrusted-compile.worker.mjs) stays outside the Vite bundle: Node starts it as it
// is, and it loads the TypeScript job with tsx. It is found beside this module when running from source
// (tests, development), and under app/content/ next to the production build (build/server/index.js).
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FromWorker, Job } from "./untrusted-compile.job";

export type CompileProblem = { line: number; column: number; message: string };
/** The compiled lesson and its plain text (for search), or its problems. */
export type UntrustedCompileResult =
  { ok: true; code: string; text: string } | { ok: false; problems: CompileProblem[] };

const KiB = 1024;
/**
 * Largest lesson accepted, in bytes of UTF-8; checked before any parsing. The course's lessons are
 * 10 KB at most. The Markdown parser's time grows faster than the text (a 100 KB lesson full of lists
 * costs about 3 s of CPU, 200 KB about 13 s), so more would mostly buy slow, stopped compiles.
 */
export const MAX_LESSON_BYTES = 100 * KiB;
/** How long one lesson may take to check and compile before its worker is stopped. */
export const COMPILE_TIMEOUT_MS = 10_000;
/** Lessons waiting for a worker, beyond those being compiled; more are refused as busy. */
export const MAX_QUEUED = 8;
/** Memory limits of each worker process (V8's old and young generations). */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 } as const;
/** A worker that has not loaded its modules by then is given up. */
const STARTUP_TIMEOUT_MS = 60_000;
const WORKER_FILE = "untrusted-compile.worker.mjs";

const problem = (message: string): UntrustedCompileResult => ({
  ok: false,
  problems: [{ line: 1, column: 1, message }],
});
const MESSAGES = {
  tooLarge: (bytes: number) =>
    `the lesson is too large (${Math.ceil(bytes / KiB)} KB; at most ${MAX_LESSON_BYTES / KiB} KB): split it into several lessons`,
  timeout: (ms: number) =>
    `the lesson took too long to check and compile (over ${ms / 1000} s) and was stopped; simplify it, e.g. less deeply nested emphasis, lists or components`,
  busy: "the lesson compiler is busy; try again in a moment",
  memory: "the lesson needed too much memory to check and compile and was stopped; simplify or shorten it",
  stack: "the lesson is nested too deeply to check and compile (the compiler ran out of stack); simplify it",
  crashed: "the lesson compiler stopped unexpectedly while checking this lesson; simplify it, or try again",
  unavailable: "the lesson compiler could not be started; try again later",
  shutdown: "the lesson compiler is shutting down; try again in a moment",
};

/** Where the worker entry is: beside this module (source), or under app/content/ next to the build. */
export function workerEntryPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, WORKER_FILE),
    resolve(here, "../../app/content", WORKER_FILE),
    resolve(process.cwd(), "app/content", WORKER_FILE),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

type Pending = {
  job: Job;
  timeoutMs: number;
  resolve: (result: UntrustedCompileResult) => void;
};

type Slot = {
  worker: ChildProcess;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
};

export type PoolOptions = {
  /** Worker processes; by default 1, or 2 where there are 3 cores or more. */
  size?: number;
  /** Lessons that may wait for a worker. */
  maxQueued?: number;
  /** The worker entry file; the lesson compiler's by default. */
  entry?: string;
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
};

/** A few worker processes taking lessons from a bounded queue; a worker that fails is replaced. */
export class CompilePool {
  private slots = new Set<Slot>();
  private queue: Pending[] = [];
  private nextId = 1;
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly entry: string;
  private readonly resourceLimits: NonNullable<PoolOptions["resourceLimits"]>;

  constructor(options: PoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.maxQueued = options.maxQueued ?? MAX_QUEUED;
    this.entry = options.entry ?? workerEntryPath();
    this.resourceLimits = options.resourceLimits ?? WORKER_LIMITS;
  }

  run(source: string, timeoutMs: number): Promise<UntrustedCompileResult> {
    return new Promise((resolve) => {
      const pending: Pending = { job: { id: this.nextId++, source }, timeoutMs, resolve };
      const idle = [...this.slots].find((s) => s.ready && !s.current);
      if (idle) return this.dispatch(idle, pending);
      if (this.queue.length >= this.maxQueued) return resolve(problem(MESSAGES.busy));
      this.queue.push(pending);
      if (this.slots.size < this.size) this.spawn();
    });
  }

  private spawn() {
    const limits = this.resourceLimits;
    let worker: ChildProcess;
    try {
      worker = fork(this.entry, [], {
        // Only the limits: not the server's own flags (such as its TypeScript loader or inspector).
        execArgv: [
          // One lesson at a time needs no parallel garbage collection; helper threads would only add CPU.
          "--single-threaded-gc",
          ...(limits.maxOldGenerationSizeMb ? [`--max-old-space-size=${limits.maxOldGenerationSizeMb}`] : []),
          ...(limits.maxYoungGenerationSizeMb
            ? [`--max-semi-space-size=${Math.max(1, Math.floor(limits.maxYoungGenerationSizeMb / 3))}`]
            : []),
        ],
        // Nothing of the server's environment (database address, secrets) but what Node needs.
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: process.env.NODE_ENV,
          LESSON_COMPILER_WORKER: "1",
        },
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        serialization: "advanced",
      });
    } catch {
      return this.failQueued(MESSAGES.unavailable);
    }
    const slot: Slot = { worker, ready: false, current: null, timer: null };
    this.slots.add(slot);
    // The worker's last words tell a crash from running out of memory or stack.
    let lastWords = "";
    worker.stderr?.on("data", (chunk: Buffer) => {
      lastWords = (lastWords + chunk.toString("utf8")).slice(-4 * KiB);
    });
    worker.unref();
    worker.channel?.unref();
    (worker.stderr as { unref?: () => void } | null)?.unref?.();
    // Keeps the process up while the worker starts; a worker that never gets ready is given up.
    slot.timer = setTimeout(() => this.retire(slot, MESSAGES.unavailable), STARTUP_TIMEOUT_MS);
    worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") {
        clearTimeout(slot.timer!);
        slot.timer = null;
        slot.ready = true;
        this.next(slot);
      } else if (message.type === "done" && slot.current?.job.id === message.id) {
        clearTimeout(slot.timer!);
        slot.timer = null;
        const done = slot.current;
        slot.current = null;
        done.resolve(message.result);
        this.next(slot);
      }
    });
    worker.on("error", () => this.retire(slot, MESSAGES.crashed));
    worker.on("exit", () => {
      // stderr may still hold the reason: read it once the stream has ended.
      const reason = () =>
        /heap out of memory|heap limit|allocation failed/i.test(lastWords)
          ? MESSAGES.memory
          : /call stack/i.test(lastWords)
            ? MESSAGES.stack
            : MESSAGES.crashed;
      if (!worker.stderr || worker.stderr.readableEnded) this.retire(slot, reason());
      else worker.stderr.once("close", () => this.retire(slot, reason()));
    });
  }

  private dispatch(slot: Slot, pending: Pending) {
    slot.current = pending;
    slot.timer = setTimeout(() => this.retire(slot, MESSAGES.timeout(pending.timeoutMs)), pending.timeoutMs);
    slot.worker.send(pending.job);
  }

  private next(slot: Slot) {
    const pending = this.queue.shift();
    if (pending) this.dispatch(slot, pending);
  }

  /** Stops a worker (timed out, crashed, or never ready): its lesson gets `message`, a new worker takes over. */
  private retire(slot: Slot, message: string) {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.worker.kill("SIGKILL");
    if (slot.current) slot.current.resolve(problem(message));
    else if (!slot.ready && ![...this.slots].some((s) => s.ready)) {
      // It failed while starting: do not keep starting workers that cannot start.
      return this.failQueued(message === MESSAGES.crashed ? MESSAGES.unavailable : message);
    }
    // Replace a worker that was working, so that the next lesson does not wait for one to start.
    if ((slot.ready || this.queue.length) && this.slots.size < this.size) this.spawn();
  }

  private failQueued(message: string) {
    for (const pending of this.queue.splice(0)) pending.resolve(problem(message));
  }

  async shutdown() {
    this.failQueued(MESSAGES.shutdown);
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.current?.resolve(problem(MESSAGES.shutdown));
    }
    await Promise.all(
      slots.map(
        (s) =>
          new Promise<void>((done) => {
            if (s.worker.exitCode !== null || s.worker.signalCode !== null) return done();
            s.worker.once("exit", () => done());
            s.worker.kill("SIGKILL");
          }),
      ),
    );
  }
}

let pool: CompilePool | null = null;

/**
 * Checks and compiles one lesson body (MDX; a leading YAML frontmatter block is ignored). Never throws:
 * every failure, including a lesson too large, too slow, or crashing its worker, comes back as problems.
 */
export async function compileUntrustedLesson(
  source: string,
  opts: { timeoutMs?: number } = {},
): Promise<UntrustedCompileResult> {
  if (typeof source !== "string") return problem("the lesson must be text");
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes > MAX_LESSON_BYTES) return problem(MESSAGES.tooLarge(bytes));
  pool ??= new CompilePool();
  return pool.run(source, opts.timeoutMs ?? COMPILE_TIMEOUT_MS);
}

/** Stops the workers; lessons still waiting get a "shutting down" problem. A later call starts afresh. */
export async function shutdownUntrustedCompiler(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.shutdown();
}
