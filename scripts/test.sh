#!/usr/bin/env bash
# `npm test`: type check, unit tests, production build, end-to-end tests; ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
rm -rf reports && mkdir -p reports
failed_steps=()

echo "== Type check"
npx tsc --noEmit && echo ok > reports/typecheck || failed_steps+=("type check")

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
