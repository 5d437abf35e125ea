import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser, hasRole } from "~/auth/auth.server";
import { DataSaverSwitch } from "~/components/data-saver-switch";
import { StatusErrorBoundary } from "~/components/error-page";
import { FootprintNote } from "~/components/footprint-footer";
import { footerFootprint, type FooterFootprint } from "~/footprint/footprint.server";
import { dataSaverFor } from "~/http/data-saver.server";
import { useNonce } from "~/nonce";
export { passRetryAfter as headers } from "~/http/headers";
import { paths } from "~/paths";
import { SITE_NAME } from "~/site";
import styles from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: SITE_NAME },
  {
    name: "description",
    content: "Learn the skills behind green digital action, and prove them with certificates anyone can verify.",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context);
  return {
    user: user && {
      name: user.name,
      isAdmin: hasRole(user, "admin"),
      isAuthor: hasRole(user, "instructor"),
      inOrganisation: user.inOrganisation,
    },
    footprint: footerFootprint(),
    /** Data-saver mode: the page comes without scripts (no hydration) and without decorative images. */
    dataSaver: dataSaverFor(request, user),
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const dataSaver = data?.dataSaver.on ?? false;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only-focusable absolute left-2 top-2 z-50 rounded bg-white px-3 py-2 font-semibold text-slate-900 shadow"
        >
          Skip to content
        </a>
        <SiteHeader user={data?.user ?? null} dataSaver={dataSaver} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter footprint={data?.footprint ?? null} dataSaver={data?.dataSaver} />
        {!dataSaver && <ScrollRestoration nonce={nonce} />}
        {!dataSaver && <Scripts nonce={nonce} />}
      </body>
    </html>
  );
}

function SiteHeader({
  user,
  dataSaver,
}: {
  user: { name: string; isAdmin: boolean; isAuthor: boolean; inOrganisation: boolean } | null;
  dataSaver: boolean;
}) {
  const nav =
    "rounded px-2 py-1 font-medium text-slate-800 no-underline hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800 aria-[current=page]:underline";
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link
          to={paths.home()}
          className="flex items-center gap-2 text-lg font-bold text-slate-900 no-underline dark:text-white"
        >
          {!dataSaver && <img src="/favicon.svg" alt="" width={28} height={28} />}
          {SITE_NAME}
        </Link>
        <Form
          method="get"
          action={paths.search()}
          role="search"
          aria-label="Site"
          className="order-last flex w-full gap-2 sm:order-none sm:w-auto sm:flex-1 sm:justify-end"
        >
          <label htmlFor="site-search" className="sr-only">
            Search the courses
          </label>
          <input
            id="site-search"
            type="search"
            name="q"
            placeholder="Search"
            maxLength={500}
            className="min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 py-1 text-base text-slate-900 sm:max-w-56 dark:border-slate-400 dark:bg-slate-900 dark:text-slate-100"
          />
          <button type="submit" className="btn-secondary px-3 py-1">
            Search
          </button>
        </Form>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-2">
          <NavLink to={paths.courses()} className={nav}>
            Courses
          </NavLink>
          <NavLink to={paths.myLearning()} className={nav}>
            My learning
          </NavLink>
          {user?.isAuthor && (
            <NavLink to={paths.author()} className={nav}>
              Authoring
            </NavLink>
          )}
          {user ? (
            <details className="relative">
              <summary className={`${nav} cursor-pointer list-none`}>
                <span className="sr-only">Account menu for </span>
                {user.name}
              </summary>
              <div className="absolute right-0 z-20 mt-2 w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                <Link to={paths.account()} className={`${nav} block`}>
                  Account
                </Link>
                {user.inOrganisation && (
                  <Link to={paths.organisations()} className={`${nav} block`}>
                    Organisations
                  </Link>
                )}
                {user.isAdmin && (
                  <Link to={paths.adminCertificates()} className={`${nav} block`}>
                    Certificates (admin)
                  </Link>
                )}
                {user.isAdmin && (
                  <Link to={paths.adminUsers()} className={`${nav} block`}>
                    Users (admin)
                  </Link>
                )}
                <Form method="post" action={paths.logOut()}>
                  <button type="submit" className={`${nav} block w-full text-left`}>
                    Log out
                  </button>
                </Form>
              </div>
            </details>
          ) : (
            <>
              <NavLink to={paths.logIn()} className={nav}>
                Log in
              </NavLink>
              <Link to={paths.signUp()} className="btn-primary px-3 py-1">
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

function SiteFooter({
  footprint,
  dataSaver,
}: {
  footprint: FooterFootprint | null;
  dataSaver?: { on: boolean; browser: boolean; chosen: boolean };
}) {
  return (
    <footer className="border-t border-slate-200 text-sm dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-4 px-4 py-6 muted">
        <p>{SITE_NAME}: skills for green digital action.</p>
        <p>
          <Link to={paths.verifyForm()}>Verify a certificate</Link> · Light pages, little JavaScript, no trackers.
        </p>
        {footprint && <FootprintNote data={footprint} />}
        {dataSaver && <DataSaverSwitch state={dataSaver} />}
      </div>
    </footer>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <StatusErrorBoundary />;
}
