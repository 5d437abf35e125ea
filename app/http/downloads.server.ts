// Downloads of personal or course data are made on a POST from a form (each one is recorded in the
// audit log, and a GET never writes). An address typed into the browser gets this answer instead.
import type { AppLoadContext } from "@remix-run/node";
import { requestTranslator } from "~/i18n/i18n.server";

/** 405 with a reason in the reader's language: the file is made by the button on `where`. */
export async function downloadByButtonOnly(
  args: { request: Request; context: AppLoadContext },
  where: "account" | "dashboard" | "course",
): Promise<Response> {
  const { t } = await requestTranslator(args, "common");
  return new Response(t(`downloads.postOnly.${where}`), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
