import { useId, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";

await needMessages("components");

const noSubscription = () => () => {};

/**
 * An address to share: a labelled read-only field (one line, never broken mid-address; select it
 * and copy it without JavaScript) and, once JavaScript runs, a "Copy link" button.
 */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation("components");
  const id = useId();
  // False on the server and until hydration; then whether this browser can copy.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => Boolean(navigator.clipboard),
    () => false,
  );
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2 sm:flex-nowrap">
        <input
          id={id}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="field-input mt-0 min-w-0 flex-1 font-mono text-sm"
          spellCheck={false}
        />
        {enhanced && (
          <button type="button" className="btn-secondary shrink-0" onClick={copy}>
            {t("copyLink.copy")}
          </button>
        )}
      </div>
      <p role="status" className="mt-1 min-h-5 text-sm muted">
        {copied === "yes" ? t("copyLink.copied") : copied === "no" ? t("copyLink.failed") : ""}
      </p>
    </div>
  );
}
