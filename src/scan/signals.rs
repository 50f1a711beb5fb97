//! Every signal `scan` reads: a stable id, the criterion it feeds, what it reads and the
//! context it is read in. One table, as kube-score registers its checks and hadolint numbers
//! its rules; the README's list is generated from it (`platform-eval scan --signals`).

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Signal {
    pub id: &'static str,
    /// `requirement.criterion`.
    pub criterion: &'static str,
    /// The input kind that gives it: `kubernetes`, `compose`, `dockerfile`, `nginx`,
    /// `workflows`, `script`, or `any`.
    pub input: &'static str,
    /// What it reads.
    pub reads: &'static str,
    /// The context it is read in: when the same text means something else.
    pub context: &'static str,
}

macro_rules! signals {
    ($($name:ident = $id:literal, $crit:literal, $input:literal, $reads:literal, $context:literal;)*) => {
        $(pub static $name: Signal = Signal {
            id: $id,
            criterion: $crit,
            input: $input,
            reads: $reads,
            context: $context,
        };)*
        /// All of them, in the README's order.
        pub static ALL: &[&Signal] = &[$(&$name),*];
    };
}

signals! {
    // Kubernetes
    K8S_MANIFESTS = "k8s-manifests", "automation.declarative_config", "kubernetes",
        "workloads declared in manifests (also the output of `helm template` and `kustomize build`)",
        "";
    K8S_IMAGE = "k8s-image", "containers.oci_images", "kubernetes",
        "the image each container runs",
        "";
    K8S_REGISTRY = "k8s-registry", "containers.private_registry", "kubernetes",
        "images pulled from a registry host of the team's (not Docker Hub), or with `imagePullSecrets`",
        "public Docker Hub images say nothing either way";
    K8S_SIDECARS = "k8s-multi-container", "containers.multi_container", "kubernetes",
        "pods that run more than one container",
        "";
    K8S_IMAGE_TAG = "k8s-image-tag", "automation.rollback", "kubernetes",
        "image tags: pinned, or `latest` or none",
        "rolling back to `latest` redeploys whatever `latest` is now";
    K8S_STRATEGY = "k8s-rolling-update", "automation.rolling_update", "kubernetes",
        "the update strategy: RollingUpdate (the default), or Recreate / OnDelete",
        "with one replica and `maxUnavailable` of 1 or more, a rolling update still has downtime";
    K8S_HISTORY = "k8s-revision-history", "automation.rollback", "kubernetes",
        "`revisionHistoryLimit` (10 by default): `kubectl rollout undo` needs an old ReplicaSet",
        "";
    K8S_ANALYSIS = "k8s-rollout-analysis", "automation.auto_rollback", "kubernetes",
        "an Argo Rollout with an analysis, which aborts and rolls back a failing release",
        "a plain Deployment stops a failing rollout at its deadline; it does not roll back";
    K8S_PROGRESSIVE = "k8s-progressive", "automation.progressive_delivery", "kubernetes",
        "an Argo Rollout's canary or blue-green strategy, or a Flagger Canary",
        "";
    K8S_PROBES = "k8s-probes", "resilience.health_checks", "kubernetes",
        "readiness, liveness and startup probes of each container",
        "a sidecar with no port of its own is noted, not counted; a Job's pods need none";
    K8S_PROBE_PORT = "k8s-probe-port", "resilience.health_checks", "kubernetes",
        "whether a probe targets a port the container declares",
        "a named port must be declared; a number that is not declared may still answer, so it is partial";
    K8S_SERVICE = "k8s-service", "resilience.load_balancer", "kubernetes",
        "Services whose selector matches a workload's pods, and how many replicas they spread over",
        "a Service that selects no pod balances nothing; one replica behind a Service has no failover";
    K8S_ROUTE = "k8s-route", "resilience.load_balancer", "kubernetes",
        "Ingress rules and Gateway API routes, and whether the Service they send to exists",
        "";
    K8S_CONTROLLER = "k8s-controller", "resilience.self_healing", "kubernetes",
        "whether a controller (Deployment, StatefulSet, DaemonSet, Rollout) recreates the pods",
        "a bare Pod is not recreated when its node fails";
    K8S_PDB = "k8s-pdb", "resilience.self_healing", "kubernetes",
        "PodDisruptionBudgets whose selector matches a workload with two or more replicas",
        "a budget for one replica blocks node drains instead of protecting anything";
    K8S_AUTOSCALER = "k8s-autoscaler", "resilience.autoscaling", "kubernetes",
        "a HorizontalPodAutoscaler or KEDA ScaledObject whose target exists",
        "an autoscaler whose target is not in the files scales nothing here";
    K8S_SPREAD = "k8s-zone-spread", "resilience.multi_zone", "kubernetes",
        "topology spread constraints or pod anti-affinity on `topology.kubernetes.io/zone`",
        "spreading one replica is moot; spreading over hostnames survives a node, not a zone";
    K8S_DISCOVERY = "k8s-service-discovery", "resilience.service_discovery", "kubernetes",
        "Services that give workloads a stable DNS name",
        "";
    K8S_MONITOR = "k8s-monitor", "observability.metrics", "kubernetes",
        "ServiceMonitor and PodMonitor resources, and `prometheus.io/scrape` annotations",
        "the annotation is a convention of Prometheus's example configuration, not of Kubernetes";
    K8S_RULES = "k8s-alert-rules", "observability.alerting", "kubernetes",
        "PrometheusRule resources",
        "";
    // Any input that names images or environment variables
    RUNS_METRICS = "runs-prometheus", "observability.metrics", "any",
        "a Prometheus (or VictoriaMetrics, OpenTelemetry collector) the deployment runs itself",
        "counts as used even on a platform without metrics of its own";
    RUNS_DASHBOARDS = "runs-grafana", "observability.dashboards", "any",
        "a Grafana the deployment runs itself",
        "";
    RUNS_ALERTING = "runs-alertmanager", "observability.alerting", "any",
        "an Alertmanager the deployment runs itself",
        "";
    RUNS_TRACING = "runs-tracing-backend", "observability.tracing", "any",
        "a Jaeger, Zipkin, Tempo or OpenTelemetry collector the deployment runs itself",
        "";
    RUNS_LOG_SHIPPER = "runs-log-shipper", "observability.log_collection", "any",
        "a log shipper the deployment runs itself (Fluent Bit, Fluentd, Vector, Promtail, Loki)",
        "";
    RUNS_PROXY = "runs-proxy", "resilience.load_balancer", "any",
        "a reverse proxy the deployment runs itself (nginx, Traefik, HAProxy, Caddy, Envoy)",
        "a proxy in front of one replica balances nothing; its own configuration says more";
    OTEL_ENV = "otel-env", "observability.tracing", "any",
        "OpenTelemetry exporter settings (`OTEL_EXPORTER_OTLP_ENDPOINT` and its kin) in a container's environment",
        "";
    // Docker Compose
    COMPOSE_FILE = "compose-file", "automation.declarative_config", "compose",
        "services declared in a Compose file",
        "";
    COMPOSE_IMAGE = "compose-image", "containers.oci_images", "compose",
        "the image or build of each service",
        "";
    COMPOSE_BUILD = "compose-build", "containers.image_build", "compose",
        "`build:` sections",
        "";
    COMPOSE_IMAGE_TAG = "compose-image-tag", "automation.rollback", "compose",
        "image tags: pinned, or `latest` or none",
        "rolling back to `latest` redeploys whatever `latest` is now";
    COMPOSE_SERVICES = "compose-services", "containers.multi_container", "compose",
        "more than one service composed together",
        "";
    COMPOSE_DNS = "compose-dns", "resilience.service_discovery", "compose",
        "services that reach each other by name on the Compose network",
        "";
    COMPOSE_HEALTHCHECK = "compose-healthcheck", "resilience.health_checks", "compose",
        "`healthcheck:` of each service (its own, its base's through `extends`, or none)",
        "services in a profile run only when the profile is enabled; `disable: true` turns the image's off";
    COMPOSE_RESTART = "compose-restart", "resilience.self_healing", "compose",
        "`restart:` and `deploy.restart_policy`",
        "Docker restarts a container that exits, never one that is only unhealthy (outside Swarm)";
    COMPOSE_REPLICAS = "compose-replicas", "resilience.load_balancer", "compose",
        "`deploy.replicas` of services that publish ports or sit behind a proxy",
        "";
    COMPOSE_UPDATE = "compose-update-config", "automation.rolling_update", "compose",
        "`deploy.update_config`",
        "honoured by `docker stack deploy` (Swarm); `docker compose up` recreates containers";
    COMPOSE_LOGGING = "compose-logging", "observability.log_collection", "compose",
        "`logging.driver`",
        "`json-file` and `local` keep logs on the host, where they are lost with it";
    // Dockerfile
    DOCKERFILE_BUILD = "dockerfile-build", "containers.image_build", "dockerfile",
        "a Dockerfile, and its final stage (the one that runs)",
        "";
    DOCKERFILE_BASE_TAG = "dockerfile-base-tag", "automation.rollback", "dockerfile",
        "the final stage's base image tag: pinned, or `latest` or none",
        "a rebuild from `latest` is not the image that was tested";
    DOCKERFILE_HEALTHCHECK = "dockerfile-healthcheck", "resilience.health_checks", "dockerfile",
        "`HEALTHCHECK` in the final stage",
        "Docker, Compose and Swarm run it; Kubernetes ignores it (the kubelet runs probes); one in an earlier stage never runs";
    // nginx
    NGINX_UPSTREAM = "nginx-upstream", "resilience.load_balancer", "nginx",
        "`upstream` groups and the servers in them (`backup` ones apart), and `proxy_pass` to a single address",
        "nginx never marks the only server of a group unavailable: one server is a proxy with no failover";
    NGINX_PASSIVE = "nginx-passive-checks", "resilience.health_checks", "nginx",
        "`max_fails`/`fail_timeout` (passive checks) and `proxy_next_upstream` of groups with two servers or more",
        "with one server they are ignored";
    NGINX_ACCESS_LOG = "nginx-access-log", "observability.log_collection", "nginx",
        "`access_log` and `error_log`: to files, standard output, syslog, or off",
        "log files on the host are lost with it";
    NGINX_STATUS = "nginx-stub-status", "observability.metrics", "nginx",
        "`stub_status` (connection counters)",
        "";
    // Scripts
    DOCKER_RUN = "docker-run", "automation.declarative_config", "script",
        "`docker run` lines in shell scripts: containers started by hand",
        "";
    DOCKER_RUN_IMAGE = "docker-run-image", "containers.oci_images", "script",
        "the image a `docker run` line runs",
        "";
    DOCKER_RUN_RESTART = "docker-run-restart", "resilience.self_healing", "script",
        "`--restart` of `docker run`",
        "Docker restarts a container that exits, never one that is only unhealthy";
    DOCKER_RUN_HEALTH = "docker-run-health", "resilience.health_checks", "script",
        "`--health-cmd` of `docker run` (or the image's HEALTHCHECK)",
        "";
    // CI workflows
    CI_DEPLOY = "ci-deploy", "automation.ci_integration", "workflows",
        "GitHub Actions and GitLab CI jobs that deploy (kubectl, helm, compose, cloud deploy actions), and on what trigger",
        "a workflow that only builds and tests deploys nothing; a deploy run by hand is partial";
    CI_IMAGE = "ci-image-build", "containers.image_build", "workflows",
        "jobs that build and push images",
        "";
    CI_ATOMIC = "ci-atomic", "automation.auto_rollback", "workflows",
        "`helm upgrade --atomic` (`--rollback-on-failure`): a failed release is rolled back",
        "";
}

/// The signal with this id.
pub fn find(id: &str) -> Option<&'static Signal> {
    ALL.iter().copied().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signal_has_a_unique_id_and_a_real_criterion() {
        for (i, s) in ALL.iter().enumerate() {
            assert!(
                crate::requirements::parse_level_criterion_path(s.criterion).is_some(),
                "{}: {}",
                s.id,
                s.criterion
            );
            assert!(ALL[..i].iter().all(|o| o.id != s.id), "{} twice", s.id);
            assert!(!s.reads.is_empty());
        }
    }
}

#[cfg(test)]
mod every_signal {
    use std::collections::BTreeSet;

    /// Each signal of the table is given by at least one of the fixtures or examples, each
    /// folder scanned on its own as a team would: no signal is listed that nothing reads.
    #[test]
    fn every_signal_in_the_table_fires_on_some_fixture() {
        let mut seen = BTreeSet::new();
        for dir in [
            "tests/fixtures/scan/kubernetes",
            "tests/fixtures/scan/compose",
            "tests/fixtures/scan/dockerfile",
            "tests/fixtures/scan/nginx",
            "tests/fixtures/scan/workflows/github",
            "tests/fixtures/scan/workflows/gitlab",
            "tests/fixtures/scan/monitoring",
            "examples/seed-stack",
            "examples/seed-stack-improved",
        ] {
            let d = crate::scan::testing::scan(&[dir]);
            seen.extend(d.findings.iter().map(|f| f.signal));
        }
        let missing: Vec<&str> = super::ALL
            .iter()
            .map(|s| s.id)
            .filter(|id| !seen.contains(id))
            .collect();
        assert!(missing.is_empty(), "no fixture gives {missing:?}");
    }
}
