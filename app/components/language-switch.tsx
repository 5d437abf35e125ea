import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "~/i18n/config";
import { needMessages } from "~/i18n/messages";
import { paths } from "~/paths";

await needMessages("common");

/**
 * Chooses the interface language. The form reloads the page, which then comes in the chosen
 * language and direction; it works without JavaScript. Each language is named in itself.
 */
export function LanguageSwitch({ current }: { current: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action={paths.language()} reloadDocument className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-switch">{t("language.label")}</label>
      <select
        id="language-switch"
        name="language"
        defaultValue={current}
        className="min-h-6 rounded-md border border-slate-500 bg-white px-2 py-0.5 text-slate-900 dark:border-slate-400 dark:bg-slate-900 dark:text-slate-100"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
        {t("language.change")}
      </button>
    </Form>
  );
}
