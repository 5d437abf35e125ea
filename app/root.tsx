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
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getUser, hasRole } from "~/auth/auth.server";
import { DataSaverSwitch } from "~/components/data-saver-switch";
import { StatusErrorBoundary } from "~/components/error-page";
import { FootprintNote } from "~/components/footprint-footer";
import { LanguageSwitch } from "~/components/language-switch";
import { footerFootprint, type FooterFootprint } from "~/footprint/footprint.server";
import { dataSaverFor } from "~/http/data-saver.server";
import { directionOf, type Language } from "~/i18n/config";
import { languageFor, translator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFollowPageLanguage, usePageLanguage } from "~/i18n/page-language";
import { useNonce } from "~/nonce";
import { OfflineStatus } from "~/offline/offline-status";
export { passRetryAfter as headers } from "~/http/headers";
import { paths } from "~/paths";
import { SITE_NAME } from "~/site";
import styles from "~/tailwind.css?url";

await needMessages("common");

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: SITE_NAME },
  { name: "description", content: data?.siteDescription ?? "" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const language = await languageFor(request, user);
  return {
    /** The interface language of this page (see app/i18n/i18n.server.ts). */
    language,
    siteDescription: translator(language)("siteDescription"),
    user: user && {
      /** For offline reading: saved pages are kept per person (app/offline/). */
      id: user.id,
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
  const language: Language = usePageLanguage();
  const { t } = useTranslation();
  return (
    <html lang={language} dir={directionOf(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only-focusable absolute start-2 top-2 z-50 rounded bg-white px-3 py-2 font-semibold text-slate-900 shadow"
        >
          {t("skipToContent")}
        </a>
        <SiteHeader user={data?.user ?? null} dataSaver={dataSaver} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
          {!dataSaver && <OfflineStatus userId={data?.user?.id ?? null} />}
          {children}
        </main>
        <SiteFooter footprint={data?.footprint ?? null} dataSaver={data?.dataSaver} language={data?.language ?? "en"} />
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
  const { t } = useTranslation();
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
          aria-label={t("search.landmark")}
          className="order-last flex w-full gap-2 sm:order-none sm:w-auto sm:flex-1 sm:justify-end"
        >
          <label htmlFor="site-search" className="sr-only">
            {t("search.label")}
          </label>
          <input
            id="site-search"
            type="search"
            name="q"
            placeholder={t("search.placeholder")}
            maxLength={500}
            className="min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 py-1 text-base text-slate-900 sm:max-w-56 dark:border-slate-400 dark:bg-slate-900 dark:text-slate-100"
          />
          <button type="submit" className="btn-secondary px-3 py-1">
            {t("search.submit")}
          </button>
        </Form>
        <nav aria-label={t("nav.main")} className="flex flex-wrap items-center gap-2">
          <NavLink to={paths.courses()} className={nav}>
            {t("nav.courses")}
          </NavLink>
          <NavLink to={paths.myLearning()} className={nav}>
            {t("nav.myLearning")}
          </NavLink>
          {user?.isAuthor && (
            <NavLink to={paths.author()} className={nav}>
              {t("nav.authoring")}
            </NavLink>
          )}
          {user ? (
            <details data-menu className="relative">
              <summary className={`${nav} cursor-pointer list-none`}>
                <span className="sr-only">{t("nav.accountMenuFor")}</span>
                {user.name}
              </summary>
              <div className="absolute end-0 z-20 mt-2 w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                <Link to={paths.account()} className={`${nav} block`}>
                  {t("nav.account")}
                </Link>
                {user.inOrganisation && (
                  <Link to={paths.organisations()} className={`${nav} block`}>
                    {t("nav.organisations")}
                  </Link>
                )}
                {user.isAdmin && (
                  <Link to={paths.adminCertificates()} className={`${nav} block`}>
                    {t("nav.adminCertificates")}
                  </Link>
                )}
                {user.isAdmin && (
                  <Link to={paths.adminUsers()} className={`${nav} block`}>
                    {t("nav.adminUsers")}
                  </Link>
                )}
                {user.isAdmin && (
                  <Link to={paths.adminAudit()} className={`${nav} block`}>
                    {t("nav.adminAudit")}
                  </Link>
                )}
                <Form method="post" action={paths.logOut()}>
                  <button type="submit" className={`${nav} block w-full text-start`}>
                    {t("nav.logOut")}
                  </button>
                </Form>
              </div>
            </details>
          ) : (
            <>
              <NavLink to={paths.logIn()} className={nav}>
                {t("nav.logIn")}
              </NavLink>
              <Link to={paths.signUp()} className="btn-primary px-3 py-1">
                {t("nav.signUp")}
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
  language,
}: {
  footprint: FooterFootprint | null;
  dataSaver?: { on: boolean; browser: boolean; chosen: boolean };
  language: Language;
}) {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-slate-200 text-sm dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-4 px-4 py-6 muted">
        <p>{t("footer.tagline", { site: SITE_NAME })}</p>
        <p>
          <Link to={paths.verifyForm()}>{t("footer.verify")}</Link> ·{" "}
          <Link to={paths.privacy()}>{t("footer.privacy")}</Link> · {t("footer.light")}
        </p>
        <LanguageSwitch current={language} />
        {footprint && <FootprintNote data={footprint} />}
        {dataSaver && <DataSaverSwitch state={dataSaver} />}
      </div>
    </footer>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  useFollowPageLanguage(usePageLanguage());
  useFocusMainOnNavigation();
  useEscapeClosesMenus();
  return <Outlet />;
}

/**
 * After a navigation in the browser to another page, focus moves to the main content (as a full
 * page load would start there for a screen reader, after "Skip to content"): keyboard users do not
 * stay on the link they left, and screen readers read the new page. So it does after a form that
 * answers with the same page changed (e.g. "Start the quiz"), when the control that had the focus
 * is gone, unless a field in error has it. A change of query only (filters, pages of results) or
 * to an anchor leaves focus where it is.
 */
function useFocusMainOnNavigation() {
  const { pathname, key } = useLocation();
  const previous = useRef({ pathname, key });
  useEffect(() => {
    const before = previous.current;
    previous.current = { pathname, key };
    if (before.key === key || window.location.hash) return;
    const main = document.getElementById("main");
    if (before.pathname !== pathname) {
      main?.focus({ preventScroll: true });
      return;
    }
    // Once the page's own effects have run: a form that answered with errors has put the focus on
    // its first field in error, and keeps it there.
    const timer = window.setTimeout(() => {
      const focusLost = !document.activeElement || document.activeElement === document.body;
      if (focusLost && !document.querySelector('[aria-invalid="true"]')) main?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [pathname, key]);
}

/**
 * Escape closes an open menu (a <details data-menu>, such as the account menu) that holds the
 * focus, and puts the focus back on its summary: a keyboard user is never left inside it.
 */
function useEscapeClosesMenus() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !(event.target instanceof Element)) return;
      const menu = event.target.closest("details[data-menu][open]");
      if (!(menu instanceof HTMLDetailsElement)) return;
      menu.open = false;
      menu.querySelector("summary")?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}

export function ErrorBoundary() {
  return <StatusErrorBoundary />;
}
