import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";

/**
 * Whether this page is served in data-saver mode (decided by app/http/data-saver.server.ts and passed
 * on by the root loader): components leave out decorative images then.
 */
export function useDataSaver(): boolean {
  return useRouteLoaderData<typeof loader>("root")?.dataSaver.on ?? false;
}
