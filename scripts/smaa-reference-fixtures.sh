#!/usr/bin/env bash
# Writes tests/fixtures/smaa/*.json: SMAA results of the checked-out implementation on the
# built-in catalog and on a 100-platform synthetic catalog, with the matrix each run used. The
# agreement test in src/analysis/agreement.rs compares the current implementation with them.
# Run it only to record a new reference, and say in tests/fixtures/smaa/README.md which commit
# produced the files.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --profile dist --quiet --bin platform-eval --example synthetic_catalog
bin=target/dist/platform-eval
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/dist/examples/synthetic_catalog 100 "$work/synthetic-100"
out=tests/fixtures/smaa
mkdir -p "$out"

samples=20000
seed=42
# name, catalog (empty: built-in), evaluate arguments
cases=(
  "builtin-wsm-uniform||--method wsm"
  "builtin-topsis-uniform||--method topsis"
  "builtin-wpm-profile||--method wpm --sampler profile --concentration 50 --weight observability=3 --weight languages=0.5"
  "synthetic-100-wsm-uniform|$work/synthetic-100|--method wsm"
  "synthetic-100-topsis-uniform|$work/synthetic-100|--method topsis"
)
for case in "${cases[@]}"; do
  IFS='|' read -r name catalog args <<<"$case"
  # shellcheck disable=SC2086
  "$bin" evaluate $catalog $args --robustness --samples "$samples" --seed "$seed" --format json \
    >"$work/$name.json"
  shown="platform-eval evaluate ${catalog:+${catalog//$work\//}/ }$args --robustness --samples $samples --seed $seed --format json"
  python3 - "$work/$name.json" "$shown" >"$out/$name.json" <<'PY'
import json, sys

doc = json.load(open(sys.argv[1]))
rob = doc["robustness"]
ids = doc["matrix"]["platforms"]
entries = [rob["platforms"][i] for i in ids]
reqs = doc["matrix"]["requirements"]
weights = [doc["profile"]["weights"][r] for r in reqs]
fixture = {
    "command": sys.argv[2],
    "method": rob["method"],
    "sampler": rob["sampler"],
    "concentration": rob["concentration"],
    "samples": rob["samples"],
    "seed": rob["seed"],
    "weights": weights,
    "platforms": ids,
    # The JSON prints scores x100; the analysis works on the 0..1 scale.
    "matrix": [[x / 100 for x in row] for row in doc["matrix"]["values"]],
    "acceptability": [e["acceptability"] for e in entries],
    "std_error": [[float(f"{s:.3g}") for s in e["std_error"]] for e in entries],
    "central_weights": [
        None if e["central_weights"] is None else [e["central_weights"][r] for r in reqs]
        for e in entries
    ],
}
json.dump(fixture, sys.stdout, separators=(",", ":"))
print()
PY
  echo "wrote $out/$name.json" >&2
done
