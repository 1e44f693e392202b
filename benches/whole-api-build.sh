#!/usr/bin/env bash
# Clean debug builds, back to back in one run, of the whole-API stripe-client crate and of its
# peer, async-stripe 1.0.0-rc.10 with every resource crate at `full` and `deserialize`
# (benches/whole-api-peer). For each: the wall time of `cargo build` with all dependencies in an
# empty target directory and the CPU time; for stripe-client also its own share (a rebuild of the
# crate alone, with its dependencies built). BENCHMARKS.md records the results.
#
# Usage: benches/whole-api-build.sh [<scratch checkout>]
# The scratch checkout (default: target/whole-api) is the one `cargo xtask whole-api
# <spec3.json>` prepares: run that first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$root/target/whole-api}
[[ -f $scratch/generated/Cargo.toml ]] || {
  echo "no whole-API crate in $scratch: run \`cargo xtask whole-api <spec3.json>\` first" >&2
  exit 2
}
export CARGO_INCREMENTAL=0

# measure <name> <dir> <file to touch for the own share, or -> <cargo build args...>
measure() {
  local name=$1 dir=$2 own=$3
  shift 3
  local target
  target=$(mktemp -d)
  echo "== $name: clean build (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$dir" && CARGO_TARGET_DIR=$target /usr/bin/time -f "$name clean: %e s wall, %U s user, %S s sys" \
    cargo build --quiet "$@")
  if [[ $own != - ]]; then
    touch "$own"
    (cd "$dir" && CARGO_TARGET_DIR=$target /usr/bin/time -f "$name own share: %e s wall, %U s user, %S s sys" \
      cargo build --quiet "$@")
  fi
  rm -rf "$target"
}

shopt -s globstar
lines=$(cat "$scratch"/generated/src/generated/**/*.rs | wc -l)
echo "stripe-client (whole API): $lines generated lines"
measure "stripe-client (whole API)" "$scratch" "$scratch/generated/src/lib.rs" -p stripe-client --lib
# The peer's own share is its 11 generated crates, which a touch does not rebuild.
measure "async-stripe 1.0.0-rc.10 (full)" "$root/benches/whole-api-peer" - --lib
