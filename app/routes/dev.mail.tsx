// Development only: the e-mails the folder transport wrote (when SMTP_URL is not set), newest first,
// with their links clickable. Answers 404 in production, where mail goes to a real server.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { notFound } from "~/http/errors.server";
import { listStoredMail, mailDir } from "~/mail/transport.server";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Mail sent (development)") }];

// Who is asking does not matter here: the page exists only on a developer's own machine.
export async function loader(_args: LoaderFunctionArgs) {
  if (process.env.NODE_ENV === "production") notFound();
  return {
    dir: mailDir(),
    smtp: Boolean(process.env.SMTP_URL?.trim()),
    messages: await listStoredMail(),
  };
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The text with its URLs as links. */
function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function DevMail() {
  const { dir, smtp, messages } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">Mail sent (development)</h1>
      <p className="mt-2 muted">
        The newest e-mails written to <code>{dir}</code>.
        {smtp && " SMTP_URL is set, so new mail goes to that server instead and does not appear here."}
      </p>
      {messages.length === 0 ? (
        <p className="mt-8">No e-mail yet.</p>
      ) : (
        <ol className="mt-8 space-y-8">
          {messages.map((m) => (
            <li key={m.file} className="rounded border border-gray-300 p-4">
              <h2 className="text-xl font-semibold">{m.subject}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
                <dt className="font-semibold">To</dt>
                <dd>{m.to}</dd>
                <dt className="font-semibold">Date</dt>
                <dd>
                  <time dateTime={m.date}>{new Date(m.date).toUTCString()}</time>
                </dd>
                <dt className="font-semibold">File</dt>
                <dd className="break-all">{m.file}</dd>
              </dl>
              <pre className="mt-4 whitespace-pre-wrap font-sans">
                <Linked text={m.text} />
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
