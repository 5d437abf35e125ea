#!/usr/bin/env bash
# `npm test`: type check, lint, format check, unit tests, production build, end-to-end tests;
# ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
rm -rf reports && mkdir -p reports
failed_steps=()

echo "== Type check"
npx tsc --noEmit && echo ok > reports/typecheck || failed_steps+=("type check")

echo "== Lint"
npm run --silent lint && echo ok > reports/lint || failed_steps+=("lint")

echo "== Format check"
npm run --silent format:check && echo ok > reports/format || failed_steps+=("format check")

echo "== Unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || failed_steps+=("unit tests")

echo "== Production build"
if npm run build; then
  echo "== End-to-end tests"
  npx playwright test || failed_steps+=("end-to-end tests")
else
  failed_steps+=("build")
fi

node scripts/lib/summarise-tests.mjs "${failed_steps[@]}"
