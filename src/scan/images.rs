//! Image references (`ghcr.io/acme/api:1.4`) and the components a deployment runs itself,
//! known by their images: one place, for Kubernetes, Compose and Dockerfiles alike.

use super::signals::{
    RUNS_ALERTING, RUNS_DASHBOARDS, RUNS_LOG_SHIPPER, RUNS_METRICS, RUNS_PROXY, RUNS_TRACING,
    Signal,
};

/// An image reference, split as `docker pull` reads it.
#[derive(Debug, PartialEq, Eq)]
pub struct Image<'a> {
    /// The registry host, when the first path part names one (`ghcr.io`, `localhost:5000`).
    pub registry: Option<&'a str>,
    /// The repository without registry (`acme/api`, `nginx`).
    pub repository: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

impl<'a> Image<'a> {
    pub fn parse(reference: &'a str) -> Image<'a> {
        let (rest, digest) = match reference.split_once('@') {
            Some((r, d)) => (r, Some(d)),
            None => (reference, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, path))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first), path)
            }
            _ => (None, rest),
        };
        // A colon after the last slash is the tag's.
        let name_start = path.rfind('/').map_or(0, |i| i + 1);
        let (repository, tag) = match path[name_start..].rfind(':') {
            Some(i) => (&path[..name_start + i], Some(&path[name_start + i + 1..])),
            None => (path, None),
        };
        Image {
            registry,
            repository,
            tag,
            digest,
        }
    }

    /// A registry that is not Docker Hub's.
    pub fn own_registry(&self) -> bool {
        self.registry
            .is_some_and(|r| !matches!(r, "docker.io" | "index.docker.io" | "registry-1.docker.io"))
    }

    /// The image's last path part: `prometheus` of `quay.io/prometheus/prometheus`.
    pub fn name(&self) -> &'a str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(self.repository)
    }

    /// What is wrong with the tag, for a finding: `None` when it is pinned.
    pub fn tag_problem(&self) -> Option<&'static str> {
        match (self.digest, self.tag) {
            (None, None) => Some("has no tag, so it is `latest`"),
            (None, Some("latest")) => Some("is tagged `latest`"),
            _ => None,
        }
    }
}

/// The monitoring or routing component an image is, by its name: the signal it gives and a
/// few words for the finding.
pub fn component(reference: &str) -> Option<(&'static Signal, &'static str)> {
    let image = Image::parse(reference);
    let name = image.name().to_ascii_lowercase();
    let repo = image.repository.to_ascii_lowercase();
    let known: &[(&[&str], &'static Signal, &'static str)] = &[
        (
            &["prometheus", "victoria-metrics", "vmagent"],
            &RUNS_METRICS,
            "a Prometheus",
        ),
        (&["grafana"], &RUNS_DASHBOARDS, "a Grafana"),
        (&["alertmanager"], &RUNS_ALERTING, "an Alertmanager"),
        (
            &[
                "all-in-one",
                "jaeger",
                "zipkin",
                "tempo",
                "opentelemetry-collector",
                "opentelemetry-collector-contrib",
                "otel-collector",
            ],
            &RUNS_TRACING,
            "a tracing backend",
        ),
        (
            &[
                "fluent-bit",
                "fluentd",
                "vector",
                "promtail",
                "loki",
                "filebeat",
                "logstash",
            ],
            &RUNS_LOG_SHIPPER,
            "a log shipper",
        ),
        (
            &["nginx", "traefik", "haproxy", "caddy", "envoy"],
            &RUNS_PROXY,
            "a reverse proxy",
        ),
    ];
    // `prom/prometheus`, `grafana/grafana`, `jaegertracing/all-in-one`; `node-exporter` is
    // not a Prometheus, nor `nginx-prometheus-exporter` a proxy.
    if name.contains("exporter") {
        return None;
    }
    known.iter().find_map(|(names, signal, words)| {
        // `all-in-one` is Jaeger's only under `jaegertracing/`.
        let jaeger = repo.starts_with("jaegertracing/");
        let hit = names.iter().any(|n| name == *n) && (name != "all-in-one" || jaeger);
        hit.then_some((*signal, *words))
    })
}

/// Environment variables that configure an OpenTelemetry exporter.
pub fn is_otel_variable(name: &str) -> bool {
    name.starts_with("OTEL_EXPORTER_OTLP") || name == "OTEL_TRACES_EXPORTER"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_split_as_docker_reads_them() {
        let i = Image::parse("ghcr.io/acme/api:1.4.2");
        assert_eq!(
            (i.registry, i.repository, i.tag),
            (Some("ghcr.io"), "acme/api", Some("1.4.2"))
        );
        assert!(i.tag_problem().is_none() && i.own_registry());
        let i = Image::parse("localhost:5000/api");
        assert_eq!((i.registry, i.tag), (Some("localhost:5000"), None));
        assert!(i.tag_problem().is_some());
        let i = Image::parse("nginx");
        assert_eq!(i.tag_problem(), Some("has no tag, so it is `latest`"));
        assert!(!i.own_registry());
        assert_eq!(
            Image::parse("acme/worker:latest").tag_problem(),
            Some("is tagged `latest`")
        );
        assert!(Image::parse("python@sha256:abc").tag_problem().is_none());
    }

    #[test]
    fn components_are_known_by_image_name_not_by_a_substring() {
        assert_eq!(
            component("prom/prometheus:v2.53.0").unwrap().0.id,
            "runs-prometheus"
        );
        assert_eq!(
            component("jaegertracing/all-in-one:1.57").unwrap().0.id,
            "runs-tracing-backend"
        );
        assert_eq!(
            component("fluent/fluent-bit:3.0").unwrap().0.id,
            "runs-log-shipper"
        );
        assert!(component("prom/node-exporter").is_none());
        assert!(component("acme/all-in-one").is_none());
        assert!(component("acme/api").is_none());
    }
}
