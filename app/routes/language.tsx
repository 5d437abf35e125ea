// The language switcher in the site footer posts here: the choice is kept in a cookie, and in the
// account of a signed-in person, then the same page opens again in that language.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "~/auth/auth.server";
import { badRequest } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { isLanguage } from "~/i18n/config";
import { chooseLanguage, languageFor, translator } from "~/i18n/i18n.server";
import { paths } from "~/paths";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm({ request, context });
  const language = form.get("language");
  const user = getUser(context);
  if (!isLanguage(language)) badRequest(translator(await languageFor(request, user))("language.invalid"));
  const setCookie = await chooseLanguage(user, language);
  throw redirect(safeRedirect(form.get("redirectTo"), paths.home()), { headers: { "Set-Cookie": setCookie } });
}

export async function loader() {
  return redirect(paths.home());
}
