#!/usr/bin/env bash
# Fuzz for SECONDS (default 600), restarting after each crash so that one bug does not end the
# run. Crashes land in WORKDIR/artifacts/crash-*; the corpus grows in WORKDIR/corpus.
# Usage: fuzz/run.sh [SECONDS] [WORKDIR]      (see fuzz/README.md)
# FUZZ_ARGS adds libFuzzer options, for example FUZZ_ARGS=-len_control=0 (long inputs at once).
set -u
total=${1:-600}
work=${2:-fuzz/work}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/corpus" "$work/artifacts"
end=$((SECONDS + total))
execs=0
rounds=0
while ((SECONDS < end - 5)); do
  rounds=$((rounds + 1))
  log="$work/round-$rounds.log"
  python "$here/fuzz_adapters.py" "$work/corpus" -dict="$here/markup.dict" -max_len=4100 \
    -timeout=20 -rss_limit_mb=4096 -max_total_time=$((end - SECONDS)) -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" ${FUZZ_ARGS:-} >"$log" 2>&1
  # Executions: the final stats line when libFuzzer printed it, else the last "#N" status line.
  n=$(grep -oE '^stat::number_of_executed_units: [0-9]+' "$log" | awk '{print $2}' | tail -1)
  if [[ -z "$n" ]]; then
    n=$(grep -oE '^#[0-9]+' "$log" | tr -d '#' | sort -n | tail -1)
  fi
  execs=$((execs + ${n:-0}))
  grep -E "known crash" "$log" | tail -2
  if grep -qE "Test unit written to" "$log"; then
    grep -E "^[A-Za-z]*Error|Test unit written to" "$log" | tail -2
  fi
done
crashes=$(find "$work/artifacts" -name 'crash-*' | wc -l)
echo "fuzzed $total s in $rounds round(s): $execs executions, $crashes crash file(s) in $work/artifacts"
