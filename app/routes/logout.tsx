import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/auth.server";

export async function action({ context }: ActionFunctionArgs) {
  throw redirect("/", { headers: { "Set-Cookie": await endSession(context.auth.session?.id) } });
}

export async function loader() {
  return redirect("/");
}
