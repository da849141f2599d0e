/**
 * `npx tsx scripts/coverage-report.ts`: the coverage figures CI prints after the unit + integration run
 * with `--coverage` (vitest.config.ts: V8, lib/ and inngest/, untested files included at 0 %), read
 * from coverage/coverage-summary.json: lines and branches per folder, the files no test loads, and
 * the files with the most uncovered lines (where a test buys the most). Informational: the exit
 * code is 0 unless the summary is missing, or a --min-lib-lines=<pct> given is not met.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

type Metric = { total: number; covered: number; pct: number };
type Entry = { lines: Metric; branches: Metric };

const file = path.resolve("coverage", "coverage-summary.json");
if (!existsSync(file)) {
  console.error(`No coverage summary at ${file}: run vitest with --coverage first.`);
  process.exit(1);
}
const summary = JSON.parse(readFileSync(file, "utf8")) as Record<string, Entry>;
const root = process.cwd() + path.sep;
const files = Object.entries(summary)
  .filter(([k]) => k !== "total")
  .map(([k, v]) => ({ file: k.startsWith(root) ? k.slice(root.length) : k, ...v }));

const pct = (covered: number, total: number) => (total === 0 ? 100 : (100 * covered) / total);
const fmt = (covered: number, total: number) => `${pct(covered, total).toFixed(1).padStart(5)} % (${covered}/${total})`;

console.log("Coverage (V8; unit + integration; untested files count as 0 %)");
const figures: Record<string, number> = {};
for (const folder of ["lib/", "inngest/"]) {
  const inFolder = files.filter((f) => f.file.startsWith(folder));
  const lines = inFolder.reduce((a, f) => ({ c: a.c + f.lines.covered, t: a.t + f.lines.total }), { c: 0, t: 0 });
  const branches = inFolder.reduce((a, f) => ({ c: a.c + f.branches.covered, t: a.t + f.branches.total }), { c: 0, t: 0 });
  figures[folder] = pct(lines.c, lines.t);
  console.log(`  ${folder.padEnd(9)} lines ${fmt(lines.c, lines.t)}   branches ${fmt(branches.c, branches.t)}   ${inFolder.length} files`);
}

const untested = files.filter((f) => f.lines.total > 0 && f.lines.covered === 0).sort((a, b) => b.lines.total - a.lines.total);
console.log(`\nFiles no test loads (${untested.length}):`);
for (const f of untested) console.log(`  ${f.file} (${f.lines.total} lines)`);

const biggest = files
  .map((f) => ({ ...f, uncovered: f.lines.total - f.lines.covered }))
  .filter((f) => f.uncovered > 0 && f.lines.covered > 0)
  .sort((a, b) => b.uncovered - a.uncovered)
  .slice(0, 15);
console.log("\nMost uncovered lines among tested files:");
for (const f of biggest) console.log(`  ${f.file}: ${f.uncovered} of ${f.lines.total} lines uncovered (${f.lines.pct.toFixed(1)} %)`);

const min = process.argv.find((a) => a.startsWith("--min-lib-lines="));
if (min && figures["lib/"]! < Number(min.split("=")[1])) {
  console.error(`\nlib/ line coverage ${figures["lib/"]!.toFixed(1)} % is below ${min.split("=")[1]} %`);
  process.exit(1);
}
