import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRole, type Role } from "~/auth/auth.server";
import { recentRoleChanges, roleHistory, searchUsers, setRole, type RoleChangeEntry } from "~/auth/roles.server";
import { ScrollRegion } from "~/components/scroll-region";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { formattingLocale } from "~/i18n/config";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("admin");

/** Trans options for values that are text (names), never markup. */
const AS_TEXT = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.title ?? "Users", data?.section ?? "Admin") },
];

const INTENTS = {
  "grant-instructor": { role: "instructor", granted: true },
  "remove-instructor": { role: "instructor", granted: false },
  "grant-admin": { role: "admin", granted: true },
  "remove-admin": { role: "admin", granted: false },
} as const satisfies Record<string, { role: Role; granted: boolean }>;

const roleChangeSchema = (t: TFunction) =>
  z.object({
    userId: z
      .string({ required_error: t("users.errors.chooseUser") })
      .trim()
      .min(1)
      .max(100, t("users.errors.notUserId")),
    intent: z.enum(Object.keys(INTENTS) as [keyof typeof INTENTS, ...(keyof typeof INTENTS)[]], {
      errorMap: () => ({ message: t("users.errors.chooseIntent") }),
    }),
  });

const SearchSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  history: z.string().trim().max(100).optional().catch(undefined),
});

const changeData = (c: RoleChangeEntry) => ({ ...c, createdAt: c.createdAt.toISOString() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const { t } = await requestTranslator({ request, context }, "admin");
  const params = new URL(request.url).searchParams;
  const { q, page, history } = SearchSchema.parse({
    q: params.get("q") ?? "",
    page: params.get("page") ?? 1,
    history: params.get("history") ?? undefined,
  });
  const [found, recent, historyRows] = await Promise.all([
    searchUsers(db, q, { page }),
    recentRoleChanges(db),
    history ? roleHistory(db, history) : Promise.resolve(null),
  ]);
  const historyUser = history
    ? await db.user.findUnique({ where: { id: history }, select: { id: true, name: true } })
    : null;
  return {
    title: t("users.title"),
    section: t("section"),
    q,
    ...found,
    users: found.users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
    recent: recent.map(changeData),
    history: historyUser && historyRows ? { user: historyUser, changes: historyRows.map(changeData) } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const { t } = await requestTranslator({ request, context }, "admin");
  const submission = parseWithZod(await readForm({ request, context }), { schema: roleChangeSchema(t) });
  if (submission.status !== "success") {
    const userId = submission.payload.userId;
    return data({ userId: typeof userId === "string" ? userId : null, result: submission.reply(), done: null }, 400);
  }
  const { userId, intent } = submission.value;
  const outcome = await setRole(db, { actorId: admin.id, userId, ...INTENTS[intent], ip: context.clientIp });
  if (!outcome.ok)
    return data(
      { userId, result: submission.reply({ formErrors: [say(t, outcome.refusal.problem)] }), done: null },
      400,
    );
  const change = outcome.change;
  const done = t(`users.done.${change.granted ? "granted" : "removed"}.${change.role}`, {
    name: change.user?.name ?? t("audit.deletedAccount"),
  });
  return data({ userId, result: submission.reply(), done }, 200);
}

// A time of day in UTC, 24-hour: "14:05". One formatter per language, made once.
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeOfDay(iso: string, language: string) {
  let format = timeFormats.get(language);
  if (!format) {
    const locale = language === "en" ? "en-GB" : formattingLocale(language);
    format = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
    timeFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;
type UserData = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

export default function AdminUsers() {
  const { q, users, total, page, pageCount, recent, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  const pageLink = (p: number) => paths.adminUsers({ q, page: p > 1 ? String(p) : null });
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("users.heading")}</h1>
      <p className="mt-2 muted">{t("users.intro")}</p>

      <Form
        method="get"
        role="search"
        aria-label={t("users.search.landmark")}
        className="mt-6 flex max-w-xl flex-wrap items-end gap-3"
      >
        <div className="min-w-0 flex-1">
          <label htmlFor="user-search" className="field-label">
            {t("users.search.label")}
          </label>
          <input id="user-search" name="q" type="search" defaultValue={q} maxLength={200} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">
          {t("users.search.submit")}
        </button>
      </Form>

      {actionData?.done && (
        <p role="status" className="mt-4 font-medium">
          {actionData.done}
        </p>
      )}

      <h2 className="mt-8 text-xl font-semibold">
        {q ? t("users.matching", { query: q }) : t("users.all")}{" "}
        <span className="text-base font-normal muted">({format.number(total)})</span>
      </h2>
      <ScrollRegion label={q ? t("users.matching", { query: q }) : t("users.all")} className="mt-3">
        <table className="w-full text-start text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th className="py-2 pe-4">{t("users.table.name")}</th>
              <th className="py-2 pe-4">{t("users.table.email")}</th>
              <th className="py-2 pe-4">{t("users.table.roles")}</th>
              <th className="py-2 pe-4">{t("users.table.joined")}</th>
              <th className="py-2">{t("users.table.change")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} q={q} page={page} actionData={actionData} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {users.length === 0 && <p className="mt-3">{t("users.empty")}</p>}
      {pageCount > 1 && (
        <nav aria-label={t("users.pages.landmark")} className="mt-4 flex items-center gap-4">
          {page > 1 && <Link to={pageLink(page - 1)}>{t("users.pages.previous")}</Link>}
          <span>{t("users.pages.current", { page: format.number(page), pages: format.number(pageCount) })}</span>
          {page < pageCount && <Link to={pageLink(page + 1)}>{t("users.pages.next")}</Link>}
        </nav>
      )}

      {history && (
        <section aria-labelledby="history-heading" className="mt-10">
          <h2 id="history-heading" className="text-xl font-semibold">
            {t("users.roleHistory.heading", { name: history.user.name })}
          </h2>
          <ChangeTable
            changes={history.changes}
            caption={t("users.roleHistory.caption", { name: history.user.name })}
          />
        </section>
      )}

      <section aria-labelledby="recent-heading" className="mt-10">
        <h2 id="recent-heading" className="text-xl font-semibold">
          {t("users.recent.heading")}
        </h2>
        <ChangeTable changes={recent} caption={t("users.recent.caption")} />
      </section>
    </div>
  );
}

function UserRow({ user, q, page, actionData }: { user: UserData; q: string; page: number; actionData: ActionData }) {
  const [form] = useForm({
    id: `roles-${user.id}`,
    lastResult: actionData?.userId === user.id ? actionData.result : undefined,
  });
  const { t } = useTranslation("admin");
  const format = useFormat();
  const roles = t(
    user.isAdmin && user.isInstructor
      ? "users.roles.adminAndInstructor"
      : user.isAdmin
        ? "users.roles.admin"
        : user.isInstructor
          ? "users.roles.instructor"
          : "users.roles.learner",
  );
  const button = (role: Role, has: boolean) => {
    const intent = `${has ? "remove" : "grant"}-${role}`;
    return (
      <button
        key={intent}
        type="submit"
        name="intent"
        value={intent}
        className="btn-secondary px-3 py-1 text-sm"
        aria-describedby={form.errors?.length ? form.errorId : undefined}
      >
        <Trans
          t={t}
          i18nKey={has ? `users.remove.${role}` : `users.grant.${role}`}
          values={{ name: user.name }}
          components={{ sr: <span className="sr-only" /> }}
          {...AS_TEXT}
        />
      </button>
    );
  };
  const buttons = [button("instructor", user.isInstructor), button("admin", user.isAdmin)];
  const joined = format.date(user.createdAt, "medium");
  return (
    <tr className="border-b border-slate-200 align-top dark:border-slate-700">
      <td className="py-2 pe-4">{user.name}</td>
      <td className="py-2 pe-4">{user.email}</td>
      <td className="py-2 pe-4">{roles}</td>
      <td className="py-2 pe-4">{joined}</td>
      <td className="py-2">
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap gap-2">
          <input type="hidden" name="userId" value={user.id} />
          {buttons}
          <Link
            to={paths.adminUsers({ q, page: page > 1 ? String(page) : null, history: user.id })}
            className="self-center text-sm"
          >
            <Trans
              t={t}
              i18nKey="users.history"
              values={{ name: user.name }}
              components={{ sr: <span className="sr-only" /> }}
              {...AS_TEXT}
            />
          </Link>
        </Form>
        {form.errors?.length ? (
          <p id={form.errorId} role="alert" className="field-error">
            {form.errors.join(" ")}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

type ChangeData = ReturnType<typeof useLoaderData<typeof loader>>["recent"][number];

function ChangeTable({ changes, caption }: { changes: ChangeData[]; caption: string }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  if (changes.length === 0) return <p className="mt-3">{t("users.changes.none")}</p>;
  /** "3 Dec 2026, 14:05 UTC" */
  const when = (iso: string) =>
    t("users.changes.at", { date: format.date(iso, "medium"), time: timeOfDay(iso, format.language) });
  const what = (c: ChangeData) => t(`users.changes.${c.granted ? "granted" : "removed"}.${c.role}`);
  return (
    <ScrollRegion label={caption} className="mt-3">
      <table className="w-full text-start text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-600">
            <th className="py-2 pe-4">{t("users.changes.when")}</th>
            <th className="py-2 pe-4">{t("users.changes.who")}</th>
            <th className="py-2 pe-4">{t("users.changes.whom")}</th>
            <th className="py-2">{t("users.changes.what")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id} className="border-b border-slate-200 dark:border-slate-700">
              <td className="py-2 pe-4">
                <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
              </td>
              <td className="py-2 pe-4">{c.changedBy?.name ?? t("audit.deletedAccount")}</td>
              <td className="py-2 pe-4">
                {c.user ? (
                  <>
                    {c.user.name} <span className="muted">({c.user.email})</span>
                  </>
                ) : (
                  t("audit.deletedAccount")
                )}
              </td>
              <td className="py-2">{what(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
