// Every e-mail the academy sends has the same shape: a greeting, a few paragraphs, at most one
// action (a link), and a footer naming the academy and, where it applies, how to stop such mail.
// Plain text and HTML are made from the same parts; the HTML escapes everything it is given.
// Each message is written in its recipient's language (`mailTranslator`), its HTML marked with it.
import type { TFunction } from "i18next";
import { directionOf, isLanguage, DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import { translator } from "~/i18n/translator.server";
import { SITE_NAME } from "~/site";
import type { Email } from "./outbox.server";

/**
 * The language a message to a person is written in: their account's choice, else the language of the
 * request that caused the message (the page they were on), else the default.
 */
export function mailLanguage(chosen: string | null | undefined, requested?: string | null): Language {
  if (isLanguage(chosen)) return chosen;
  return isLanguage(requested) ? requested : DEFAULT_LANGUAGE;
}

/** The words of e-mails (the "mail" messages) in a language. */
export const mailTranslator = (language: Language): TFunction => translator(language, "mail");

export type EmailParts = {
  /** The language the parts are written in. */
  language: Language;
  to: string;
  subject: string;
  /** The recipient's name, for the greeting; omitted when unknown. */
  name?: string | null;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown after the action, e.g. how long the link stays valid. */
  after?: string[];
  /** Where to turn off this kind of mail (for reminders, not for account messages). */
  settingsUrl?: string;
};

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function composeEmail(parts: EmailParts): Email {
  const t = mailTranslator(parts.language);
  const greeting = parts.name ? t("greeting", { name: parts.name }) : t("greetingNoName");
  const after = parts.after ?? [];
  const footer = parts.settingsUrl
    ? t("footerReminders", { site: SITE_NAME, url: parts.settingsUrl })
    : t("footer", { site: SITE_NAME });
  const text = [
    greeting,
    ...parts.paragraphs,
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`] : []),
    ...after,
    "—",
    footer,
  ].join("\n\n");
  const p = (s: string) => `<p style="margin:0 0 16px">${escape(s)}</p>`;
  const footerHtml = parts.settingsUrl
    ? escape(t("footerRemindersHtml", { site: SITE_NAME })).replace(
        /&lt;a&gt;(.*?)&lt;\/a&gt;/,
        (_, label: string) => `<a href="${escape(parts.settingsUrl!)}">${label}</a>`,
      )
    : escape(t("footer", { site: SITE_NAME }));
  const html = [
    `<!doctype html><html lang="${parts.language}" dir="${directionOf(parts.language)}"><head><meta charset="utf-8"><title>${escape(parts.subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a2e1f;max-width:560px;margin:0 auto;padding:24px">`,
    p(greeting),
    ...parts.paragraphs.map(p),
    parts.action
      ? `<p style="margin:24px 0"><a href="${escape(parts.action.url)}" style="background:#1f6f3f;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escape(parts.action.label)}</a></p><p style="margin:0 0 16px;font-size:14px;color:#4a5a4f" dir="ltr">${escape(parts.action.url)}</p>`
      : "",
    ...after.map(p),
    `<hr style="border:none;border-top:1px solid #d6e0d9;margin:24px 0"><p style="font-size:13px;color:#4a5a4f;margin:0">`,
    footerHtml,
    `</p></body></html>`,
  ].join("");
  return { to: parts.to, subject: `${parts.subject} · ${SITE_NAME}`, text, html };
}
