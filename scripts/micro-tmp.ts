import { createRequestHandler, type ServerBuild } from "@remix-run/node";
const build = (await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild;
const entry = build.entry.module as any;
const handle = createRequestHandler(build, "production");
const who = JSON.parse(process.argv[2]);
const path = process.argv[3] ?? who.lesson;
const cookie = process.argv[4] === "-" ? undefined : who.cookie;
async function once() {
  const [auth] = await Promise.all([entry.authenticate(cookie), entry.ensureCatalogue()]);
  const req = new Request("http://localhost:3992" + path, { headers: cookie ? { cookie } : {} });
  const res = await handle(req, { auth: { user: auth.user, session: auth.session }, cspNonce: "abc", clientIp: "1", documentRequest: true, serverHtml: new Map() } as any);
  return (await res.text()).length;
}
for (let i = 0; i < 300; i++) await once();
const n = 1500; const c0 = process.cpuUsage(); const t0 = performance.now();
let len = 0; for (let i = 0; i < n; i++) len = await once();
const c = process.cpuUsage(c0); const t = performance.now() - t0;
console.log(path, "len", len, "cpu ms/req", ((c.user + c.system) / 1000 / n).toFixed(2), "wall ms/req", (t / n).toFixed(2));
