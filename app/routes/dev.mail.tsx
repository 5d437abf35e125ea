// Development only: the e-mails the folder transport wrote (when SMTP_URL is not set), newest first,
// with their links clickable. Answers 404 in production, where mail goes to a real server.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { Trans, useTranslation } from "react-i18next";
import { notFound } from "~/http/errors.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { listStoredMail, mailDir } from "~/mail/transport.server";
import { pageTitle } from "~/site";

await needMessages("account");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Who is asking does not matter here: the page exists only on a developer's own machine.
export async function loader(args: LoaderFunctionArgs) {
  if (process.env.NODE_ENV === "production") notFound();
  const { t } = await requestTranslator(args, "account");
  return {
    title: pageTitle(t("devMail.title")),
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
  const { t } = useTranslation("account");
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t("devMail.title")}</h1>
      <p className="mt-2 muted">
        <Trans
          t={t}
          i18nKey={smtp ? "devMail.introSmtp" : "devMail.intro"}
          values={{ dir }}
          components={{ code: <code /> }}
        />
      </p>
      {messages.length === 0 ? (
        <p className="mt-8">{t("devMail.empty")}</p>
      ) : (
        <ol className="mt-8 space-y-8">
          {messages.map((m) => (
            <li key={m.file} className="rounded border border-gray-300 p-4">
              <h2 className="text-xl font-semibold">{m.subject}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
                <dt className="font-semibold">{t("devMail.to")}</dt>
                <dd>{m.to}</dd>
                <dt className="font-semibold">{t("devMail.date")}</dt>
                <dd>
                  <time dateTime={m.date}>{new Date(m.date).toUTCString()}</time>
                </dd>
                <dt className="font-semibold">{t("devMail.file")}</dt>
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
