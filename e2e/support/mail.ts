// Reading the e-mail the app sent during end-to-end tests, from the SMTP capture server's folder
// (see smtp-capture.ts and playwright.config.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CapturedMail } from "./smtp-capture";

export const MAIL_DIR = join("e2e", ".data", "mail");

export type Mail = CapturedMail & {
  /** Every http(s) link in the message: the HTML's hrefs first, then any others in the text. */
  links: string[];
};

function readAll(): Mail[] {
  let names: string[];
  try {
    names = readdirSync(MAIL_DIR).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names.sort().flatMap((n) => {
    try {
      const mail = JSON.parse(readFileSync(join(MAIL_DIR, n), "utf8")) as CapturedMail;
      return [{ ...mail, links: linksIn(mail) }];
    } catch {
      return [];
    }
  });
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

function linksIn(mail: CapturedMail): string[] {
  const fromHtml = [...mail.html.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => decode(m[1]));
  const fromText = [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
  return [...new Set([...fromHtml, ...fromText])];
}

/** Every captured message to `to` (matching `subject`, if given), oldest first. */
export function mailsTo(to: string, subject?: RegExp): Mail[] {
  const address = to.toLowerCase();
  return readAll().filter((m) => m.to.includes(address) && (!subject || subject.test(m.subject)));
}

/**
 * The newest message to `to` whose subject matches, waiting for it to arrive (the app sends from
 * its outbox in the background). `since`: only messages received after that moment.
 */
export async function waitForMail(
  to: string,
  subject?: RegExp,
  { timeoutMs = 20_000, since }: { timeoutMs?: number; since?: Date } = {},
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(to, subject).filter((m) => !since || new Date(m.date) >= since);
    if (found.length) return found[found.length - 1];
    if (Date.now() > deadline) {
      const seen = readAll().map((m) => `${m.to.join(", ")}: ${m.subject}`);
      throw new Error(
        `No e-mail to ${to}${subject ? ` with a subject matching ${subject}` : ""} within ${timeoutMs} ms. Received: ${seen.join("; ") || "nothing"}.`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first link in the message whose path starts with `pathPrefix` (e.g. "/reset-password/"). */
export function linkTo(mail: Mail, pathPrefix: string): string {
  const link = mail.links.find((l) => new URL(l).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`No link to ${pathPrefix} in "${mail.subject}": ${mail.links.join(", ")}`);
  return link;
}
