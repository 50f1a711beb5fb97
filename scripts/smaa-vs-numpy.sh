#!/usr/bin/env bash
# SMAA speed against the vectorised numpy reference (smaa_ref.py beside the checkout):
# `platform-eval evaluate DIR --robustness --samples 100000 --format json` on 100 synthetic
# descriptor files as a whole process (hyperfine median), against the reference's `smaa()` call
# alone on the same matrix (the JSON's `matrix.values` on the 0..1 scale, 100,000 samples, WSM,
# uniform weights; median of several runs). Prints both medians, their ratio and our peak
# memory.
#
# SMAA_REF names smaa_ref.py (default ../shared/mcda/smaa_ref.py from the repository root).
# Installs what is missing: numpy and threadpoolctl from PyPI into a virtualenv under target/,
# python3-venv, hyperfine and GNU time with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

ref=${SMAA_REF:-../shared/mcda/smaa_ref.py}
if ! [ -f "$ref" ]; then
  echo "error: no smaa_ref.py at $ref (set SMAA_REF)" >&2
  exit 2
fi
ref=$(realpath "$ref")

apt_install() {
  echo "installing $1 (apt-get) ..." >&2
  apt-get update -qq && apt-get install -y -qq "$1" >/dev/null
}
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

venv=target/smaa-vs-numpy/venv
if ! "$venv/bin/python" -c 'import numpy, threadpoolctl' 2>/dev/null; then
  echo "installing numpy and threadpoolctl (PyPI) into $venv ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check numpy threadpoolctl
fi

cargo build --profile dist --quiet --bin platform-eval --example synthetic_catalog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/dist/examples/synthetic_catalog 100 "$work/catalog"
ours=(target/dist/platform-eval evaluate "$work/catalog" --robustness --samples 100000
  --format json)
"${ours[@]}" >"$work/ours.json"
hyperfine --warmup 3 --runs 30 -N --export-json "$work/hyperfine.json" "${ours[*]}" >/dev/null 2>&1
kib=$(/usr/bin/time -f %M "${ours[@]}" 2>&1 >/dev/null | tail -n 1)

# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, when set, pin numpy's BLAS to slower kernels: unset
# for numpy only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$venv/bin/python" - "$ref" "$work" "$kib" <<'PY'
import importlib.util
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info

ref_path, work, kib = sys.argv[1], sys.argv[2], int(sys.argv[3])
spec = importlib.util.spec_from_file_location("smaa_ref", ref_path)
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)

doc = json.load(open(f"{work}/ours.json"))
X = np.array(doc["matrix"]["values"]) / 100.0
n = doc["robustness"]["samples"]
ours = json.load(open(f"{work}/hyperfine.json"))["results"][0]

def machine():
    try:
        info = open("/proc/cpuinfo").read()
        model = next(l.split(":", 1)[1].strip() for l in info.splitlines()
                     if l.startswith("model name"))
        kib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
        return f"{model}, {os.cpu_count()} CPUs, {kib / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        return f"{platform.machine()}, {os.cpu_count()} CPUs"


print(f"machine: {machine()}; python {platform.python_version()}, numpy {np.__version__}")
for pool in threadpool_info():
    print(f"numpy {pool['user_api']}: {pool['internal_api']} {pool.get('version')}, "
          f"kernel {pool.get('architecture')}, {pool['num_threads']} threads")
print(f"matrix: {X.shape[0]} platforms x {X.shape[1]} requirements, N = {n}, wsm, uniform")

runs = []
for k in range(6):
    t0 = time.perf_counter()
    r = ref.smaa(X, n_samples=n, seed=1, method="wsm", sampler="uniform")
    if k > 0:  # the first is a warm-up
        runs.append(time.perf_counter() - t0)
numpy_median = statistics.median(runs)

# Both estimate the same shares: the largest gap in first-rank acceptability, in standard errors.
ids = doc["matrix"]["platforms"]
b_ours = np.array([doc["robustness"]["platforms"][i]["acceptability"][0] for i in ids])
b_ref = r["rank_acceptability"][:, 0]
se = np.sqrt(np.maximum(b_ref * (1 - b_ref), 1 / n) * 2 / n)
print(f"first-rank acceptability, ours against numpy: largest gap "
      f"{np.max(np.abs(b_ours - b_ref) / se):.1f} standard errors")

ours_median = ours["median"]
print(f"numpy smaa() median of {len(runs)}: {numpy_median * 1000:8.1f} ms")
print(f"platform-eval (whole process) median of {len(ours['times'])}: "
      f"{ours_median * 1000:8.1f} ms")
print(f"ratio: {numpy_median / ours_median:.1f}x")
print(f"platform-eval peak memory: {kib / 1024:.1f} MiB")
PY
