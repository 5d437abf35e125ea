import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A button that downloads a file made on a POST (downloads are recorded, and a GET never writes).
 * A plain form post, with or without JavaScript: the answer is a file the browser saves.
 */
export function DownloadButton({
  action,
  className = "btn-secondary",
  children,
}: {
  action: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={action} reloadDocument className="inline">
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}
