import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverXapiStatement, LrsError } from "./deliver.server";
import { registered } from "./statements";

type Received = { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string };
let server: Server;
let base = "";
const received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  // A learning record store: records what it receives and answers with `answer`.
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(answer, { "Content-Type": "application/json" });
      res.end(answer === 200 ? "[]" : '{"message":"nope"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const statement = registered(
  {
    origin: "https://academy.example",
    userId: "u1",
    id: "0b8c4f0e-8a8f-4a6c-9d62-1d2c3b4a5f60",
    timestamp: new Date(0),
  },
  { slug: "c", title: "Course" },
);

describe("delivering a statement to an LRS", () => {
  it("POSTs it to <LRS>/statements with the xAPI version header and basic authentication", async () => {
    answer = 200;
    await deliverXapiStatement(statement, {
      XAPI_LRS_URL: `${base}/xapi/`,
      XAPI_LRS_USER: "key",
      XAPI_LRS_PASSWORD: "sécret",
    });
    const last = received.at(-1)!;
    expect(last.method).toBe("POST");
    expect(last.url).toBe("/xapi/statements");
    expect(last.headers["x-experience-api-version"]).toBe("1.0.3");
    expect(last.headers["content-type"]).toBe("application/json");
    expect(last.headers.authorization).toBe(`Basic ${Buffer.from("key:sécret").toString("base64")}`);
    expect(JSON.parse(last.body)).toEqual(statement);
  });

  it("sends no authorization without a user, and treats 409 (already stored) as delivered", async () => {
    answer = 409;
    await deliverXapiStatement(statement, { XAPI_LRS_URL: base });
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it("throws, for the sender to retry, when the LRS refuses or cannot be reached", async () => {
    answer = 401;
    await expect(deliverXapiStatement(statement, { XAPI_LRS_URL: base })).rejects.toThrow(/401/);
    await expect(deliverXapiStatement(statement, { XAPI_LRS_URL: "http://127.0.0.1:9" })).rejects.toThrow();
    await expect(deliverXapiStatement(statement, {})).rejects.toBeInstanceOf(LrsError);
  });
});
