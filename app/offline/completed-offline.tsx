// On a lesson completed without a connection: it is done on this device, and recorded once the
// connection returns (the lesson page shows this in place of "Mark complete").
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";

await needMessages("offline");

export function CompletedOffline() {
  const { t } = useTranslation("offline");
  return <span className="text-sm font-medium text-emerald-800 dark:text-emerald-300">{t("lesson.queued")}</span>;
}
