import { useNavigation } from "@remix-run/react";

/** True while this page's form is being submitted (for a busy label on its button). */
export function useIsPending(): boolean {
  return useNavigation().state === "submitting";
}
