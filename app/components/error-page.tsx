// The one error page: a title and text per HTTP status, a reason the app gave when there is one,
// and a way on. The root uses it as is; a route that needs its own wording passes overrides.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";
import { paths } from "~/paths";

await needMessages("components");

type Message = { title: string; text: string };

/** The statuses with their own title and text (messages `components:errorPage.status.<status>`). */
const KNOWN = new Set([400, 403, 404, 405, 410, 413, 415, 429, 503]);

export function StatusErrorBoundary({
  overrides = {},
  action,
}: {
  overrides?: Partial<Record<number | "unexpected", Message>>;
  action?: { to: string; label: string };
}) {
  const { t } = useTranslation("components");
  const error = useRouteError();
  const messageOf = (status: number): Message | undefined =>
    KNOWN.has(status)
      ? { title: t(`errorPage.status.${status}.title`), text: t(`errorPage.status.${status}.text`) }
      : undefined;
  let message = overrides.unexpected ?? {
    title: t("errorPage.unexpected.title"),
    text: t("errorPage.unexpected.text"),
  };
  if (isRouteErrorResponse(error)) {
    const known = overrides[error.status] ?? messageOf(error.status);
    // A reason the app gave (a plain string) is shown; the router's own messages are for developers.
    const internal = (error as { internal?: boolean }).internal;
    const given =
      typeof error.data === "string" && error.data && !internal && !overrides[error.status] ? error.data : undefined;
    message = {
      title: known?.title ?? t("errorPage.otherStatus", { status: error.status }),
      text: error.status === 404 && !overrides[404] ? known!.text : (given ?? known?.text ?? error.statusText),
    };
  }
  const way = action ?? { to: paths.home(), label: t("errorPage.home") };
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">{message.title}</h1>
      <p className="mt-4 muted">{message.text}</p>
      <p className="mt-8">
        <Link to={way.to} className="btn-primary">
          {way.label}
        </Link>
      </p>
    </div>
  );
}
