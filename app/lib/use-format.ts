// Formatting in the page's language, for components: const format = useFormat(); format.date(d).
import { useTranslation } from "react-i18next";
import { formatDate, formatMinutes, formatNumber, formatPercent } from "./format";

export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    date: (date: Date | string, style: "long" | "medium" = "long") => formatDate(date, style, language),
    minutes: (minutes: number) => formatMinutes(minutes, language),
    number: (value: number, digits = 0) => formatNumber(value, language, digits),
    percent: (value: number, digits = 0) => formatPercent(value, digits, language),
  };
}
