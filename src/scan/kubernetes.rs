//! Kubernetes manifests: files, folders, streams and the output of `helm template` and
//! `kustomize build`. Objects are read first, then each signal is read against the others: a
//! probe against the ports its container declares, a Service against the pods it selects, a
//! zone spread against the replicas there are to spread.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::Input;
use super::documents::{self, Document, at, get, int, items, key, str_at, string_map};
use super::images::{self, Image};
use super::model::{Deployment, Finding, Place, Skipped, Use};
use super::signals::{
    K8S_ANALYSIS, K8S_AUTOSCALER, K8S_CONTROLLER, K8S_DISCOVERY, K8S_HISTORY, K8S_IMAGE,
    K8S_IMAGE_TAG, K8S_MANIFESTS, K8S_MONITOR, K8S_PDB, K8S_PROBE_PORT, K8S_PROBES,
    K8S_PROGRESSIVE, K8S_REGISTRY, K8S_ROUTE, K8S_RULES, K8S_SERVICE, K8S_SIDECARS, K8S_SPREAD,
    K8S_STRATEGY, OTEL_ENV,
};
use crate::catalog::yaml::{Node, Value};
use crate::diag::Diagnostics;

/// Kinds read and found nothing to say about: not listed as unknown.
const QUIET_KINDS: [&str; 24] = [
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "Role",
    "RoleBinding",
    "ClusterRole",
    "ClusterRoleBinding",
    "Namespace",
    "NetworkPolicy",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "StorageClass",
    "CustomResourceDefinition",
    "IngressClass",
    "Gateway",
    "GatewayClass",
    "AnalysisTemplate",
    "ClusterAnalysisTemplate",
    "LimitRange",
    "ResourceQuota",
    "PriorityClass",
    "Endpoints",
    "EndpointSlice",
    "MutatingWebhookConfiguration",
];

/// One object of the manifests.
struct Object<'a> {
    file: &'a Arc<str>,
    kind: &'a str,
    name: String,
    namespace: String,
    node: &'a Node,
    template: Option<&'a Arc<str>>,
}

impl Object<'_> {
    fn subject(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }
}

/// A workload: an object that runs pods.
struct Workload<'a> {
    obj: &'a Object<'a>,
    pod: Option<&'a Node>,
    labels: Vec<(String, String)>,
    annotations: Vec<(String, String)>,
    /// As written; `None` when left out (1, or what an autoscaler sets).
    replicas: Option<i128>,
    /// Pods run to completion (Job, CronJob): no probes, Services or spread expected.
    batch: bool,
}

/// The documents of each file, for [`read_all`], parsed in parallel over the files (and
/// over the documents of each); the problems of each file in the files' order.
pub fn read_files(
    inputs: &[(Input, super::InputKind)],
    diags: &mut Diagnostics,
) -> Vec<(Arc<str>, Vec<Document>)> {
    use rayon::prelude::*;
    let read: Vec<_> = documents::pool().install(|| {
        inputs
            .par_iter()
            .map(|(input, _)| {
                let mut local = Diagnostics::default();
                let docs = documents::read_pruned(&input.file, &mut local, prune);
                ((Arc::clone(&input.shown), docs), local)
            })
            .collect()
    });
    read.into_iter()
        .map(|(file, local)| {
            diags.extend(local);
            file
        })
        .collect()
}

/// Keys no signal reads, dropped as soon as a document is parsed: every document of every
/// file is held until all are read (a Service in one selects pods in another), and these are
/// most of a manifest's bulk.
const UNREAD_KEYS: [&str; 22] = [
    "status",
    "managedFields",
    "data",
    "binaryData",
    "stringData",
    "resources",
    "volumeMounts",
    "volumes",
    "securityContext",
    "envFrom",
    "args",
    "command",
    "value",
    "valueFrom",
    "imagePullPolicy",
    "tolerations",
    "nodeSelector",
    "initContainers",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "dnsPolicy",
];

fn prune(node: &mut Node) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &mut n.value {
            Value::Map(entries) => {
                entries.retain(|(k, _)| {
                    !matches!(&k.value, Value::Str(s) if UNREAD_KEYS.contains(&s.as_str()))
                });
                entries.shrink_to_fit();
                stack.extend(entries.iter_mut().map(|(_, v)| v));
            }
            Value::Seq(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Reads the objects of every Kubernetes file together: a Service in one file selects the
/// pods of a Deployment in another.
pub fn read_all(files: &[(Arc<str>, Vec<Document>)], out: &mut Deployment) {
    let mut objects = Vec::new();
    for (file, docs) in files {
        for doc in docs {
            collect(file, &doc.root, doc, &mut objects);
        }
    }
    if objects.is_empty() {
        return;
    }
    let canaries = objects
        .iter()
        .filter(|o| o.kind == "Canary")
        .filter_map(|o| str_at(o.node, &["spec", "targetRef", "name"]))
        .collect();
    let services = objects
        .iter()
        .filter(|o| o.kind == "Service")
        .map(|o| (o.namespace.as_str(), o.name.as_str()))
        .collect();
    Reader {
        objects: &objects,
        canaries,
        services,
        out,
    }
    .run();
}

/// Objects of a document, a `List`'s items included.
fn collect<'a>(file: &'a Arc<str>, node: &'a Node, doc: &'a Document, out: &mut Vec<Object<'a>>) {
    let Some(kind) = str_at(node, &["kind"]) else {
        return;
    };
    if kind == "List" || kind.ends_with("List") && get(node, "items").is_some() {
        for item in items(get(node, "items")) {
            collect(file, item, doc, out);
        }
        return;
    }
    out.push(Object {
        file,
        kind,
        name: str_at(node, &["metadata", "name"])
            .unwrap_or("(unnamed)")
            .to_owned(),
        namespace: str_at(node, &["metadata", "namespace"])
            .unwrap_or("")
            .to_owned(),
        node,
        template: doc.template.as_ref(),
    });
}

struct Reader<'a, 'o> {
    objects: &'a [Object<'a>],
    /// The names Flagger Canaries target.
    canaries: HashSet<&'a str>,
    /// Services by namespace and name, for the routes that send to them.
    services: HashSet<(&'a str, &'a str)>,
    out: &'o mut Deployment,
}

impl Reader<'_, '_> {
    fn push(&mut self, f: Finding) {
        self.out.findings.push(f);
    }

    fn run(mut self) {
        let workloads: Vec<Workload> = self.objects.iter().filter_map(workload).collect();
        let pods = Pods::new(&workloads);
        let autoscaled = self.autoscalers(&workloads, &pods);
        for obj in self.objects {
            if workload(obj).is_none() && !self.other(obj) {
                let api = str_at(obj.node, &["apiVersion"]).unwrap_or("?");
                self.out.skipped.push(Skipped {
                    what: format!("Kubernetes kind `{}` ({api})", obj.kind),
                    at: top(obj),
                });
            }
        }
        let served = self.services(&workloads, &pods, &autoscaled);
        for (i, w) in workloads.iter().enumerate() {
            let replicas = effective_replicas(w, autoscaled[i]);
            self.workload(w, replicas, served[i], autoscaled[i].is_some());
        }
        self.budgets(&workloads, &pods, &autoscaled);
    }

    /// Objects that are not workloads: the ones with a signal of their own. `false` for a kind
    /// not known here.
    fn other(&mut self, obj: &Object) -> bool {
        match obj.kind {
            "Ingress" => {
                let mut backends: Vec<&Node> = Vec::new();
                for rule in items(get(obj.node, "spec").and_then(|s| get(s, "rules"))) {
                    for path in items(at(rule, &["http", "paths"])) {
                        if let Some(n) = at(path, &["backend", "service", "name"])
                            .or_else(|| at(path, &["backend", "serviceName"]))
                        {
                            backends.push(n);
                        }
                    }
                }
                if let Some(n) = at(obj.node, &["spec", "defaultBackend", "service", "name"]) {
                    backends.push(n);
                }
                self.routes(obj, &backends);
                true
            }
            "HTTPRoute" | "GRPCRoute" | "TCPRoute" | "TLSRoute" | "UDPRoute" => {
                let mut backends = Vec::new();
                for rule in items(at(obj.node, &["spec", "rules"])) {
                    for b in items(get(rule, "backendRefs")) {
                        let kind = str_at(b, &["kind"]).unwrap_or("Service");
                        if let (Some(n), "Service") = (get(b, "name"), kind) {
                            backends.push(n);
                        }
                    }
                }
                self.routes(obj, &backends);
                true
            }
            "ServiceMonitor" => {
                let selector = string_map(at(obj.node, &["spec", "selector", "matchLabels"]));
                let hit = self.objects.iter().find(|s| {
                    s.kind == "Service"
                        && selects(&selector, &string_map(at(s.node, &["metadata", "labels"])))
                });
                let f = match hit {
                    Some(s) => Finding::new(
                        &K8S_MONITOR,
                        Use::Used,
                        obj.subject(),
                        format!(
                            "ServiceMonitor {} has Prometheus scrape Service {}",
                            obj.name, s.name
                        ),
                        top(obj),
                    ),
                    None => Finding::new(
                        &K8S_MONITOR,
                        Use::Unused,
                        obj.subject(),
                        format!(
                            "ServiceMonitor {} selects no Service in these files",
                            obj.name
                        ),
                        top(obj),
                    )
                    .fix("match `spec.selector.matchLabels` to the Service's labels")
                    .caveat(),
                };
                self.push(f);
                true
            }
            "PodMonitor" => {
                let f = Finding::new(
                    &K8S_MONITOR,
                    Use::Used,
                    obj.subject(),
                    format!(
                        "PodMonitor {} has Prometheus scrape pods directly",
                        obj.name
                    ),
                    top(obj),
                );
                self.push(f);
                true
            }
            "PrometheusRule" => {
                let rules: usize = items(at(obj.node, &["spec", "groups"]))
                    .iter()
                    .map(|g| items(get(g, "rules")).len())
                    .sum();
                let f = Finding::new(
                    &K8S_RULES,
                    Use::Used,
                    obj.subject(),
                    format!(
                        "PrometheusRule {} holds {rules} alerting or recording rules",
                        obj.name
                    ),
                    top(obj),
                );
                self.push(f);
                true
            }
            "Canary"
                if str_at(obj.node, &["apiVersion"])
                    .is_some_and(|a| a.starts_with("flagger.app")) =>
            {
                let f = Finding::new(
                    &K8S_PROGRESSIVE,
                    Use::Used,
                    obj.subject(),
                    format!("Flagger Canary {} shifts traffic step by step", obj.name),
                    top(obj),
                );
                self.push(f);
                true
            }
            "Service" | "HorizontalPodAutoscaler" | "ScaledObject" | "PodDisruptionBudget" => true,
            k => QUIET_KINDS.contains(&k),
        }
    }

    fn routes(&mut self, obj: &Object, backends: &[&Node]) {
        for b in backends {
            let Some(name) = documents::text(b) else {
                continue;
            };
            let exists = self
                .services
                .contains(&(obj.namespace.as_str(), name.as_str()));
            let at = place(obj, b);
            let f = if exists {
                Finding::new(
                    &K8S_ROUTE,
                    Use::Used,
                    obj.subject(),
                    format!("{} {} sends traffic to Service {name}", obj.kind, obj.name),
                    at,
                )
            } else {
                Finding::new(
                    &K8S_ROUTE,
                    Use::Unused,
                    obj.subject(),
                    format!(
                        "{} {} sends traffic to Service {name}, which is not in these files",
                        obj.kind, obj.name
                    ),
                    at,
                )
                .fix(format!(
                    "check the backend's name, or scan the manifests that declare Service {name}"
                ))
                .caveat()
            };
            self.push(f);
        }
    }

    /// For each workload, the autoscaler that targets it and its least replicas.
    fn autoscalers(&mut self, workloads: &[Workload], pods: &Pods) -> Vec<Option<i128>> {
        let mut least = vec![None; workloads.len()];
        for obj in self.objects {
            let (min_key, default_min, words) = match obj.kind {
                "HorizontalPodAutoscaler" => ("minReplicas", 1, "HorizontalPodAutoscaler"),
                "ScaledObject" => ("minReplicaCount", 0, "KEDA ScaledObject"),
                _ => continue,
            };
            let Some(target) = at(obj.node, &["spec", "scaleTargetRef"]) else {
                continue;
            };
            let kind = str_at(target, &["kind"]).unwrap_or("Deployment");
            let name = str_at(target, &["name"]).unwrap_or("");
            let min = at(obj.node, &["spec", min_key])
                .and_then(int)
                .unwrap_or(default_min);
            let max = at(
                obj.node,
                &[
                    "spec",
                    if min_key == "minReplicas" {
                        "maxReplicas"
                    } else {
                        "maxReplicaCount"
                    },
                ],
            )
            .and_then(int);
            let hit = pods
                .named
                .get(&(kind, obj.namespace.as_str(), name))
                .copied();
            let at = top(obj);
            let f = match hit {
                Some(i) => {
                    least[i] = Some(least[i].map_or(min, |m: i128| m.max(min)));
                    let range =
                        max.map_or_else(|| format!("from {min}"), |m| format!("from {min} to {m}"));
                    Finding::new(
                        &K8S_AUTOSCALER,
                        Use::Used,
                        format!("{kind} {name}"),
                        format!("{words} {} scales {kind} {name} {range} replicas", obj.name),
                        at,
                    )
                }
                None => Finding::new(
                    &K8S_AUTOSCALER,
                    Use::Unused,
                    obj.subject(),
                    format!(
                        "{words} {} targets {kind} {name}, which is not in these files",
                        obj.name
                    ),
                    at,
                )
                .fix("check `scaleTargetRef`, or scan the manifests that declare its target")
                .caveat(),
            };
            self.push(f);
        }
        least
    }

    /// Services against the pods they select: for each workload, whether a Service targets
    /// it.
    fn services(
        &mut self,
        workloads: &[Workload],
        pods: &Pods,
        autoscaled: &[Option<i128>],
    ) -> Vec<bool> {
        let mut served = vec![false; workloads.len()];
        for svc in self.objects.iter().filter(|o| o.kind == "Service") {
            let selector_node = at(svc.node, &["spec", "selector"]);
            let selector = string_map(selector_node);
            if selector.is_empty() {
                // No selector: endpoints managed by hand or an ExternalName; nothing to check.
                continue;
            }
            let hits: Vec<usize> = pods
                .select(workloads, &svc.namespace, &selector)
                .into_iter()
                .filter(|&i| !workloads[i].batch)
                .collect();
            let at_selector = place(
                svc,
                key(get(svc.node, "spec").unwrap_or(svc.node), "selector").unwrap_or(svc.node),
            );
            if hits.is_empty() {
                let wanted = selector
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",");
                let f = Finding::new(
                    &K8S_SERVICE,
                    Use::Unused,
                    svc.subject(),
                    format!(
                        "Service {} selects no pod in these files ({wanted}): it balances nothing",
                        svc.name
                    ),
                    at_selector,
                )
                .fix(format!(
                    "match the selector of Service {} to a workload's pod labels, or remove it",
                    svc.name
                ))
                .caveat();
                self.push(f);
                continue;
            }
            let names: Vec<String> = hits.iter().map(|&i| workloads[i].obj.subject()).collect();
            let f = Finding::new(
                &K8S_DISCOVERY,
                Use::Used,
                svc.subject(),
                format!(
                    "Service {} gives {} a stable name",
                    svc.name,
                    names.join(", ")
                ),
                at_selector.clone(),
            );
            self.push(f);
            for i in hits {
                served[i] = true;
                let w = &workloads[i];
                let replicas = effective_replicas(w, autoscaled[i]);
                let f = match replicas {
                    Replicas::PerNode => Finding::new(
                        &K8S_SERVICE,
                        Use::Used,
                        w.obj.subject(),
                        format!(
                            "Service {} spreads traffic over the pods of DaemonSet {}, one a node",
                            svc.name, w.obj.name
                        ),
                        at_selector.clone(),
                    ),
                    Replicas::Count(n) if n >= 2 => Finding::new(
                        &K8S_SERVICE,
                        Use::Used,
                        w.obj.subject(),
                        format!(
                            "Service {} spreads traffic over {n} replicas of {}",
                            svc.name,
                            w.obj.subject()
                        ),
                        at_selector.clone(),
                    ),
                    Replicas::Count(n) => {
                        let at = at(w.obj.node, &["spec", "replicas"])
                            .map_or_else(|| top(w.obj), |r| place(w.obj, r));
                        Finding::new(
                            &K8S_SERVICE,
                            Use::Partial,
                            w.obj.subject(),
                            format!("Service {} sends traffic to {n} replica of {}: nothing to fail over to", svc.name, w.obj.subject()),
                            at,
                        )
                        .fix(format!("run 2 or more replicas of {} (or an autoscaler with a minimum of 2)", w.obj.name))
                    }
                };
                self.push(f);
            }
        }
        served
    }

    fn workload(&mut self, w: &Workload, replicas: Replicas, served: bool, autoscaled: bool) {
        let obj = w.obj;
        let top = top(obj);
        self.push(Finding::new(
            &K8S_MANIFESTS,
            Use::Used,
            obj.subject(),
            format!("{} is declared in a manifest", obj.subject()),
            top.clone(),
        ));
        if scraped(w) {
            let at = at(obj.node, &["spec", "template", "metadata", "annotations"])
                .or_else(|| at(obj.node, &["metadata", "annotations"]))
                .map_or_else(|| top.clone(), |n| place(obj, n));
            self.push(Finding::new(
                &K8S_MONITOR,
                Use::Used,
                obj.subject(),
                format!(
                    "the pods of {} ask to be scraped (`prometheus.io/scrape: \"true\"`)",
                    obj.subject()
                ),
                at,
            ));
        }
        let Some(pod) = w.pod else { return };
        self.containers(w, pod, served);
        if w.batch {
            return;
        }
        let long_lived = matches!(
            obj.kind,
            "Deployment" | "StatefulSet" | "Rollout" | "ReplicaSet" | "DeploymentConfig"
        );
        // Self-healing: a controller recreates lost pods.
        let f = if obj.kind == "Pod" {
            Finding::new(
                &K8S_CONTROLLER,
                Use::Unused,
                obj.subject(),
                format!(
                    "Pod {} is a bare Pod: nothing recreates it when its node fails",
                    obj.name
                ),
                top.clone(),
            )
            .fix(format!("run {} under a Deployment", obj.name))
        } else {
            Finding::new(
                &K8S_CONTROLLER,
                Use::Used,
                obj.subject(),
                format!(
                    "{} recreates its pods when they fail or their node goes",
                    obj.subject()
                ),
                top.clone(),
            )
        };
        self.push(f);
        if obj.kind == "Pod" {
            return;
        }
        self.strategy(w, replicas);
        self.history(w);
        if long_lived {
            self.delivery(w, served);
            if obj.kind != "StatefulSet" && !autoscaled {
                let f = Finding::new(
                    &K8S_AUTOSCALER,
                    Use::Unused,
                    obj.subject(),
                    format!(
                        "no autoscaler targets {}: it runs a fixed number of replicas",
                        obj.subject()
                    ),
                    top.clone(),
                )
                .fix(format!(
                    "add a HorizontalPodAutoscaler (autoscaling/v2) with `scaleTargetRef` {} {}",
                    obj.kind, obj.name
                ));
                self.push(f);
            }
            self.spread(w, pod, replicas);
        }
    }

    fn containers(&mut self, w: &Workload, pod: &Node, served: bool) {
        let obj = w.obj;
        let containers = items(get(pod, "containers"));
        if containers.len() > 1 {
            let names: Vec<String> = containers
                .iter()
                .filter_map(|c| str_at(c, &["name"]).map(str::to_owned))
                .collect();
            let f = Finding::new(
                &K8S_SIDECARS,
                Use::Used,
                obj.subject(),
                format!(
                    "{} runs {} containers in each pod ({})",
                    obj.subject(),
                    containers.len(),
                    names.join(", ")
                ),
                place(obj, key(pod, "containers").unwrap_or(pod)),
            );
            self.push(f);
        }
        if let Some(secrets) = key(pod, "imagePullSecrets") {
            let f = Finding::new(
                &K8S_REGISTRY,
                Use::Used,
                obj.subject(),
                format!(
                    "{} pulls with `imagePullSecrets` from a private registry",
                    obj.subject()
                ),
                place(obj, secrets),
            );
            self.push(f);
        }
        let probed_sibling = containers.iter().any(has_probe);
        for (i, c) in containers.iter().enumerate() {
            let name = str_at(c, &["name"]).map_or_else(|| format!("#{}", i + 1), str::to_owned);
            let subject = format!("{} container {name}", obj.subject());
            let c_top = place(obj, key(c, "name").unwrap_or(c));
            if let Some(image_node) = get(c, "image")
                && let Some(reference) = documents::text(image_node)
            {
                self.image(obj, &subject, &reference, image_node);
            }
            for var in items(get(c, "env")) {
                if let Some(n) = str_at(var, &["name"])
                    && images::is_otel_variable(n)
                {
                    let f = Finding::new(
                        &OTEL_ENV,
                        Use::Used,
                        subject.clone(),
                        format!("container {name} exports traces over OTLP (`{n}`)"),
                        place(obj, var),
                    );
                    self.push(f);
                    break;
                }
            }
            if w.batch {
                continue;
            }
            let ports = container_ports(c);
            let probes: Vec<(&str, &Node)> = ["readinessProbe", "livenessProbe", "startupProbe"]
                .iter()
                .filter_map(|k| get(c, k).map(|p| (*k, p)))
                .collect();
            if probes.is_empty() {
                let f = if ports.is_empty() && probed_sibling {
                    Finding::new(
                        &K8S_PROBES,
                        Use::Unused,
                        subject.clone(),
                        format!("sidecar {name} has no probes and no port: its health rides on the pod's main container"),
                        c_top,
                    )
                    .caveat()
                } else {
                    Finding::new(
                        &K8S_PROBES,
                        Use::Unused,
                        subject.clone(),
                        format!(
                            "container {name} of {} has no readiness or liveness probe: {}",
                            obj.subject(),
                            if served {
                                "a hung process keeps getting traffic"
                            } else {
                                "a hung process is never restarted"
                            }
                        ),
                        c_top,
                    )
                    .fix(format!("add a readinessProbe and a livenessProbe to container {name} (an HTTP health endpoint or its port)"))
                };
                self.push(f);
                continue;
            }
            let has = |k: &str| probes.iter().any(|(p, _)| *p == k);
            let words: Vec<&str> = probes
                .iter()
                .map(|(k, _)| k.trim_end_matches("Probe"))
                .collect();
            let f = if served && !has("readinessProbe") {
                Finding::new(
                    &K8S_PROBES,
                    Use::Partial,
                    subject.clone(),
                    format!("container {name} has {} probes but no readiness probe: its Service sends traffic before it is ready", words.join(" and ")),
                    place(obj, probes[0].1),
                )
                .fix(format!("add a readinessProbe to container {name}"))
            } else {
                Finding::new(
                    &K8S_PROBES,
                    Use::Used,
                    subject.clone(),
                    format!("container {name} has {} probes", words.join(" and ")),
                    place(obj, key(c, probes[0].0).unwrap_or(probes[0].1)),
                )
            };
            self.push(f);
            for (k, probe) in &probes {
                self.probe_port(obj, &name, k, probe, &ports);
            }
        }
    }

    fn probe_port(
        &mut self,
        obj: &Object,
        container: &str,
        which: &str,
        probe: &Node,
        ports: &[(Option<String>, Option<i128>)],
    ) {
        let port = ["httpGet", "tcpSocket", "grpc"]
            .iter()
            .find_map(|h| at(probe, &[h, "port"]));
        let Some(port) = port else { return };
        let at_port = place(obj, port);
        let (ok, shown) = match &port.value {
            Value::Str(name) if name.parse::<i128>().is_err() => (
                ports.iter().any(|(n, _)| n.as_deref() == Some(name)),
                format!("`{name}`"),
            ),
            _ => {
                let Some(n) = int(port) else { return };
                // Ports need not be declared to answer: an undeclared number is only flagged
                // when the container declares others.
                (
                    ports.is_empty() || ports.iter().any(|(_, p)| *p == Some(n)),
                    n.to_string(),
                )
            }
        };
        let f = if ok {
            return;
        } else {
            let declared: Vec<String> = ports
                .iter()
                .map(|(n, p)| match (n, p) {
                    (Some(n), Some(p)) => format!("{n} ({p})"),
                    (None, Some(p)) => p.to_string(),
                    (Some(n), None) => n.clone(),
                    (None, None) => "?".into(),
                })
                .collect();
            Finding::new(
                &K8S_PROBE_PORT,
                Use::Partial,
                format!("{} container {container}", obj.subject()),
                format!(
                    "the {which} of container {container} targets port {shown}, which the container does not declare ({})",
                    if declared.is_empty() { "it declares none".to_owned() } else { format!("it declares {}", declared.join(", ")) }
                ),
                at_port,
            )
            .fix(format!("point the {which} at a port container {container} listens on"))
        };
        self.push(f);
    }

    fn image(&mut self, obj: &Object, subject: &str, reference: &str, node: &Node) {
        let image = Image::parse(reference);
        let at = place(obj, node);
        self.push(Finding::new(
            &K8S_IMAGE,
            Use::Used,
            subject,
            format!("runs image {reference}"),
            at.clone(),
        ));
        if image.own_registry() {
            self.push(Finding::new(
                &K8S_REGISTRY,
                Use::Used,
                subject,
                format!(
                    "pulls {reference} from {}",
                    image.registry.unwrap_or_default()
                ),
                at.clone(),
            ));
        }
        let f = match image.tag_problem() {
            Some(problem) => Finding::new(
                &K8S_IMAGE_TAG,
                Use::Partial,
                subject,
                format!(
                    "image {reference} {problem}: a rollback redeploys whatever it points at now"
                ),
                at.clone(),
            )
            .fix(format!(
                "pin {} to a version tag or a digest",
                image.repository
            )),
            None => Finding::new(
                &K8S_IMAGE_TAG,
                Use::Used,
                subject,
                format!("image {reference} is pinned"),
                at.clone(),
            ),
        };
        self.push(f);
        if let Some((signal, words)) = images::component(reference) {
            self.push(Finding::new(
                signal,
                Use::Used,
                subject,
                format!("runs {words} itself ({reference})"),
                at,
            ));
        }
    }

    fn strategy(&mut self, w: &Workload, replicas: Replicas) {
        let obj = w.obj;
        let (field, stop_all) = match obj.kind {
            "Deployment" => ("strategy", "Recreate"),
            "StatefulSet" | "DaemonSet" => ("updateStrategy", "OnDelete"),
            "Rollout" => {
                return;
            }
            _ => return,
        };
        let strategy = at(obj.node, &["spec", field]);
        let kind = strategy
            .and_then(|s| str_at(s, &["type"]))
            .unwrap_or("RollingUpdate");
        let at = strategy.map_or_else(|| top(obj), |s| place(obj, get(s, "type").unwrap_or(s)));
        let f = if kind == stop_all {
            let why = if kind == "Recreate" {
                "stops every pod before it starts the new ones: each deploy is an outage"
            } else {
                "updates a pod only when someone deletes it"
            };
            Finding::new(
                &K8S_STRATEGY,
                Use::Unused,
                obj.subject(),
                format!("{} uses {kind}, which {why}", obj.subject()),
                at,
            )
            .fix(format!(
                "use `{field}: {{type: RollingUpdate}}` on {}",
                obj.name
            ))
        } else {
            let unavailable =
                strategy.and_then(|s| documents::at(s, &["rollingUpdate", "maxUnavailable"]));
            let down_at_once = match (unavailable, replicas) {
                (Some(u), Replicas::Count(n)) => resolve(u, n, false),
                (None, Replicas::Count(n)) => (n / 4).max(0),
                _ => 0,
            };
            match replicas {
                Replicas::Count(n) if down_at_once >= n && n > 0 => Finding::new(
                    &K8S_STRATEGY,
                    Use::Partial,
                    obj.subject(),
                    format!("{} rolls, but `maxUnavailable` lets all {n} of its replicas be down at once", obj.subject()),
                    at,
                )
                .fix("set `maxUnavailable: 0` and `maxSurge: 1`"),
                _ => Finding::new(
                    &K8S_STRATEGY,
                    Use::Used,
                    obj.subject(),
                    format!("{} replaces pods a few at a time (RollingUpdate)", obj.subject()),
                    at,
                ),
            }
        };
        self.push(f);
    }

    fn history(&mut self, w: &Workload) {
        let obj = w.obj;
        let limit_node = at(obj.node, &["spec", "revisionHistoryLimit"]);
        let limit = limit_node.and_then(int).unwrap_or(10);
        let at = limit_node.map_or_else(|| top(obj), |n| place(obj, n));
        let f = if limit == 0 {
            Finding::new(
                &K8S_HISTORY,
                Use::Unused,
                obj.subject(),
                format!("{} keeps no old revision (`revisionHistoryLimit: 0`): `kubectl rollout undo` has nothing to go back to", obj.subject()),
                at,
            )
            .fix("leave `revisionHistoryLimit` out (10), or set it to 2 or more")
        } else {
            Finding::new(
                &K8S_HISTORY,
                Use::Used,
                obj.subject(),
                format!(
                    "{} keeps {limit} old revisions for `kubectl rollout undo`",
                    obj.subject()
                ),
                at,
            )
        };
        self.push(f);
    }

    /// Progressive delivery and rollback on failure.
    fn delivery(&mut self, w: &Workload, served: bool) {
        let obj = w.obj;
        let top = top(obj);
        if obj.kind == "Rollout" {
            let strategy = at(obj.node, &["spec", "strategy"]);
            let canary = strategy.and_then(|s| get(s, "canary"));
            let blue_green = strategy.and_then(|s| get(s, "blueGreen"));
            let (style, node) = match (canary, blue_green) {
                (Some(c), _) => ("canary", Some(c)),
                (None, Some(b)) => ("blue-green", Some(b)),
                _ => ("", None),
            };
            if let Some(node) = node {
                self.push(Finding::new(
                    &K8S_PROGRESSIVE,
                    Use::Used,
                    obj.subject(),
                    format!("Argo Rollout {} releases {style}", obj.name),
                    place(
                        obj,
                        strategy
                            .and_then(|s| key(s, "canary").or_else(|| key(s, "blueGreen")))
                            .unwrap_or(node),
                    ),
                ));
            }
            let analysis = node.and_then(|n| {
                key(n, "analysis")
                    .or_else(|| key(n, "prePromotionAnalysis"))
                    .or_else(|| key(n, "postPromotionAnalysis"))
                    .or_else(|| {
                        items(get(n, "steps"))
                            .iter()
                            .find_map(|s| key(s, "analysis"))
                    })
            });
            let f = match analysis {
                Some(a) => Finding::new(
                    &K8S_ANALYSIS,
                    Use::Used,
                    obj.subject(),
                    format!("Argo Rollout {} runs an analysis and rolls back when it fails", obj.name),
                    place(obj, a),
                ),
                None => Finding::new(
                    &K8S_ANALYSIS,
                    Use::Unused,
                    obj.subject(),
                    format!("Argo Rollout {} has no analysis: a bad release is promoted unless someone aborts it", obj.name),
                    top,
                )
                .fix("add an `analysis` step with an AnalysisTemplate"),
            };
            self.push(f);
            return;
        }
        self.push(
            Finding::new(
                &K8S_ANALYSIS,
                Use::Unused,
                obj.subject(),
                format!(
                    "a failing rollout of {} stops at its progress deadline; nothing rolls it back",
                    obj.subject()
                ),
                top.clone(),
            )
            .fix("deploy with `helm upgrade --atomic`, or use an Argo Rollout with an analysis"),
        );
        if served && !self.canaries.contains(obj.name.as_str()) {
            self.push(
                Finding::new(
                    &K8S_PROGRESSIVE,
                    Use::Unused,
                    obj.subject(),
                    format!(
                        "{} serves traffic and releases to all of it at once",
                        obj.subject()
                    ),
                    top,
                )
                .fix("release it as an Argo Rollout (canary) or with a Flagger Canary"),
            );
        }
    }

    fn spread(&mut self, w: &Workload, pod: &Node, replicas: Replicas) {
        let obj = w.obj;
        let top = top(obj);
        let zone = |k: &str| {
            k == "topology.kubernetes.io/zone" || k == "failure-domain.beta.kubernetes.io/zone"
        };
        let mut keys: Vec<(String, &Node)> = Vec::new();
        for c in items(get(pod, "topologySpreadConstraints")) {
            if let Some(k) = get(c, "topologyKey").and_then(documents::text) {
                keys.push((k, c));
            }
        }
        if let Some(anti) = at(pod, &["affinity", "podAntiAffinity"]) {
            for term in items(get(anti, "requiredDuringSchedulingIgnoredDuringExecution")) {
                if let Some(k) = get(term, "topologyKey").and_then(documents::text) {
                    keys.push((k, term));
                }
            }
            for term in items(get(anti, "preferredDuringSchedulingIgnoredDuringExecution")) {
                if let Some(k) =
                    at(term, &["podAffinityTerm", "topologyKey"]).and_then(documents::text)
                {
                    keys.push((k, term));
                }
            }
        }
        let on_zone = keys.iter().find(|(k, _)| zone(k));
        let n = match replicas {
            Replicas::Count(n) => n,
            Replicas::PerNode => return,
        };
        let f = match (on_zone, keys.first()) {
            (Some((_, node)), _) if n >= 2 => Finding::new(
                &K8S_SPREAD,
                Use::Used,
                obj.subject(),
                format!("{} spreads its {n} replicas over zones", obj.subject()),
                place(obj, node),
            ),
            (Some((_, node)), _) => Finding::new(
                &K8S_SPREAD,
                Use::Unused,
                obj.subject(),
                format!("{} spreads over zones, but with {n} replica there is nothing to spread: it runs in one zone", obj.subject()),
                place(obj, node),
            )
            .fix(format!("run 2 or more replicas of {}", obj.name)),
            (None, Some((k, node))) => Finding::new(
                &K8S_SPREAD,
                Use::Partial,
                obj.subject(),
                format!("{} spreads over `{k}`, not over zones: it survives a node, not a zone", obj.subject()),
                place(obj, node),
            )
            .fix("spread over `topology.kubernetes.io/zone` too"),
            (None, None) => Finding::new(
                &K8S_SPREAD,
                Use::Unused,
                obj.subject(),
                format!("nothing spreads the replicas of {} over zones: the scheduler may put them all in one", obj.subject()),
                top,
            )
            .fix("add `topologySpreadConstraints` on `topology.kubernetes.io/zone`"),
        };
        self.push(f);
    }

    /// PodDisruptionBudgets against the workloads they protect.
    fn budgets(&mut self, workloads: &[Workload], pods: &Pods, autoscaled: &[Option<i128>]) {
        let mut covered = vec![false; workloads.len()];
        for pdb in self
            .objects
            .iter()
            .filter(|o| o.kind == "PodDisruptionBudget")
        {
            let selector = string_map(at(pdb.node, &["spec", "selector", "matchLabels"]));
            let hits = pods.select(workloads, &pdb.namespace, &selector);
            let top = top(pdb);
            if hits.is_empty() {
                self.push(
                    Finding::new(
                        &K8S_PDB,
                        Use::Unused,
                        pdb.subject(),
                        format!(
                            "PodDisruptionBudget {} selects no pod in these files",
                            pdb.name
                        ),
                        top,
                    )
                    .fix("match `spec.selector.matchLabels` to the workload's pod labels")
                    .caveat(),
                );
                continue;
            }
            for i in hits {
                covered[i] = true;
                let w = &workloads[i];
                let f = match effective_replicas(w, autoscaled[i]) {
                    Replicas::Count(n) if n < 2 => Finding::new(
                        &K8S_PDB,
                        Use::Unused,
                        w.obj.subject(),
                        format!("PodDisruptionBudget {} guards {} with {n} replica: it blocks node drains instead of keeping anything up", pdb.name, w.obj.subject()),
                        top.clone(),
                    )
                    .fix(format!("run 2 or more replicas of {}", w.obj.name))
                    .caveat(),
                    _ => Finding::new(
                        &K8S_PDB,
                        Use::Used,
                        w.obj.subject(),
                        format!("PodDisruptionBudget {} keeps {} up through node drains", pdb.name, w.obj.subject()),
                        top.clone(),
                    ),
                };
                self.push(f);
            }
        }
        for (i, w) in workloads.iter().enumerate() {
            let many = matches!(effective_replicas(w, autoscaled[i]), Replicas::Count(n) if n >= 2);
            if !covered[i] && many && matches!(w.obj.kind, "Deployment" | "StatefulSet" | "Rollout")
            {
                let top = top(w.obj);
                self.push(
                    Finding::new(
                        &K8S_PDB,
                        Use::Unused,
                        w.obj.subject(),
                        format!("no PodDisruptionBudget guards {}: a node drain may take all its replicas at once", w.obj.subject()),
                        top,
                    )
                    .fix(format!("add a PodDisruptionBudget with `maxUnavailable: 1` selecting the pods of {}", w.obj.name))
                    .caveat(),
                );
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replicas {
    Count(i128),
    /// A DaemonSet: a pod on every node.
    PerNode,
}

fn effective_replicas(w: &Workload, autoscaled: Option<i128>) -> Replicas {
    if w.obj.kind == "DaemonSet" {
        return Replicas::PerNode;
    }
    if w.obj.kind == "Pod" {
        return Replicas::Count(1);
    }
    match (w.replicas, autoscaled) {
        (r, Some(min)) => Replicas::Count(min.max(r.unwrap_or(0))),
        (Some(r), None) => Replicas::Count(r),
        (None, None) => Replicas::Count(1),
    }
}

/// An int-or-percent field (`maxUnavailable`) resolved against `n` replicas, rounding as the
/// Deployment controller does (down for unavailable, up for surge).
fn resolve(node: &Node, n: i128, up: bool) -> i128 {
    match &node.value {
        Value::Str(s) if s.ends_with('%') => {
            let pct: i128 = s.trim_end_matches('%').trim().parse().unwrap_or(0);
            let scaled = pct.saturating_mul(n);
            if up {
                (scaled + 99) / 100
            } else {
                scaled / 100
            }
        }
        _ => int(node).unwrap_or(0),
    }
}

fn workload<'a>(obj: &'a Object<'a>) -> Option<Workload<'a>> {
    let spec = get(obj.node, "spec");
    let (template, batch) = match obj.kind {
        "Pod" => {
            return Some(Workload {
                obj,
                pod: spec,
                labels: string_map(at(obj.node, &["metadata", "labels"])),
                annotations: string_map(at(obj.node, &["metadata", "annotations"])),
                replicas: Some(1),
                batch: false,
            });
        }
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Rollout"
        | "DeploymentConfig" => (spec.and_then(|s| get(s, "template")), false),
        "Job" => (spec.and_then(|s| get(s, "template")), true),
        "CronJob" => (
            spec.and_then(|s| at(s, &["jobTemplate", "spec", "template"])),
            true,
        ),
        _ => return None,
    };
    Some(Workload {
        obj,
        pod: template.and_then(|t| get(t, "spec")),
        labels: string_map(template.and_then(|t| at(t, &["metadata", "labels"]))),
        annotations: string_map(template.and_then(|t| at(t, &["metadata", "annotations"]))),
        replicas: spec.and_then(|s| get(s, "replicas")).and_then(int),
        batch,
    })
}

fn place(obj: &Object, node: &Node) -> Place {
    documents::place(obj.file, node, obj.template)
}

/// Where an object starts: its `kind:` line.
fn top(obj: &Object) -> Place {
    place(obj, key(obj.node, "kind").unwrap_or(obj.node))
}

/// Workloads indexed by their pod labels and by kind and name: selectors and targets are
/// matched without going over every workload (ten thousand manifests stay linear).
struct Pods<'w> {
    by_label: HashMap<(&'w str, &'w str, &'w str), Vec<usize>>,
    named: HashMap<(&'w str, &'w str, &'w str), usize>,
}

impl<'w> Pods<'w> {
    fn new(workloads: &'w [Workload<'w>]) -> Pods<'w> {
        let mut by_label: HashMap<_, Vec<usize>> = HashMap::new();
        let mut named = HashMap::new();
        for (i, w) in workloads.iter().enumerate() {
            for (k, v) in &w.labels {
                by_label
                    .entry((w.obj.namespace.as_str(), k.as_str(), v.as_str()))
                    .or_default()
                    .push(i);
            }
            named
                .entry((w.obj.kind, w.obj.namespace.as_str(), w.obj.name.as_str()))
                .or_insert(i);
        }
        Pods { by_label, named }
    }

    /// The workloads in `namespace` whose pods `selector` selects; none for an empty one.
    fn select(
        &self,
        workloads: &[Workload],
        namespace: &str,
        selector: &[(String, String)],
    ) -> Vec<usize> {
        let Some((k, v)) = selector.first() else {
            return Vec::new();
        };
        self.by_label
            .get(&(namespace, k.as_str(), v.as_str()))
            .map(|found| {
                found
                    .iter()
                    .copied()
                    .filter(|&i| selects(selector, &workloads[i].labels))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Whether every pair of `selector` is among `labels`.
fn selects(selector: &[(String, String)], labels: &[(String, String)]) -> bool {
    selector.iter().all(|s| labels.contains(s))
}

fn has_probe(c: &Node) -> bool {
    ["readinessProbe", "livenessProbe", "startupProbe"]
        .iter()
        .any(|k| get(c, k).is_some())
}

/// The ports a container declares: name and number.
fn container_ports(c: &Node) -> Vec<(Option<String>, Option<i128>)> {
    items(get(c, "ports"))
        .iter()
        .map(|p| {
            (
                str_at(p, &["name"]).map(str::to_owned),
                get(p, "containerPort").and_then(int),
            )
        })
        .collect()
}

/// The `prometheus.io/scrape` pod annotation.
fn scraped(w: &Workload) -> bool {
    w.annotations
        .iter()
        .any(|(k, v)| k == "prometheus.io/scrape" && v == "true")
}

#[cfg(test)]
mod tests {
    use crate::scan::Use::{Partial, Unused, Used};
    use crate::scan::testing::{at, one, scan};

    const HELM: &str = "tests/fixtures/scan/kubernetes/helm-rendered.yaml";
    const KUSTOMIZE: &str = "tests/fixtures/scan/kubernetes/kustomize-build.yaml";

    #[test]
    fn helm_output_points_at_the_stream_and_names_the_template() {
        let d = scan(&[HELM]);
        let f = one(&d, "k8s-probes", "container api");
        assert_eq!((f.state, f.counts, at(f)), (Used, true, (110, 11)));
        assert_eq!(
            f.at.template.as_deref(),
            Some("shop/templates/api-deployment.yaml")
        );
        assert!(f.at.to_string().starts_with(&format!("{HELM}:110:11")));
    }

    #[test]
    fn a_container_without_probes_is_a_gap_and_a_portless_sidecar_only_a_note() {
        let d = scan(&[HELM]);
        let worker = one(&d, "k8s-probes", "container worker");
        assert_eq!(
            (worker.state, worker.counts, at(worker)),
            (Unused, true, (162, 11))
        );
        assert!(worker.fix.is_some());
        let sidecar = one(&d, "k8s-probes", "container log-shipper");
        assert_eq!((sidecar.state, sidecar.counts), (Unused, false));
    }

    #[test]
    fn a_probe_on_a_port_the_container_does_not_declare_is_partial() {
        let d = scan(&[KUSTOMIZE]);
        let f = one(&d, "k8s-probe-port", "staging-checkout");
        assert_eq!((f.state, at(f)), (Partial, (53, 19)));
        assert!(
            f.message.contains("9090") && f.message.contains("8080"),
            "{}",
            f.message
        );
        // A named port that is declared raises nothing.
        assert!(
            !d.findings
                .iter()
                .any(|f| f.signal == "k8s-probe-port" && f.subject.contains("staging-payments"))
        );
    }

    #[test]
    fn a_service_spreads_over_the_replicas_it_selects_and_one_selecting_nothing_is_a_note() {
        let d = scan(&[HELM]);
        let api = one(&d, "k8s-service", "Deployment prod-shop-api");
        assert_eq!((api.state, at(api)), (Used, (50, 3)));
        assert!(api.message.contains("3 replicas"));
        let legacy = one(&d, "k8s-service", "Service prod-shop-legacy");
        assert_eq!(
            (legacy.state, legacy.counts, at(legacy)),
            (Unused, false, (63, 3))
        );
        let dns = one(&d, "k8s-service-discovery", "prod-shop-api");
        assert_eq!(dns.state, Used);
    }

    #[test]
    fn one_replica_behind_a_service_has_nothing_to_fail_over_to() {
        // A `kind: List` (as `kubectl get -o yaml` writes) is read item by item.
        let list = scan(&["tests/fixtures/scan/kubernetes/list.yaml"]);
        let two = one(&list, "k8s-service", "Deployment orders");
        assert_eq!((two.state, two.at.line), (Used, 88));
        let text = "apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 1\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: api, image: api:1}]\n";
        let mut diags = crate::diag::Diagnostics::default();
        let d = crate::scan::scan_texts(&[("one.yaml", text)], &mut diags);
        let f = one(&d, "k8s-service", "Deployment api");
        assert_eq!((f.state, at(f)), (Partial, (11, 13)));
        assert!(f.fix.as_deref().unwrap().contains("2 or more replicas"));
    }

    #[test]
    fn a_zone_spread_of_one_replica_spreads_nothing() {
        let d = scan(&[HELM]);
        let worker = one(&d, "k8s-zone-spread", "prod-shop-worker");
        assert_eq!((worker.state, at(worker)), (Unused, (155, 11)));
        assert!(worker.message.contains("nothing to spread"));
        let api = one(&d, "k8s-zone-spread", "prod-shop-api");
        assert_eq!((api.state, at(api)), (Used, (93, 11)));
    }

    #[test]
    fn recreate_is_not_a_rolling_update() {
        let d = scan(&[KUSTOMIZE]);
        let f = one(&d, "k8s-rolling-update", "staging-checkout");
        assert_eq!((f.state, at(f)), (Unused, (33, 11)));
        let helm = scan(&[HELM]);
        let api = one(&helm, "k8s-rolling-update", "prod-shop-api");
        assert_eq!(api.state, Used);
    }

    #[test]
    fn autoscalers_count_for_their_targets_with_their_minimum() {
        let d = scan(&[HELM]);
        let hpa = one(&d, "k8s-autoscaler", "Deployment prod-shop-api");
        assert_eq!((hpa.state, at(hpa)), (Used, (171, 1)));
        assert!(hpa.message.contains("from 2 to 10"));
        assert_eq!(one(&d, "k8s-autoscaler", "prod-shop-worker").state, Unused);
        let k = scan(&[KUSTOMIZE]);
        let keda = one(&k, "k8s-autoscaler", "Rollout staging-payments");
        assert!(
            keda.message.contains("KEDA") && keda.message.contains("from 2 to 8"),
            "{}",
            keda.message
        );
    }

    #[test]
    fn a_pdb_guards_a_workload_with_replicas_to_spare() {
        let d = scan(&[HELM]);
        let f = one(&d, "k8s-pdb", "prod-shop-api");
        assert_eq!((f.state, f.counts, at(f)), (Used, true, (4, 1)));
    }

    #[test]
    fn a_bare_pod_is_not_recreated_and_an_untagged_image_is_latest() {
        let d = scan(&["tests/fixtures/scan/kubernetes/bare-pod.yaml"]);
        let pod = one(&d, "k8s-controller", "Pod web");
        assert_eq!((pod.state, at(pod)), (Unused, (2, 1)));
        let tag = one(&d, "k8s-image-tag", "Pod web");
        assert_eq!((tag.state, tag.at.line), (Partial, 10));
        assert!(tag.message.contains("no tag"));
    }

    #[test]
    fn argo_rollouts_give_progressive_delivery_and_rollback_on_a_failed_analysis() {
        let d = scan(&[KUSTOMIZE]);
        assert_eq!(
            one(&d, "k8s-progressive", "Rollout staging-payments")
                .at
                .line,
            149
        );
        let analysis = one(&d, "k8s-rollout-analysis", "Rollout staging-payments");
        assert_eq!((analysis.state, analysis.at.line), (Used, 150));
        assert!(
            one(&d, "k8s-revision-history", "Rollout staging-payments")
                .message
                .contains("keeps 3")
        );
    }

    #[test]
    fn monitoring_resources_and_the_scrape_annotation_count_and_an_exporter_is_no_prometheus() {
        let helm = scan(&[HELM]);
        assert_eq!(one(&helm, "k8s-monitor", "ServiceMonitor").at.line, 229);
        assert_eq!(one(&helm, "runs-log-shipper", "log-shipper").state, Used);
        let k = scan(&[KUSTOMIZE]);
        assert_eq!(
            one(&k, "k8s-monitor", "DaemonSet staging-node-exporter").state,
            Used
        );
        assert_eq!(one(&k, "k8s-alert-rules", "PrometheusRule").at.line, 227);
        assert_eq!(one(&k, "otel-env", "staging-checkout").at.line, 42);
        assert!(!k.findings.iter().any(|f| f.signal == "runs-prometheus"));
    }

    #[test]
    fn routes_count_when_their_service_exists_and_unknown_kinds_are_listed() {
        let helm = scan(&[HELM]);
        let ingress = one(&helm, "k8s-route", "Ingress prod-shop");
        assert_eq!((ingress.state, at(ingress)), (Used, (210, 23)));
        let k = scan(&[KUSTOMIZE]);
        let route = one(&k, "k8s-route", "HTTPRoute");
        assert_eq!((route.state, route.at.line), (Used, 198));
        assert_eq!(helm.skipped.len(), 1);
        assert!(helm.skipped[0].what.contains("Certificate"));
        assert_eq!(helm.skipped[0].at.line, 216);
    }
}

#[cfg(test)]
mod settled {
    use crate::scan::Use::Used;
    use crate::scan::testing::scan;

    /// A Deployment that nothing rolls back counts as a gap, unless a deploy job in the same
    /// scan deploys with `helm upgrade --atomic`, which rolls a failed release back.
    #[test]
    fn helm_atomic_in_ci_answers_the_deployments_rollback() {
        let alone = scan(&["tests/fixtures/scan/kubernetes/helm-rendered.yaml"]);
        let gaps = |d: &crate::scan::Deployment| {
            d.findings
                .iter()
                .filter(|f| f.signal == "k8s-rollout-analysis" && f.counts)
                .count()
        };
        assert_eq!(gaps(&alone), 2);
        let with_ci = scan(&[
            "tests/fixtures/scan/kubernetes/helm-rendered.yaml",
            "tests/fixtures/scan/workflows/github",
        ]);
        assert_eq!(gaps(&with_ci), 0);
        let state = with_ci
            .criteria()
            .into_iter()
            .find(|u| u.path == "automation.auto_rollback")
            .unwrap()
            .state;
        assert_eq!(state, Used);
    }
}
