import { useFormat } from "~/lib/use-format";

/** A progress bar (it fills from the start side of the line) with its percentage; `label` names it. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const format = useFormat();
  return (
    <div className="flex items-center gap-3">
      <progress className="progress h-2 w-full" value={percent} max={100} aria-label={label} />
      <span className="shrink-0 text-sm font-semibold tabular-nums">{format.percent(percent)}</span>
    </div>
  );
}
