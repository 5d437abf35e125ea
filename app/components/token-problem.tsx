// The page shown for an e-mailed link that cannot be used: unknown, expired, used, or (for a change
// of address) an address another account took meanwhile.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";

await needMessages("components");

export type TokenProblemKind = "unknown" | "expired" | "used" | "taken";

/** 404 for a link that never existed, 410 for one that did but is spent, 409 for a taken address. */
export function tokenProblemStatus(problem: TokenProblemKind): number {
  return problem === "unknown" ? 404 : problem === "taken" ? 409 : 410;
}

/**
 * `what` names the link in the page's language, as the messages `components:tokenProblem.*.text`
 * place it: "confirmation link" (English), "lien de confirmation" (French, after "ce"/"chaque"),
 * "رابط التأكيد" (Arabic, a definite phrase: "لا نعرف رابط التأكيد هذا").
 */
export function TokenProblem({
  problem,
  what,
  children,
}: {
  problem: TokenProblemKind;
  what: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("components");
  const title = t(`tokenProblem.${problem}.title`);
  const text = t(`tokenProblem.${problem}.text`, { what });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="mt-4">{text}</p>
      <p className="mt-8">{children}</p>
    </div>
  );
}
