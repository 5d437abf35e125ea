import { formatPercent } from "~/lib/format";
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="flex items-center gap-3">
      <progress className="progress h-2 w-full" value={percent} max={100} aria-label={label} />
      <span className="shrink-0 text-sm font-semibold tabular-nums">{formatPercent(percent)}</span>
    </div>
  );
}
