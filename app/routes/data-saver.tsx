// The data-saver switch in the site footer posts here: anyone may turn the mode on or off for
// themselves (signed in: their account's setting; signed out: a cookie), then goes back to the page.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "~/auth/auth.server";
import { chooseDataSaver } from "~/http/data-saver.server";
import { readForm } from "~/http/form.server";
import { paths } from "~/paths";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm({ request, context });
  const setCookie = await chooseDataSaver(
    getUser(context),
    form.get("dataSaver") === "on",
    request.headers.get("Cookie"),
  );
  throw redirect(safeRedirect(form.get("redirectTo"), paths.home()), {
    headers: setCookie ? { "Set-Cookie": setCookie } : undefined,
  });
}

export async function loader() {
  return redirect(paths.home());
}
