import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "~/i18n/instance";
import { attachMessages, reportUnloaded } from "~/i18n/messages";

// The page says its language (root.tsx sets <html lang>). Its route modules have loaded the
// messages they need (~/i18n/messages) before this runs; they join the instance before hydrating,
// so the first render in the browser matches the server's.
const language = document.documentElement.lang || "en";
const i18n = createI18n(language, {}, { onUnloaded: reportUnloaded });
await attachMessages(i18n);

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
