#!/usr/bin/env bash
# The archive batch check: a batch killed with kill -9 midway and run again
# ends with the same outputs as a batch never interrupted; every good file has
# a record and every hostile file a row in the errors table.
#
#   bash scripts/kill_resume_check.sh CONVENIOS_DIR [WORK_DIR]
#
# CONVENIOS_DIR holds good convenio PDFs, for instance
#   .venv/bin/python -m samples.generator --split bench --digital 500 --scanned 20 --out /tmp/big
# The script copies them to WORK_DIR/in, adds 5 % hostile files
# (scripts/make_hostile_files.py), then runs `convenios extract` three times:
# uninterrupted into WORK_DIR/uninterrupted; into WORK_DIR/resumed, killed
# (the whole process group: batch, workers, fork server) at a random moment
# between 20 % and 80 % of the first run's time; and into WORK_DIR/resumed
# again.  It exits non-zero on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."

source_dir=${1:?usage: kill_resume_check.sh CONVENIOS_DIR [WORK_DIR]}
work=${2:-$(mktemp -d /tmp/kill-resume-XXXX)}
convenios=.venv/bin/convenios
python=.venv/bin/python

rm -rf "$work/in" "$work/uninterrupted" "$work/resumed"
mkdir -p "$work/in"
cp -r "$source_dir"/. "$work/in/"
find "$work/in" -type f ! -name '*.pdf' -delete
good=$(find "$work/in" -name '*.pdf' | wc -l)
hostile=$(( (good * 5 + 94) / 95 ))  # 5 % of the whole batch
"$python" scripts/make_hostile_files.py "$work/in" "$hostile" > "$work/hostiles.txt"
echo "batch: $good good files + $hostile hostile files"

started=$(date +%s.%N)
"$convenios" extract "$work/in" --out "$work/uninterrupted" --quiet 2> "$work/uninterrupted.log" || true
seconds=$(echo "$(date +%s.%N) - $started" | bc)
echo "uninterrupted run: ${seconds} s"

# Job control gives the background batch its own process group, so one
# kill -9 reaches the batch, its worker processes and its fork server.
set -m
"$convenios" extract "$work/in" --out "$work/resumed" --quiet 2> /dev/null &
batch=$!
set +m
pause=$(echo "$seconds * (20 + $RANDOM % 61) / 100" | bc -l)
sleep "$pause"
kill -9 -- "-$batch"
wait "$batch" || true
echo "killed after ${pause%.*} s with $(find "$work/resumed/json" -name '*.json' 2>/dev/null | wc -l) records written"

"$convenios" extract "$work/in" --out "$work/resumed" --quiet 2> "$work/resumed.log" || true

diff -r --exclude=report.json --exclude=.lock "$work/uninterrupted" "$work/resumed"
echo "outputs identical: json/, parquet/, errors.parquet"

"$python" - "$work" "$good" <<'EOF'
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq

work, good = Path(sys.argv[1]), int(sys.argv[2])
hostiles = set(Path(work, "hostiles.txt").read_text().split())
errors = {row["archivo"] for row in pq.read_table(work / "uninterrupted" / "errors.parquet").to_pylist()}
report = json.loads((work / "resumed" / "report.json").read_text())
records = len(list((work / "uninterrupted" / "json").glob("*.json")))
print(f"records: {records} of {good} good files; errors table: {len(errors)} rows for {len(hostiles)} hostile files")
print(f"resumed run: {report['skipped_unchanged']} skipped as already extracted, {report['extracted']} extracted")
assert records == good, "every good file must have its record"
assert errors == hostiles, f"errors table and hostile files differ: {sorted(errors ^ hostiles)[:5]}"
EOF
echo "check passed"
