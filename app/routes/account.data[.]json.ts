import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { downloadByButtonOnly } from "~/http/downloads.server";
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

export const loader = (args: LoaderFunctionArgs) => downloadByButtonOnly(args, "account");
