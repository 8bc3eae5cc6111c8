/** A positive whole-number option such as `--turns 10` from the command line, or the fallback. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number.parseInt(args[i + 1] ?? '', 10) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
