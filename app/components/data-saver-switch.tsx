import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";
import { paths } from "~/paths";

await needMessages("common");

const STATE = "\u0001";

/**
 * Turns data-saver mode on or off: pages without JavaScript and without decorative images. For a
 * signed-out visitor the choice is kept in a cookie, for a signed-in person in their account. The
 * form reloads the page, so the next page already comes in the chosen mode. Its words are the
 * layout's (`common:dataSaver`), since it is part of every page's footer.
 */
export function DataSaverSwitch({ state }: { state: { on: boolean; browser: boolean; chosen: boolean } }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (state.browser) return <p data-testid="data-saver-state">{t("dataSaver.browser")}</p>;
  // The sentence around its state word, which is shown in bold. Not with react-i18next's <Trans>:
  // this switch is on every page, and <Trans> (with its markup parser) would weigh on every visit.
  const [before, after = ""] = t("dataSaver.state", { state: STATE }).split(STATE);
  return (
    <Form method="post" action={paths.dataSaver()} reloadDocument className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="dataSaver" value={state.chosen ? "off" : "on"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span data-testid="data-saver-state">
        {before}
        <strong>{t(state.chosen ? "dataSaver.on" : "dataSaver.off")}</strong>
        {after}
      </span>
      <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
        {state.chosen ? t("dataSaver.turnOff") : t("dataSaver.turnOn")}
      </button>
    </Form>
  );
}
