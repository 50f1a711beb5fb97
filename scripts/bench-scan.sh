#!/usr/bin/env bash
# Timings and peak memory of `platform-eval scan` on 10,000 Kubernetes documents, beside
# Checkov on the same documents. The documents (Deployments with probes, replicas and
# resources, the Services that select them, HPAs, PDBs, ConfigMaps; seeded, so every run reads
# the same bytes) are written twice: as one multi-document stream, all.yaml, and as a folder,
# many/, of 1,000 files of 10 documents each, the form Checkov is timed on (`-d`).
# Needs hyperfine and GNU time (installed with apt-get when missing) and python3; installs a
# pinned Checkov from PyPI into a virtualenv in target/test-tools/checkov when it is missing.
# SKIP_BUILD=1 times the target/dist/platform-eval already built.
# Takes about 25 minutes on 2 cores, nearly all of it Checkov's 4 runs (warm-up included) of
# 5 to 6 minutes each: its time grows with the square of the resources in one run (it matches
# every label selector against every resource to build its graph), so the ratio printed holds
# for 10,000 documents, not for a repository of 100.
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

# Checkov, pinned: a newer one may run other checks, and so take another time.
checkov_version=3.3.30
venv=target/test-tools/checkov
checkov=$venv/bin/checkov
if ! [ -x "$checkov" ] || [ "$("$checkov" --version 2>/dev/null)" != "$checkov_version" ]; then
  echo "installing checkov $checkov_version (PyPI) into $venv ..." >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --no-cache-dir -q \
    "checkov==$checkov_version"
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  cargo build --profile dist --quiet --bin platform-eval
fi
bin=target/dist/platform-eval
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Checkov asks PyPI for a newer version on every run and keeps a cache in the system's temp
# folder: neither belongs in a timing, nor outside target/ and the work folder.
export CKV_SKIP_PACKAGE_UPDATE_CHECK=true CKV_CACHE_DIR="$work/checkov-cache"

python3 - "$work" <<'PY'
import os, random, re, sys

N_DOCS, PER_FILE = 10_000, 10
work = sys.argv[1]
rng = random.Random(20240611)

RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    # Plain where YAML reads a string back (1000m, 256Mi, ghcr.io/a/b:1.2), quoted elsewhere.
    plain = v.lower() not in RESERVED and (
        re.fullmatch(r"[A-Za-z/][\w./:@-]*", v) and not v.endswith(":")
        or re.fullmatch(r"\d+(m|Mi|Gi|s)", v))
    return v if plain else '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'

def emit(v, indent=0):
    """Block-style YAML, the way kubectl and helm print it."""
    pad = " " * indent
    out = []
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(x, (dict, list)) and x:
                out.append(f"{pad}{k}:")
                out.extend(emit(x, indent + (2 if isinstance(x, dict) else 0)))
            else:
                out.append(f"{pad}{k}: {scalar(x) if not isinstance(x, (dict, list)) else ('{}' if isinstance(x, dict) else '[]')}")
    else:
        for x in v:
            if isinstance(x, dict) and x:
                sub = emit(x, indent + 2)
                out.append(f"{pad}- {sub[0].lstrip()}")
                out.extend(sub[1:])
            else:
                out.append(f"{pad}- {scalar(x)}")
    return out

TEAMS = ["payments", "checkout", "search", "identity", "ledger", "catalog", "growth", "ml",
         "notifications", "platform", "risk", "media", "orders", "billing", "shipping"]
PARTS = ["api", "worker", "gateway", "web", "sync", "indexer", "scheduler", "consumer",
         "exporter", "proxy", "auth", "cron", "ingest", "render", "admin", "events"]
ENVS = ["prod", "staging", "dev", "canary", "eu", "us"]
REGISTRIES = ["ghcr.io/acme", "registry.example.com/team", "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
              "docker.io/library", "quay.io/acme", "europe-docker.pkg.dev/acme-prod/images"]

def image(name):
    reg = rng.choice(REGISTRIES)
    r = rng.random()
    if r < 0.1:
        return f"{reg}/{name}:latest"
    if r < 0.2:
        return f"{reg}/{name}@sha256:" + "".join(rng.choice("0123456789abcdef") for _ in range(64))
    return f"{reg}/{name}:{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}"

def probe(port):
    kind = rng.random()
    if kind < 0.6:
        p = {"httpGet": {"path": rng.choice(["/healthz", "/ready", "/livez", "/health"]), "port": port}}
    elif kind < 0.85:
        p = {"tcpSocket": {"port": port}}
    else:
        p = {"exec": {"command": ["/bin/sh", "-c", "test -f /tmp/healthy"]}}
    p.update(initialDelaySeconds=rng.choice([0, 5, 10, 15, 30]), periodSeconds=rng.choice([5, 10, 20]),
             timeoutSeconds=rng.choice([1, 2, 5]), failureThreshold=rng.choice([3, 5, 6]))
    return p

def resources():
    cpu = rng.choice([50, 100, 200, 250, 500, 1000])
    mem = rng.choice([64, 128, 256, 512, 1024, 2048])
    r = {"requests": {"cpu": f"{cpu}m", "memory": f"{mem}Mi"}}
    if rng.random() < 0.75:
        r["limits"] = {"cpu": f"{cpu * rng.choice([1, 2, 4])}m", "memory": f"{mem * rng.choice([1, 2])}Mi"}
    return r if rng.random() < 0.9 else {}

def meta(name, ns, labels, kind):
    m = {"name": name, "namespace": ns, "labels": dict(labels)}
    if rng.random() < 0.3:
        m["annotations"] = {"meta.helm.sh/release-name": labels["app.kubernetes.io/instance"],
                            "meta.helm.sh/release-namespace": ns}
    return m

def app(serial, extras):
    """A Deployment, the Service selecting it, and `extras` of HPA, PDB, ConfigMap."""
    team, part, env = rng.choice(TEAMS), rng.choice(PARTS), rng.choice(ENVS)
    name = f"{team}-{part}-{serial:05d}"
    ns = f"{team}-{env}"
    labels = {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": env,
              "app.kubernetes.io/part-of": team, "app.kubernetes.io/managed-by": "Helm"}
    selector = {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": env}
    port = rng.choice([8080, 8000, 3000, 9090, 5000, 8443])
    container = {"name": part, "image": image(f"{team}-{part}"),
                 "imagePullPolicy": rng.choice(["IfNotPresent", "Always"]),
                 "ports": [{"name": "http", "containerPort": port, "protocol": "TCP"}],
                 "env": [{"name": "LOG_LEVEL", "value": rng.choice(["info", "debug", "warn"])},
                         {"name": "PORT", "value": str(port)}]}
    if "ConfigMap" in extras:
        container["envFrom"] = [{"configMapRef": {"name": f"{name}-config"}}]
    if rng.random() < 0.85:
        container["readinessProbe"] = probe(port)
    if rng.random() < 0.7:
        container["livenessProbe"] = probe(port)
    if rng.random() < 0.2:
        container["startupProbe"] = probe(port)
    res = resources()
    if res:
        container["resources"] = res
    if rng.random() < 0.6:
        container["securityContext"] = {"runAsNonRoot": True, "runAsUser": rng.choice([1000, 10001, 65532]),
                                        "readOnlyRootFilesystem": rng.random() < 0.7,
                                        "allowPrivilegeEscalation": False,
                                        "capabilities": {"drop": ["ALL"]}}
    pod = {"containers": [container]}
    if rng.random() < 0.5:
        pod["serviceAccountName"] = name
    if rng.random() < 0.3:
        pod["terminationGracePeriodSeconds"] = rng.choice([10, 30, 60])
    replicas = rng.choice([1, 1, 2, 2, 3, 3, 4, 6])
    spec = {"replicas": replicas, "revisionHistoryLimit": 5, "selector": {"matchLabels": selector},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
            "template": {"metadata": {"labels": dict(labels)}, "spec": pod}}
    docs = [("deployment", {"apiVersion": "apps/v1", "kind": "Deployment",
                            "metadata": meta(name, ns, labels, "Deployment"), "spec": spec})]
    svc_type = rng.choices(["ClusterIP", "NodePort", "LoadBalancer"], [0.8, 0.1, 0.1])[0]
    docs.append(("service", {"apiVersion": "v1", "kind": "Service", "metadata": meta(name, ns, labels, "Service"),
                             "spec": {"type": svc_type, "selector": dict(selector),
                                      "ports": [{"name": "http", "port": rng.choice([80, 443, port]),
                                                 "targetPort": "http", "protocol": "TCP"}]}}))
    if "HorizontalPodAutoscaler" in extras:
        metrics = [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": rng.choice([60, 70, 75, 80])}}}]
        if rng.random() < 0.4:
            metrics.append({"type": "Resource", "resource": {"name": "memory", "target": {
                "type": "Utilization", "averageUtilization": rng.choice([70, 80, 85])}}})
        docs.append(("hpa", {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                             "metadata": meta(name, ns, labels, "HorizontalPodAutoscaler"),
                             "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                                      "minReplicas": replicas, "maxReplicas": replicas * rng.choice([2, 3, 5]),
                                      "metrics": metrics}}))
    if "PodDisruptionBudget" in extras:
        budget = {"minAvailable": 1} if rng.random() < 0.6 else {"maxUnavailable": rng.choice([1, "25%"])}
        docs.append(("pdb", {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                             "metadata": meta(name, ns, labels, "PodDisruptionBudget"),
                             "spec": {**budget, "selector": {"matchLabels": dict(selector)}}}))
    if "ConfigMap" in extras:
        docs.append(("configmap", {"apiVersion": "v1", "kind": "ConfigMap",
                                   "metadata": meta(f"{name}-config", ns, labels, "ConfigMap"),
                                   "data": {"LOG_FORMAT": "json", "CACHE_TTL": f"{rng.choice([30, 60, 300])}s",
                                            "FEATURE_FLAGS": ",".join(rng.sample(PARTS, 3)),
                                            "UPSTREAM_URL": f"http://{team}-api.{team}-{env}.svc.cluster.local:8080"}}))
    return [f"---\n# Source: {team}/templates/{what}.yaml\n" + "\n".join(emit(d)) + "\n" for what, d in docs]

def lone_configmap(serial):
    team = rng.choice(TEAMS)
    name = f"{team}-settings-{serial:05d}"
    d = {"apiVersion": "v1", "kind": "ConfigMap",
         "metadata": {"name": name, "namespace": f"{team}-{rng.choice(ENVS)}"},
         "data": {"REGION": rng.choice(["eu-west-1", "us-east-1", "ap-south-1"]), "TIMEOUT": "30s"}}
    return ["---\n" + "\n".join(emit(d)) + "\n"]

# Files of exactly PER_FILE documents, each app whole in one file (as helm charts are).
os.makedirs(f"{work}/many")
serial = 0
with open(f"{work}/all.yaml", "w") as stream:
    for f in range(N_DOCS // PER_FILE):
        docs = []
        while len(docs) < PER_FILE:
            room = PER_FILE - len(docs)
            serial += 1
            if room == 1:
                docs += lone_configmap(serial)
                continue
            extras = [k for k, p in (("HorizontalPodAutoscaler", 0.5), ("PodDisruptionBudget", 0.5),
                                     ("ConfigMap", 0.4)) if rng.random() < p][: room - 2]
            docs += app(serial, extras)
        text = "".join(docs)
        with open(f"{work}/many/chart-{f:04d}.yaml", "w") as one:
            one.write(text)
        stream.write(text)

# Every document is there and parses (PyYAML's C loader where it is installed).
text = open(f"{work}/all.yaml").read()
assert text.count("\n---\n") + text.startswith("---\n") == N_DOCS, "wrong number of documents"
try:
    import yaml
    docs = [d for d in yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if d]
    assert len(docs) == N_DOCS and all("kind" in d for d in docs), f"{len(docs)} documents parsed"
    checked = "parsed with PyYAML"
except ImportError:
    checked = "counted (no PyYAML to parse them)"
print(f"{N_DOCS} documents, {len(text) / 2**20:.1f} MiB, {checked}", file=sys.stderr)
PY

# The scan must run before it is timed: a missing binary or subcommand is an error, not a number.
if ! [ -x "$bin" ]; then
  echo "error: $bin is not built; run without SKIP_BUILD=1, or cargo build --profile dist --bin platform-eval" >&2
  exit 1
fi
set +e
"$bin" scan "$work/all.yaml" --format json >/dev/null 2>"$work/scan.err"
status=$?
set -e
ignore=()
case $status in
  0) ;;
  1) ignore=(-i) # the project's "check failed": findings, not a failure to run
     echo "note: platform-eval scan exits 1 on these documents; timed with hyperfine -i" >&2 ;;
  *) echo "error: \`platform-eval scan all.yaml --format json\` failed (exit $status); is the scan subcommand there yet?" >&2
     head -n 20 "$work/scan.err" >&2
     exit 1 ;;
esac

hyperfine -N --style none --warmup 1 --runs 10 "${ignore[@]}" --export-json "$work/scan.json" \
  "$bin scan $work/all.yaml --format json" \
  "$bin scan $work/many --format json" >/dev/null
# Checkov takes minutes here, hence 3 runs (CHECKOV_RUNS and CHECKOV_WARMUP change that). --soft-fail: it exits 1 when a check fails, as
# most of these documents make some do. --skip-download: else every run first fetches check
# guidelines from its vendor's API (or, offline, waits for the lookup to fail), not scanning.
hyperfine -N --style none --warmup "${CHECKOV_WARMUP:-1}" --runs "${CHECKOV_RUNS:-3}" --export-json "$work/checkov.json" \
  "$checkov -d $work/many --framework kubernetes --quiet --compact -o json --soft-fail --skip-download" >/dev/null

python3 - "$work" "$checkov" <<'PY'
import json, sys
work, checkov = sys.argv[1], sys.argv[2]
results = [r for f in ("scan", "checkov") for r in json.load(open(f"{work}/{f}.json"))["results"]]
print("| command | median (ms) | min (ms) | max (ms) |")
print("|:---|---:|---:|---:|")
for r in results:
    cmd = (r["command"].replace(work + "/", "").replace("target/dist/", "")
           .replace(checkov, "checkov"))
    print(f"| `{cmd}` | {r['median'] * 1000:.1f} | {min(r['times']) * 1000:.1f} | {max(r['times']) * 1000:.1f} |")
ours, theirs = results[1], results[2]  # both on many/
print(f"\nCheckov's median / platform-eval's median on many/ (1,000 files, 10,000 documents): "
      f"{theirs['median'] / ours['median']:.1f}x")
PY

echo
echo "| command | peak memory (MiB) |"
echo "|:---|---:|"
kib=$(/usr/bin/time -f %M "$bin" scan "$work/all.yaml" --format json 2>&1 >/dev/null | tail -n 1)
echo "| \`platform-eval scan all.yaml --format json\` | $(( kib / 1024 )) |"
