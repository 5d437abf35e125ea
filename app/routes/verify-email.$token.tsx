// Confirming an e-mail address. Opening the link only shows a page with a button; the address is
// confirmed when the button is pressed (a POST). A GET never writes: mail scanners and link
// previews open links in e-mails on their own, and must not confirm an address (or switch an
// account to a new one) on the reader's behalf.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { confirmEmail, verifyTokenState } from "~/auth/account-email.server";
import { getUser } from "~/auth/auth.server";
import { TokenProblem, tokenProblemStatus } from "~/components/token-problem";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("account");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const NO_STORE = { "Cache-Control": "no-store" };

// The link itself is the proof: no sign-in is needed (it may be opened on another device).
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "account");
  const title = pageTitle(t("verifyEmail.title"));
  const state = await verifyTokenState(params.token ?? "");
  if (state.status !== "valid")
    return data(
      { title, problem: state.status, email: null },
      { status: tokenProblemStatus(state.status), headers: NO_STORE },
    );
  return data({ title, problem: null, email: state.token.email }, { headers: NO_STORE });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const outcome = await confirmEmail(params.token ?? "");
  const signedIn = Boolean(getUser(context));
  if (!outcome.ok)
    return data({ problem: outcome.state, confirmed: null, signedIn }, tokenProblemStatus(outcome.state));
  return data({ problem: null, confirmed: outcome.email, signedIn }, 200);
}

export default function VerifyEmail() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useIsPending();
  const { t } = useTranslation("account");
  if (actionData?.confirmed)
    return (
      <div className="mx-auto max-w-md">
        <h1 className="text-3xl font-bold">{t("verifyEmail.confirmed")}</h1>
        <p role="status" className="mt-4">
          {t("verifyEmail.confirmedText", { email: actionData.confirmed })}
        </p>
        <p className="mt-8">
          <Link to={actionData.signedIn ? paths.account() : paths.logIn(paths.account())} className="btn-primary">
            {actionData.signedIn ? t("verifyEmail.toAccount") : t("verifyEmail.logIn")}
          </Link>
        </p>
      </div>
    );
  const problem = actionData?.problem ?? loaderData.problem;
  if (problem)
    return (
      <TokenProblem problem={problem} what={t("verifyEmail.linkName")}>
        <Link to={paths.account()} className="btn-primary">
          {t("verifyEmail.askAgain")}
        </Link>
      </TokenProblem>
    );
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("verifyEmail.title")}</h1>
      <p className="mt-4">
        <Trans
          t={t}
          i18nKey="verifyEmail.intro"
          values={{ email: loaderData.email }}
          components={{ strong: <strong /> }}
        />
      </p>
      <Form method="post" className="mt-6">
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? t("verifyEmail.submitting") : t("verifyEmail.submit")}
        </button>
      </Form>
    </div>
  );
}
