// Adds up the results of `npm test` into one closing line: "N passed, N failed".
// Arguments name the steps that failed; a step that failed without reporting tests counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;

// Checks that report no tests leave a marker file when they pass: each counts as one test.
for (const check of ["typecheck", "lint", "format"]) {
  if (existsSync(`reports/${check}`)) passed += 1;
  else failed += 1;
}

// Unit and end-to-end tests run on SQLite and again on PostgreSQL: both runs count.
for (const [file, step] of [
  ["reports/unit.json", "unit tests"],
  ["reports/unit-postgres.json", "unit tests on PostgreSQL"],
]) {
  if (existsSync(file)) {
    const unit = JSON.parse(readFileSync(file, "utf8"));
    passed += unit.numPassedTests;
    failed += unit.numFailedTests + (unit.numFailedTestSuites ?? 0);
  } else if (failedSteps.includes(step)) failed += 1;
}

for (const [file, step] of [
  ["reports/e2e.json", "end-to-end tests"],
  ["reports/e2e-postgres.json", "end-to-end tests on PostgreSQL"],
]) {
  if (existsSync(file)) {
    const { stats } = JSON.parse(readFileSync(file, "utf8"));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    if (failedSteps.includes(step) && stats.unexpected === 0) failed += 1;
  } else if (failedSteps.includes(step) || (step === "end-to-end tests" && failedSteps.includes("build"))) failed += 1;
}
if (failedSteps.includes("PostgreSQL missing")) failed += 1;

if (failedSteps.length) console.log(`Failed: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
