// The end-to-end tests' mail server: a real SMTP server (smtp-server, no TLS, any or no log-in) that
// keeps each message it receives as a JSON file in e2e/.data/mail/ (or MAIL_CAPTURE_DIR), where
// e2e/support/mail.ts reads them. Run by playwright.config.ts beside the app.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CapturedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, as sent. */
  messageId: string;
  date: string;
};

const dir = resolve(process.env.MAIL_CAPTURE_DIR ?? join("e2e", ".data", "mail"));
const port = Number(process.env.SMTP_CAPTURE_PORT ?? 2525);
let counter = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onAuth: (_auth, _session, callback) => callback(null, { user: "e2e" }),
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        const mail: CapturedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
          messageId: parsed.messageId ?? "",
          date: new Date().toISOString(),
        };
        // The folder may have been cleared since start-up (the app's server starts on a fresh e2e/.data).
        mkdirSync(dir, { recursive: true });
        const name = `${Date.now()}-${process.pid}-${String(counter++).padStart(6, "0")}`;
        // Written under another name first, so that a reader never sees half a file.
        writeFileSync(join(dir, `${name}.tmp`), JSON.stringify(mail, null, 2));
        renameSync(join(dir, `${name}.tmp`), join(dir, `${name}.json`));
        callback();
      })
      .catch((e: Error) => callback(e));
  },
});

// A client that disappears in the middle of a message (an app server killed while sending) is an
// error of that connection only; without a listener the event would end this process.
server.on("error", (e: Error) => console.error(`SMTP capture: ${e.message}`));

server.listen(port, "127.0.0.1", () => console.log(`SMTP capture listening on 127.0.0.1:${port}, writing to ${dir}`));
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
