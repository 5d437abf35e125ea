// Adds up the results of `npm test` into one closing line: "N passed, N failed".
// Arguments name the steps that failed; a step that failed without reporting tests counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;
// The names of failed tests are printed again at the end, where a truncated log still shows them.
const failures = [];

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
    failed += unit.numFailedTests;
    for (const suite of unit.testResults ?? []) {
      const broken = (suite.assertionResults ?? []).filter((test) => test.status === "failed");
      // A file that failed without a failed test (it did not load, or a hook failed) counts as one failure.
      if (suite.status === "failed" && broken.length === 0) {
        failed += 1;
        failures.push(
          `${step}: ${suite.name}: ${String(suite.message ?? "")
            .split("\n")[0]
            .slice(0, 300)}`,
        );
      }
      for (const test of broken) {
        const reason = String(test.failureMessages?.[0] ?? "")
          .split("\n")[0]
          .slice(0, 300);
        failures.push(`${step}: ${suite.name} › ${test.fullName}: ${reason}`);
      }
    }
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
    collectE2eFailures(JSON.parse(readFileSync(file, "utf8")).suites ?? [], step);
    if (failedSteps.includes(step) && stats.unexpected === 0) failed += 1;
  } else if (failedSteps.includes(step) || (step === "end-to-end tests" && failedSteps.includes("build"))) failed += 1;
}
// The fault test: one run per database, each counted as one test.
if (existsSync("reports/faults.json")) {
  const { runs } = JSON.parse(readFileSync("reports/faults.json", "utf8"));
  for (const run of runs) {
    if (run.problems.length === 0) passed += 1;
    else {
      failed += 1;
      failures.push(`fault test on ${run.database}: ${run.problems.slice(0, 3).join("; ").slice(0, 300)}`);
    }
  }
  if (failedSteps.includes("fault test") && runs.every((run) => run.problems.length === 0)) failed += 1;
} else if (failedSteps.includes("fault test")) failed += 1;
if (failedSteps.includes("PostgreSQL missing")) failed += 1;

for (const line of failures) console.log(`✗ ${line}`);
if (failedSteps.length) console.log(`Failed: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);

function collectE2eFailures(suites, step, titles = []) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.at(-1)?.error?.message ?? "";
        failures.push(`${step}: ${[...path, spec.title].join(" › ")}: ${String(error).split("\n")[0].slice(0, 300)}`);
      }
    }
    collectE2eFailures(suite.suites ?? [], step, path);
  }
}
