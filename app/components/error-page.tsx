// The one error page: a title and text per HTTP status, a reason the app gave when there is one,
// and a way on. The root uses it as is; a route that needs its own wording passes overrides.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { paths } from "~/paths";

type Message = { title: string; text: string };

const MESSAGES: Record<number, Message> = {
  400: { title: "Bad request", text: "We could not understand what was sent." },
  403: { title: "Not allowed", text: "You may not do that here." },
  404: {
    title: "Page not found",
    text: "There is no page at this address. It may have moved, or the link may be mistyped.",
  },
  405: { title: "Method not allowed", text: "This address does not accept that kind of request." },
  410: { title: "Gone", text: "What was here is no longer available." },
  413: { title: "Too large", text: "What was sent is larger than this page accepts." },
  415: { title: "Unsupported format", text: "What was sent is not in a form this page accepts." },
  429: { title: "Too many requests", text: "Please wait a little and try again." },
  503: { title: "Busy", text: "The server is busy. Please try again in a few seconds." },
};
const UNEXPECTED: Message = {
  title: "Something went wrong",
  text: "We could not show this page. Please try again in a moment.",
};

export function StatusErrorBoundary({
  overrides = {},
  action = { to: paths.home(), label: "Go to the home page" },
}: {
  overrides?: Partial<Record<number | "unexpected", Message>>;
  action?: { to: string; label: string };
}) {
  const error = useRouteError();
  let message = overrides.unexpected ?? UNEXPECTED;
  if (isRouteErrorResponse(error)) {
    const known = overrides[error.status] ?? MESSAGES[error.status];
    // A reason the app gave (a plain string) is shown; the router's own messages are for developers.
    const internal = (error as { internal?: boolean }).internal;
    const given =
      typeof error.data === "string" && error.data && !internal && !overrides[error.status] ? error.data : undefined;
    message = {
      title: known?.title ?? `Error ${error.status}`,
      text: error.status === 404 && !overrides[404] ? known.text : (given ?? known?.text ?? error.statusText),
    };
  }
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">{message.title}</h1>
      <p className="mt-4 muted">{message.text}</p>
      <p className="mt-8">
        <Link to={action.to} className="btn-primary">
          {action.label}
        </Link>
      </p>
    </div>
  );
}
