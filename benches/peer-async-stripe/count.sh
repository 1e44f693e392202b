#!/usr/bin/env bash
# Instructions (callgrind) to decode each body with each decoder (per decode, of three in a row), and their ratios: the
# repeatable companion of `cargo bench` on a shared machine. Needs valgrind.
# Usage: benches/peer-async-stripe/count.sh   (from anywhere; builds the bench first)
set -euo pipefail
cd "$(dirname "$0")"
bench=$(cargo bench --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*decode-[^"]*"' | head -1 | cut -d'"' -f4)
count() {
  DECODE_ONCE="$1/$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect="decode::$3" "$bench" 2>&1 | grep -oE 'Collected : [0-9]+' | awk '{print $3}'
}
printf '%-28s %12s %12s %12s %12s %8s %8s %8s\n' body floor ours ours_serde async_stripe \
  ours/flr peer/flr peer/ours
for body in accounts_pretty accounts_compact financial_accounts_pretty financial_accounts_compact; do
  floor=$(count "$body" ignored_any floor)
  ours=$(count "$body" ours ours)
  serde=$(count "$body" ours_serde_json ours_serde_json)
  peer=$(count "$body" async_stripe peer)
  awk -v b="$body" -v f="$floor" -v o="$ours" -v s="$serde" -v p="$peer" 'BEGIN {
    printf "%-28s %12d %12d %12d %12d %8.2f %8.2f %8.2f\n", b, f/3, o/3, s/3, p/3, o/f, p/f, p/o }'
done
