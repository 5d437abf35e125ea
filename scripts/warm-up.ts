// Before a server process takes connections, it asks itself for the pages visitors load most, for a
// moment (WARM_UP_MS, 2 s by default; 0 skips it). Right after a start V8 runs every function
// unoptimised, and under load it takes several seconds to optimise the request path (HTTP parsing,
// Express, the session lookup, loaders, React's rendering, compression), and the first visitors to
// arrive wait on it: in the first seconds a page costs several times what it costs later.
//
// The requests go through the process's own HTTP server over connections made in memory (no port is
// opened), as a visitor whose session cookie names no session: the server looks the session up,
// finds none and renders the page as for anyone signed out (a page is not taken from the cache of
// public pages when a cookie is cleared). Nothing is written: these are GETs.
import { randomBytes } from "node:crypto";
import { request, type IncomingMessage, type Server } from "node:http";
import { Duplex } from "node:stream";

/** How long a process warms up: WARM_UP_MS, else 2,000 ms. */
export function warmUpMs(env: Partial<NodeJS.ProcessEnv> = process.env): number {
  const configured = Number(env.WARM_UP_MS);
  return env.WARM_UP_MS !== undefined && Number.isFinite(configured) && configured >= 0 ? configured : 2_000;
}

/** The two ends of a connection in memory: what one writes, the other reads. */
function connectionInMemory(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        other().push(chunk);
        done();
      },
      final(done) {
        other().push(null);
        done();
      },
    });
  ends.push(
    end(() => ends[1]!),
    end(() => ends[0]!),
  );
  return [ends[0]!, ends[1]!];
}

/** How long past the end of the warm-up a page may take before it counts as failed. */
export const LATE_MS = 1_000;

/** Encodings asked for in turn, so that both compressors get warm. */
const ENCODINGS = ["br, gzip", "gzip"];

/**
 * Asks `server` (not listening yet) for `paths` in turn, `connections` requests at a time, each over
 * its own connection in memory, until `ms` have passed. An answer of 500 or more, a request that
 * fails, or one still unanswered `LATE_MS` after the end (a database that takes connections and then
 * hangs), ends it (`failed`): the server starts all the same.
 */
export async function warmUp(
  server: Server,
  paths: readonly string[],
  { ms, connections = 4 }: { ms: number; connections?: number },
): Promise<{ answered: number; failed: boolean }> {
  if (ms <= 0 || paths.length === 0) return { answered: 0, failed: false };
  const until = Date.now() + ms;
  const cookie = `gda_session=${randomBytes(20).toString("hex")}`;
  let answered = 0;
  let next = 0;
  let failed = false;
  const run = async () => {
    while (!failed && Date.now() < until) {
      const i = next++;
      const status = await get(
        server,
        paths[i % paths.length]!,
        {
          Cookie: cookie,
          // Each round through the pages in the other encoding.
          "Accept-Encoding": ENCODINGS[Math.floor(i / paths.length) % ENCODINGS.length]!,
        },
        until + LATE_MS,
      ).catch(() => 0);
      if (status === 0 || status >= 500) failed = true;
      else answered++;
    }
  };
  await Promise.all(Array.from({ length: connections }, run));
  return { answered, failed };
}

/**
 * One GET of `server` over a connection in memory; resolves with the status once the answer is read,
 * rejects when it is not read by `deadline` (then both ends are closed).
 */
function get(server: Server, path: string, headers: Record<string, string>, deadline: number): Promise<number> {
  const [client, side] = connectionInMemory();
  server.emit("connection", side);
  let timer: NodeJS.Timeout | undefined;
  return new Promise<number>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer for ${path} in time`)), Math.max(0, deadline - Date.now()));
    const req = request({ path, headers: { ...headers, Host: "localhost" }, createConnection: () => client });
    req.on("response", (res: IncomingMessage) => {
      res.on("error", reject);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.on("error", reject);
    req.end();
  }).finally(() => {
    clearTimeout(timer);
    client.destroy();
    side.destroy();
  });
}
