import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole, type Role } from "~/auth/auth.server";
import { recentRoleChanges, roleHistory, searchUsers, setRole, type RoleChangeEntry } from "~/auth/roles.server";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Users", "Admin") }];

const INTENTS = {
  "grant-instructor": { role: "instructor", granted: true },
  "remove-instructor": { role: "instructor", granted: false },
  "grant-admin": { role: "admin", granted: true },
  "remove-admin": { role: "admin", granted: false },
} as const satisfies Record<string, { role: Role; granted: boolean }>;

const RoleChangeSchema = z.object({
  userId: z.string({ required_error: "Choose a user." }).trim().min(1).max(100, "That is not a user ID."),
  intent: z.enum(Object.keys(INTENTS) as [keyof typeof INTENTS, ...(keyof typeof INTENTS)[]], {
    errorMap: () => ({ message: "Choose whether to grant or remove the instructor or admin role." }),
  }),
});

const SearchSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  history: z.string().trim().max(100).optional().catch(undefined),
});

const changeData = (c: RoleChangeEntry) => ({ ...c, createdAt: c.createdAt.toISOString() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireRole(request, context, "admin");
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
    q,
    ...found,
    users: found.users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
    recent: recent.map(changeData),
    history: historyUser && historyRows ? { user: historyUser, changes: historyRows.map(changeData) } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, context, "admin");
  const submission = parseWithZod(await readForm(request), { schema: RoleChangeSchema });
  if (submission.status !== "success") {
    const userId = submission.payload.userId;
    return data({ userId: typeof userId === "string" ? userId : null, result: submission.reply(), done: null }, 400);
  }
  const { userId, intent } = submission.value;
  const outcome = await setRole(db, { actorId: admin.id, userId, ...INTENTS[intent] });
  if (!outcome.ok)
    return data({ userId, result: submission.reply({ formErrors: [outcome.refusal.message] }), done: null }, 400);
  return data({ userId, result: submission.reply(), done: changeMessage(outcome.change) }, 200);
}

function changeMessage(c: Pick<RoleChangeEntry, "role" | "granted" | "user">) {
  return c.granted ? `${c.user.name} is now an ${c.role}.` : `${c.user.name} is no longer an ${c.role}.`;
}

/** "3 Dec 2026, 14:05 UTC" */
function formatWhen(iso: string) {
  const time = new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return `${formatDate(iso, "medium")}, ${time} UTC`;
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;
type UserData = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

export default function AdminUsers() {
  const { q, users, total, page, pageCount, recent, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pageLink = (p: number) => paths.adminUsers({ q, page: p > 1 ? String(p) : null });
  return (
    <div>
      <h1 className="text-3xl font-bold">Users</h1>
      <p className="mt-2 muted">
        Grant or remove the instructor and admin roles. A change takes effect on the person’s next page view and is
        recorded below.
      </p>

      <Form method="get" role="search" aria-label="Users" className="mt-6 flex max-w-xl flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="user-search" className="field-label">
            Name or e-mail
          </label>
          <input id="user-search" name="q" type="search" defaultValue={q} maxLength={200} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">
          Search
        </button>
      </Form>

      {actionData?.done && (
        <p role="status" className="mt-4 font-medium">
          {actionData.done}
        </p>
      )}

      <h2 className="mt-8 text-xl font-semibold">
        {q ? `Users matching “${q}”` : "All users"} <span className="text-base font-normal muted">({total})</span>
      </h2>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th className="py-2 pr-4">Name</th>
              <th className="py-2 pr-4">E-mail</th>
              <th className="py-2 pr-4">Roles</th>
              <th className="py-2 pr-4">Joined</th>
              <th className="py-2">Change roles</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} q={q} page={page} actionData={actionData} />
            ))}
          </tbody>
        </table>
      </div>
      {users.length === 0 && <p className="mt-3">No user matches this search.</p>}
      {pageCount > 1 && (
        <nav aria-label="Pages of users" className="mt-4 flex items-center gap-4">
          {page > 1 && <Link to={pageLink(page - 1)}>Previous page</Link>}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount && <Link to={pageLink(page + 1)}>Next page</Link>}
        </nav>
      )}

      {history && (
        <section aria-labelledby="history-heading" className="mt-10">
          <h2 id="history-heading" className="text-xl font-semibold">
            Role history of {history.user.name}
          </h2>
          <ChangeTable changes={history.changes} caption={`Role changes of ${history.user.name}, newest first`} />
        </section>
      )}

      <section aria-labelledby="recent-heading" className="mt-10">
        <h2 id="recent-heading" className="text-xl font-semibold">
          Recent role changes
        </h2>
        <ChangeTable changes={recent} caption="Recent role changes, newest first" />
      </section>
    </div>
  );
}

function UserRow({ user, q, page, actionData }: { user: UserData; q: string; page: number; actionData: ActionData }) {
  const [form] = useForm({
    id: `roles-${user.id}`,
    lastResult: actionData?.userId === user.id ? actionData.result : undefined,
  });
  const roles = [user.isAdmin && "Admin", user.isInstructor && "Instructor"].filter(Boolean).join(", ") || "Learner";
  const button = (role: Role, has: boolean) => (
    <button
      type="submit"
      name="intent"
      value={`${has ? "remove" : "grant"}-${role}`}
      className="btn-secondary px-3 py-1 text-sm"
      aria-describedby={form.errors?.length ? form.errorId : undefined}
    >
      {has ? `Remove ${role}` : `Grant ${role}`}
      <span className="sr-only">{has ? ` role from ${user.name}` : ` role to ${user.name}`}</span>
    </button>
  );
  return (
    <tr className="border-b border-slate-200 align-top dark:border-slate-700">
      <td className="py-2 pr-4">{user.name}</td>
      <td className="py-2 pr-4">{user.email}</td>
      <td className="py-2 pr-4">{roles}</td>
      <td className="py-2 pr-4">{formatDate(user.createdAt, "medium")}</td>
      <td className="py-2">
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap gap-2">
          <input type="hidden" name="userId" value={user.id} />
          {button("instructor", user.isInstructor)}
          {button("admin", user.isAdmin)}
          <Link
            to={paths.adminUsers({ q, page: page > 1 ? String(page) : null, history: user.id })}
            className="self-center text-sm"
          >
            History<span className="sr-only"> of {user.name}</span>
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
  if (changes.length === 0) return <p className="mt-3">No role changes yet.</p>;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-600">
            <th className="py-2 pr-4">When</th>
            <th className="py-2 pr-4">Who</th>
            <th className="py-2 pr-4">Whom</th>
            <th className="py-2">What</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id} className="border-b border-slate-200 dark:border-slate-700">
              <td className="py-2 pr-4">
                <time dateTime={c.createdAt}>{formatWhen(c.createdAt)}</time>
              </td>
              <td className="py-2 pr-4">{c.changedBy.name}</td>
              <td className="py-2 pr-4">
                {c.user.name} <span className="muted">({c.user.email})</span>
              </td>
              <td className="py-2">{c.granted ? `Granted ${c.role}` : `Removed ${c.role}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
