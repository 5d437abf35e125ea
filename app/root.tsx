import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "~/auth/auth.server";
import { useNonce } from "~/nonce";
export { passRetryAfter as headers } from "~/http/headers";
import styles from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Green Digital Academy" },
  { name: "description", content: "Learn the skills behind green digital action, and prove them with certificates anyone can verify." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  return { user: user && { name: user.name, isInstructor: user.isInstructor, isAdmin: user.isAdmin } };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only-focusable absolute left-2 top-2 z-50 rounded bg-white px-3 py-2 font-semibold text-slate-900 shadow">
          Skip to content
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ user }: { user: { name: string; isAdmin: boolean } | null }) {
  const nav = "rounded px-2 py-1 font-medium text-slate-800 no-underline hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800 aria-[current=page]:underline";
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 text-lg font-bold text-slate-900 no-underline dark:text-white">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Green Digital Academy
        </Link>
        <Form method="get" action="/search" role="search" aria-label="Site" className="order-last flex w-full gap-2 sm:order-none sm:w-auto sm:flex-1 sm:justify-end">
          <label htmlFor="site-search" className="sr-only">Search the courses</label>
          <input
            id="site-search"
            type="search"
            name="q"
            placeholder="Search"
            maxLength={500}
            className="min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 py-1 text-base text-slate-900 sm:max-w-56 dark:border-slate-400 dark:bg-slate-900 dark:text-slate-100"
          />
          <button type="submit" className="btn-secondary px-3 py-1">Search</button>
        </Form>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-2">
          <NavLink to="/courses" className={nav}>Courses</NavLink>
          <NavLink to="/learn" className={nav}>My learning</NavLink>
          {user ? (
            <details className="relative">
              <summary className={`${nav} cursor-pointer list-none`}>
                <span className="sr-only">Account menu for </span>
                {user.name}
              </summary>
              <div className="absolute right-0 z-20 mt-2 w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                <Link to="/account" className={`${nav} block`}>Account</Link>
                {user.isAdmin && <Link to="/admin/certificates" className={`${nav} block`}>Certificates (admin)</Link>}
                <Form method="post" action="/logout">
                  <button type="submit" className={`${nav} block w-full text-left`}>Log out</button>
                </Form>
              </div>
            </details>
          ) : (
            <>
              <NavLink to="/login" className={nav}>Log in</NavLink>
              <Link to="/signup" className="btn-primary px-3 py-1">Sign up</Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 text-sm dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-4 px-4 py-6 muted">
        <p>Green Digital Academy: skills for green digital action.</p>
        <p>
          <Link to="/verify">Verify a certificate</Link> · Light pages, little JavaScript, no trackers.
        </p>
      </div>
    </footer>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

const ERRORS: Record<number, { title: string; text: string }> = {
  400: { title: "Bad request", text: "We could not understand what was sent." },
  403: { title: "Not allowed", text: "You may not do that here." },
  404: { title: "Page not found", text: "There is no page at this address. It may have moved, or the link may be mistyped." },
  405: { title: "Method not allowed", text: "This address does not accept that kind of request." },
  413: { title: "Too large", text: "What was sent is larger than this page accepts." },
  415: { title: "Unsupported format", text: "What was sent is not in a form this page accepts." },
  429: { title: "Too many requests", text: "Please wait a little and try again." },
  503: { title: "Busy", text: "The server is busy. Please try again in a few seconds." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const known = ERRORS[error.status];
    // A reason the app gave (a plain string) is shown; otherwise a fixed text for the status.
    const internal = (error as { internal?: boolean }).internal; // the router's own message, for developers
    const given = typeof error.data === "string" && error.data && !internal ? error.data : undefined;
    const text = error.status === 404 ? known.text : (given ?? known?.text ?? error.statusText);
    return <ErrorMessage title={known?.title ?? `Error ${error.status}`} text={text} />;
  }
  return <ErrorMessage title="Something went wrong" text="We could not show this page. Please try again in a moment." />;
}

function ErrorMessage({ title, text }: { title: string; text: string }) {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="mt-4 muted">{text}</p>
      <p className="mt-8">
        <Link to="/" className="btn-primary">Go to the home page</Link>
      </p>
    </div>
  );
}
