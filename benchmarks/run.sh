#!/usr/bin/env bash
# Run the gap-profile benchmarks at each size on SQLite and PostgreSQL; one JSON line each.
# Usage: benchmarks/run.sh [sizes...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
[ $# -gt 0 ] || sizes=(1000 10000 100000)
mkdir -p benchmarks/data
PG_ADMIN_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
for staff in "${sizes[@]}"; do
  DATABASE_URL="sqlite:///$PWD/benchmarks/data/bench-$staff.sqlite3" \
    .venv/bin/python benchmarks/measure.py --staff "$staff"
  psql "$PG_ADMIN_URL/postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = 'yoc_bench_$staff'" | grep -q 1 \
    || psql "$PG_ADMIN_URL/postgres" -qc "CREATE DATABASE yoc_bench_$staff"
  DATABASE_URL="$PG_ADMIN_URL/yoc_bench_$staff" \
    .venv/bin/python benchmarks/measure.py --staff "$staff"
done
