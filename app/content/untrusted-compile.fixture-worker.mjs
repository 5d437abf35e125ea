// A worker for the lesson compiler's pool tests that misbehaves on request: it answers "ok" at once,
// and for the words oom, stack, exit and hang it exhausts its memory or stack, exits, or never answers.
import process from "node:process";

process.on("message", ({ id, source }) => {
  if (source === "oom") {
    const hoard = [];
    for (;;) hoard.push(new Array(100_000).fill(hoard.length));
  }
  if (source === "stack") {
    const recurse = (n) => recurse(n + 1) + 1;
    recurse(0);
  }
  if (source === "exit") process.exit(3);
  if (source === "hang") for (;;);
  process.send({ type: "done", id, result: { ok: true, code: `compiled ${source}`, text: source } });
});
process.send({ type: "ready" });
