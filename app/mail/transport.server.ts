// Where e-mail leaves the academy. With SMTP_URL set (smtp://user:pass@host:port or smtps://…),
// through that server; otherwise each message is written as an .eml file (with a .json summary the
// development page /dev/mail lists) into MAIL_DIR, default data/mail/, so that `npm start` works on a
// machine without a mail server.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import { SITE_NAME } from "~/site";
import type { Email } from "./outbox.server";

export type Transport = {
  /** Shown in logs: "smtp://host:port" or "folder data/mail". */
  readonly description: string;
  /**
   * Delivers the message or throws; a throw means "try again later". Given the outbox message's id,
   * the Message-ID header is made from it (`outboxMessageId`): the same on every attempt, so that a
   * message sent twice (a process died after the mail server accepted it) is recognised as one by
   * mail systems that collapse duplicates.
   */
  send(email: Email, outboxId?: string): Promise<void>;
  close(): void;
};

export const DEFAULT_FROM = `${SITE_NAME} <no-reply@localhost>`;

export function mailFrom(env: Record<string, string | undefined> = process.env): string {
  return env.MAIL_FROM?.trim() || DEFAULT_FROM;
}

export function mailDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.MAIL_DIR?.trim() || join("data", "mail"));
}

/** Connection options from an smtp:// or smtps:// URL (user and password percent-decoded). */
export function smtpOptions(url: string) {
  const u = new URL(url);
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, not "${u.protocol}//".`);
  }
  const secure = u.protocol === "smtps:";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // A mail server that does not answer must not hold the sender for long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
}

/** What nodemailer sends for `email` from `from`; the Message-ID from the outbox message's id. */
function mailOptions(from: string, email: Email, outboxId?: string) {
  const { to, subject, text, html } = email;
  return { from, to, subject, text, html, messageId: outboxId ? outboxMessageId(outboxId, from) : undefined };
}

export function smtpTransport(url: string, extra: { ignoreTLS?: boolean; from?: string } = {}): Transport {
  const options = smtpOptions(url);
  const mailer = nodemailer.createTransport({ ...options, ignoreTLS: extra.ignoreTLS });
  const from = extra.from ?? mailFrom();
  return {
    description: `${options.secure ? "smtps" : "smtp"}://${options.host}:${options.port}`,
    async send(email, outboxId) {
      await mailer.sendMail(mailOptions(from, email, outboxId));
    },
    close: () => mailer.close(),
  };
}

/** A message written by the folder transport, as the development page lists it. */
export type StoredMail = { file: string; from: string; to: string; subject: string; date: string; text: string };

export function folderTransport(dir = mailDir(), from = mailFrom()): Transport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `folder ${dir}`,
    async send(email, outboxId) {
      const info = await composer.sendMail(mailOptions(from, email, outboxId));
      const date = new Date();
      // Sortable by name: the time first, then a random part so that two messages never collide.
      const name = `${date.toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`;
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${name}.eml`), info.message as Buffer);
      const summary: StoredMail = {
        file: `${name}.eml`,
        from,
        to: email.to,
        subject: email.subject,
        date: date.toISOString(),
        text: email.text,
      };
      await writeFile(join(dir, `${name}.json`), JSON.stringify(summary, null, 2));
    },
    close: () => composer.close(),
  };
}

/** The newest messages the folder transport wrote, newest first. */
export async function listStoredMail(dir = mailDir(), limit = 50): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  names.sort().reverse();
  const out: StoredMail[] = [];
  for (const n of names.slice(0, limit)) {
    try {
      out.push(JSON.parse(await readFile(join(dir, n), "utf8")) as StoredMail);
    } catch {
      // A file being written or not ours: skip it.
    }
  }
  return out;
}

/** The Message-ID of an outbox message: stable across attempts, in the sender address's domain. */
export function outboxMessageId(id: string, from = mailFrom()): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return `<${id}@${domain}>`;
}

/** SMTP when SMTP_URL is set, else the folder. */
export function transportFromEnv(env: Record<string, string | undefined> = process.env): Transport {
  const url = env.SMTP_URL?.trim();
  return url ? smtpTransport(url, { from: mailFrom(env) }) : folderTransport(mailDir(env), mailFrom(env));
}
