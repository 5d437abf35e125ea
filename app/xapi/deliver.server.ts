// Delivers one queued xAPI statement to the external learning record store (LRS) named by
// XAPI_LRS_URL, with HTTP Basic authentication when XAPI_LRS_USER / XAPI_LRS_PASSWORD are set.
// The outbox's sender calls it for messages on the "xapi" channel and retries, with backoff,
// when it throws; it is registered with `registerChannel("xapi", deliverXapiStatement)`.
import { XAPI_VERSION } from "./statements";

export class LrsError extends Error {}

export async function deliverXapiStatement(
  payload: unknown,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const base = env.XAPI_LRS_URL?.trim().replace(/\/+$/, "");
  if (!base) throw new LrsError("No learning record store is configured (XAPI_LRS_URL).");
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Experience-API-Version": XAPI_VERSION,
  };
  if (env.XAPI_LRS_USER)
    headers.Authorization = `Basic ${Buffer.from(`${env.XAPI_LRS_USER}:${env.XAPI_LRS_PASSWORD ?? ""}`).toString("base64")}`;
  const response = await fetch(`${base}/statements`, {
    method: "POST",
    headers,
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(15_000),
  });
  // 409: the LRS already has a statement with this id (a retry after a lost answer): delivered.
  if (!response.ok && response.status !== 409) {
    const text = (await response.text().catch(() => "")).slice(0, 200);
    throw new LrsError(`The learning record store answered ${response.status}${text ? `: ${text}` : ""}`);
  }
  await response.body?.cancel().catch(() => {});
}
