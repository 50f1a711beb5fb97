//! `validate --check-links`: every `source` and `homepage` a descriptor writes is requested,
//! and each broken one is reported where it is cited.
//!
//! One request per distinct URL however often it is cited; a bounded number at once; a
//! timeout on each; one retry after a network error, a 429 or a 5xx (the usual passing
//! hiccups); redirects followed. A URL that answers 4xx or 5xx, or not at all, is broken.
//! Inherited claims are checked where they are written, in their base.
//!
//! The whole check is bounded too: a host that has timed out is not asked again (500 URLs on
//! a host that never answers would otherwise cost 500 timeouts), and no request starts after
//! the deadline (`--link-deadline`); what was not checked is reported as such, never as fine.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, plural};
use crate::requirements::REQUIREMENTS;

/// The whole link check's bound, unless `--link-deadline` says otherwise: the built-in
/// catalog's few hundred URLs take well under a minute on a good connection.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);

/// How links are checked.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Longest wait for one request, redirects included.
    pub timeout: Duration,
    /// Tries after the first one fails for a passing reason.
    pub retries: u32,
    /// Longest time for the whole check: no request starts after it, and none runs past it.
    pub deadline: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            concurrency: 8,
            timeout: Duration::from_secs(10),
            retries: 1,
            deadline: DEFAULT_DEADLINE,
        }
    }
}

/// What one URL answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A 2xx or 3xx at the end of the redirects.
    Ok(u16),
    /// A 4xx or 5xx.
    Status(u16),
    /// No answer in time.
    Timeout,
    /// No answer at all: name resolution, connection, TLS, too many redirects.
    Failed(String),
    /// Not requested: its host had timed out already.
    HostTimedOut(String),
    /// Not requested: the deadline had passed.
    Deadline,
}

impl Answer {
    /// Worth one more try: the failure may pass.
    fn may_pass(&self) -> bool {
        match self {
            Answer::Status(s) => *s == 429 || *s >= 500,
            Answer::Timeout | Answer::Failed(_) => true,
            Answer::Ok(_) | Answer::HostTimedOut(_) | Answer::Deadline => false,
        }
    }
}

/// One place a URL is cited.
struct Citation<'a> {
    file: &'a std::sync::Arc<SourceFile>,
    span: Option<Span>,
    what: String,
}

/// Checks every URL the descriptors write and reports each broken one as a warning at every
/// place it is cited. Returns the number of distinct URLs, and how many of them were left
/// unchecked (a host that timed out, the deadline).
pub fn check(platforms: &[Descriptor], opts: Options, diags: &mut Diagnostics) -> (usize, usize) {
    let cited = citations(platforms);
    let urls: Vec<&str> = cited.keys().copied().collect();
    let answers = request_all(&urls, opts);
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut late: Vec<&str> = Vec::new();
    for (url, answer) in urls.iter().zip(&answers) {
        let why = match answer {
            Answer::Ok(_) => continue,
            Answer::HostTimedOut(host) => {
                *skipped.entry(host.as_str()).or_default() += 1;
                continue;
            }
            Answer::Deadline => {
                late.push(url);
                continue;
            }
            Answer::Status(s) => format!("answered HTTP {s}"),
            Answer::Timeout => format!("did not answer within {} s", opts.timeout.as_secs_f64()),
            Answer::Failed(e) => format!("could not be reached ({e})"),
        };
        for c in &cited[url] {
            let d = Diagnostic::warning("broken-link", format!("{} `{url}` {why}", c.what))
                .with_help("point at the page as it is now (the vendor may have moved it), or find another page that backs the claim");
            diags.push(match c.span {
                Some(span) => d.at(c.file, span),
                None => d.in_file(c.file),
            });
        }
    }
    let not_checked = skipped.values().sum::<usize>() + late.len();
    for (host, n) in skipped {
        diags.push(
            Diagnostic::warning(
                "links-not-checked",
                format!(
                    "{} on `{host}` not requested: the host timed out on an earlier one",
                    plural(n, "more URL")
                ),
            )
            .with_help("check the host by hand, or run the check again later"),
        );
    }
    if !late.is_empty() {
        const LISTED: usize = 5;
        let mut list = late[..late.len().min(LISTED)].join(", ");
        if late.len() > LISTED {
            let _ = write!(list, ", and {} more", late.len() - LISTED);
        }
        diags.push(
            Diagnostic::warning(
                "links-not-checked",
                format!(
                    "{} not checked: the link deadline of {} s passed first ({list})",
                    plural(late.len(), "URL"),
                    opts.deadline.as_secs_f64()
                ),
            )
            .with_help("raise --link-deadline, or check fewer descriptors at once"),
        );
    }
    (urls.len(), not_checked)
}

/// Every URL a descriptor writes itself, with the places that cite it, in URL order.
fn citations<'a>(platforms: &'a [Descriptor]) -> BTreeMap<&'a str, Vec<Citation<'a>>> {
    let mut cited: BTreeMap<&'a str, Vec<Citation<'a>>> = BTreeMap::new();
    for d in platforms {
        let mut cite = |url: &'a str, span, what: String| {
            cited.entry(url).or_default().push(Citation {
                file: &d.file,
                span,
                what,
            });
        };
        if let (Some(url), Some(span)) = (d.homepage.as_deref(), d.homepage_span) {
            cite(url, Some(span), "homepage".into());
        }
        if let Some(rt) = d.runtimes.as_ref().filter(|e| e.is_own())
            && let Some(url) = rt.source.as_deref()
        {
            cite(
                url,
                rt.source_span.or(rt.span),
                "source of `languages.runtimes`".into(),
            );
        }
        for (r, req) in REQUIREMENTS.iter().enumerate() {
            for (c, crit) in req.criteria.iter().enumerate() {
                let claim = d.claim(r, c);
                if let (true, Some(url)) = (claim.is_own(), claim.source.as_deref())
                    && !super::parse::is_file_place(url)
                {
                    cite(
                        url,
                        claim.source_span.or(claim.span),
                        format!("source of `{}.{}`", req.id, crit.id),
                    );
                }
            }
        }
    }
    cited
}

/// Requests each URL once (retrying as [`Options::retries`] says), at most
/// `opts.concurrency` at a time. Answers come back in the order of `urls`.
pub fn request_all(urls: &[&str], opts: Options) -> Vec<Answer> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!(
            "platform-eval/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let answers: Vec<Mutex<Option<Answer>>> = urls.iter().map(|_| Mutex::new(None)).collect();
    let dead_hosts: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let is_dead = |host: &str| dead_hosts.lock().is_ok_and(|d| d.contains(host));
    let end = Instant::now() + opts.deadline;
    let next = AtomicUsize::new(0);
    let workers = opts.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let host = host_of(url);
                    let mut answer = Answer::Deadline;
                    for _ in 0..=opts.retries {
                        if is_dead(&host) {
                            answer = Answer::HostTimedOut(host.clone());
                            break;
                        }
                        let left = end.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            break;
                        }
                        answer = request(&agent, url, opts.timeout.min(left));
                        if answer == Answer::Timeout && left < opts.timeout {
                            // Cut short by the deadline: not checked, and no word on the host.
                            answer = Answer::Deadline;
                            break;
                        }
                        if !answer.may_pass() {
                            break;
                        }
                    }
                    if answer == Answer::Timeout
                        && let Ok(mut dead) = dead_hosts.lock()
                    {
                        dead.insert(host);
                    }
                    if let Ok(mut slot) = answers[i].lock() {
                        *slot = Some(answer);
                    }
                }
            });
        }
    });
    answers
        .into_iter()
        .map(|m| m.into_inner().ok().flatten().unwrap_or(Answer::Deadline))
        .collect()
}

/// The host (and port) of a URL, for giving up on a host that does not answer.
fn host_of(url: &str) -> String {
    url.parse::<ureq::http::Uri>()
        .ok()
        .and_then(|u| u.authority().map(|a| a.as_str().to_ascii_lowercase()))
        .unwrap_or_else(|| url.to_owned())
}

fn request(agent: &ureq::Agent, url: &str, timeout: Duration) -> Answer {
    let call = agent
        .get(url)
        .config()
        .timeout_global(Some(timeout))
        .build()
        .call();
    match call {
        Ok(resp) => {
            let status = resp.status().as_u16();
            if status >= 400 {
                Answer::Status(status)
            } else {
                Answer::Ok(status)
            }
        }
        Err(ureq::Error::Timeout(_)) => Answer::Timeout,
        Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => Answer::Timeout,
        Err(e) => Answer::Failed(e.to_string()),
    }
}
