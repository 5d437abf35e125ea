import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended minimums (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Too many password checks are waiting already: the caller should answer "try again shortly". */
export class PasswordWorkBusyError extends Error {
  readonly retryAfterSeconds = 5;
  constructor() {
    super("The server is busy checking passwords. Please try again in a few seconds.");
    this.name = "PasswordWorkBusyError";
  }
}

/**
 * At most `concurrency` hashes run at once (about one per core) and at most `maxQueue` wait;
 * beyond that a call fails at once with PasswordWorkBusyError, so a flood of log-ins cannot
 * take all the CPU and memory (each hash holds 19 MiB).
 */
export function createWorkLimiter(concurrency: number, maxQueue: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= maxQueue) throw new PasswordWorkBusyError();
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      // The slot passes straight to the next in line; otherwise it is freed.
      if (next) next();
      else running--;
    }
  };
}

const envInt = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const concurrency = envInt("PASSWORD_HASH_CONCURRENCY", availableParallelism());
const limited = createWorkLimiter(concurrency, envInt("PASSWORD_HASH_QUEUE", concurrency * 8));

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, OPTIONS));
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  return limited(async () => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  });
}
