import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { exportPersonalData } from "~/privacy/account-data.server";

/**
 * Everything the academy holds about the signed-in person, as a JSON file the browser saves. A
 * POST (from the account page's form), never a GET: each download is recorded in the audit log.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const personal = await exportPersonalData(db, user.id, context.clientIp);
  const day = personal.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(personal, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="green-digital-academy-my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The file is made on request from the account page only (a POST); an address typed in gets a reason. */
export function loader() {
  return new Response("Download your data with the button on your account page (a POST request).", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
