import { Form, useLocation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { paths } from "~/paths";

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
  return (
    <Form method="post" action={paths.dataSaver()} reloadDocument className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="dataSaver" value={state.chosen ? "off" : "on"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span data-testid="data-saver-state">
        <Trans
          t={t}
          i18nKey={state.chosen ? "dataSaver.state_on" : "dataSaver.state_off"}
          components={{ strong: <strong /> }}
        />
      </span>
      <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
        {state.chosen ? t("dataSaver.turnOff") : t("dataSaver.turnOn")}
      </button>
    </Form>
  );
}
