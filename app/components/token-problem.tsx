// The page shown for an e-mailed link that cannot be used: unknown, expired, used, or (for a change
// of address) an address another account took meanwhile.
import type { ReactNode } from "react";

export type TokenProblemKind = "unknown" | "expired" | "used" | "taken";

/** 404 for a link that never existed, 410 for one that did but is spent, 409 for a taken address. */
export function tokenProblemStatus(problem: TokenProblemKind): number {
  return problem === "unknown" ? 404 : problem === "taken" ? 409 : 410;
}

export function TokenProblem({
  problem,
  what,
  children,
}: {
  problem: TokenProblemKind;
  what: string;
  children: ReactNode;
}) {
  const { title, text } = {
    unknown: {
      title: "This link does not work",
      text: `We do not know this ${what}. Check that the whole link was copied from the e-mail.`,
    },
    expired: { title: "This link has expired", text: `This ${what} is too old to use.` },
    used: {
      title: "This link was already used",
      text: `Each ${what} works once, and a newer link replaces the older ones.`,
    },
    taken: {
      title: "This address is taken",
      text: "Another account started using this e-mail address meanwhile, so it cannot become yours.",
    },
  }[problem];
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="mt-4">{text}</p>
      <p className="mt-8">{children}</p>
    </div>
  );
}
