#!/usr/bin/env bash
# End-to-end timings and peak memory of whole `platform-eval` processes, on the built-in
# catalog and on synthetic catalogs of 100, 1,000 and 10,000 descriptor files; JSON both to
# standard output and with `--output FILE` (streamed into a temporary file, synced, renamed).
# Needs hyperfine and GNU time; installs them with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  if ! command -v "$1" >/dev/null 2>&1 && ! [ -x "$2" ]; then
    echo "installing $1 (apt-get) ..." >&2
    apt-get update -qq && apt-get install -y -qq "$1" >/dev/null
  fi
}
need hyperfine /usr/bin/hyperfine
need time /usr/bin/time

cargo build --profile dist --quiet --bin platform-eval --example synthetic_catalog
bin=target/dist/platform-eval
work=$(mktemp -d)
# Written again by every run: --force replaces the previous run's file.
report="$work/report.json"
trap 'rm -rf "$work"' EXIT
for n in 100 1000 10000; do
  target/dist/examples/synthetic_catalog "$n" "$work/cat-$n"
done

run() { # name, runs, command...
  local out="$work/$1.json" runs=$2
  shift 2
  hyperfine --warmup 2 --runs "$runs" -N --export-json "$out" "$@" >/dev/null 2>&1
  python3 - "$out" "$work" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cmd = r["command"].replace(sys.argv[2] + "/", "").replace("target/dist/", "")
    print(f"| `{cmd}` | {r['median'] * 1000:.1f} | {min(r['times']) * 1000:.1f} | {max(r['times']) * 1000:.1f} |")
PY
}

echo "| command | median (ms) | min (ms) | max (ms) |"
echo "|:---|---:|---:|---:|"
run small 30 \
  "$bin --version" \
  "$bin evaluate" \
  "$bin evaluate --format json" \
  "$bin evaluate $work/cat-1000 --format csv" \
  "$bin evaluate $work/cat-1000 --format json" \
  "$bin evaluate $work/cat-1000 --format json --output $report --force" \
  "$bin evaluate $work/cat-100 --robustness --samples 100000 --format json"
run large 10 \
  "$bin evaluate $work/cat-10000 --format csv" \
  "$bin evaluate $work/cat-10000 --format json" \
  "$bin evaluate $work/cat-10000 --format json --output $report --force" \
  "$bin evaluate $work/cat-1000 --robustness --samples 100000 --format csv"

echo
echo "| command | peak memory (MiB) |"
echo "|:---|---:|"
for args in "evaluate" \
            "evaluate $work/cat-1000 --format csv" \
            "evaluate $work/cat-10000 --format csv" \
            "evaluate $work/cat-10000 --format json" \
            "evaluate $work/cat-1000 --format json --output $report --force" \
            "evaluate $work/cat-10000 --format json --output $report --force" \
            "evaluate $work/cat-100 --robustness --samples 100000 --format json" \
            "evaluate $work/cat-1000 --robustness --samples 100000 --format json"; do
  # shellcheck disable=SC2086
  kib=$(/usr/bin/time -f %M "$bin" $args 2>&1 >/dev/null | tail -n 1)
  echo "| \`platform-eval ${args//$work\//}\` | $(( kib / 1024 )) |"
done
