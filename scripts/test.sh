#!/usr/bin/env bash
# `npm test`: type check, lint, format check, unit tests on SQLite and on PostgreSQL, production
# build, end-to-end tests on SQLite and on PostgreSQL, the fault test on both; ends with "N passed, N failed" (both counted).
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

# PostgreSQL runs need its programs (Debian: apt-get install -y postgresql; .ci/run installs them).
postgres=yes
if [ ! -x "${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" ]; then
  postgres=no
  echo "PostgreSQL's programs are missing (${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}): the PostgreSQL runs are skipped."
  [ -n "${REQUIRE_POSTGRES:-}" ] && failed_steps+=("PostgreSQL missing")
fi

echo "== Unit tests (SQLite)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || failed_steps+=("unit tests")

if [ "$postgres" = yes ]; then
  echo "== Unit tests (PostgreSQL)"
  TEST_DATABASE=postgres npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit-postgres.json ||
    failed_steps+=("unit tests on PostgreSQL")
fi

echo "== Production build"
if npm run build; then
  echo "== End-to-end tests (SQLite)"
  TEST_DATABASE=sqlite npx playwright test || failed_steps+=("end-to-end tests")
  if [ "$postgres" = yes ]; then
    echo "== End-to-end tests (PostgreSQL, two app servers)"
    TEST_DATABASE=postgres npx playwright test || failed_steps+=("end-to-end tests on PostgreSQL")
  fi
  echo "== Fault test (SIGKILL under load, SQLite and PostgreSQL)"
  FAULT_REPORT=reports/faults.json npx tsx scripts/fault-test.ts || failed_steps+=("fault test")
else
  failed_steps+=("build")
fi

node scripts/lib/summarise-tests.mjs "${failed_steps[@]}"
