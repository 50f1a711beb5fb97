//! `validate --check-links`: every `source` and `homepage` a descriptor writes is requested,
//! and each broken one is reported where it is cited.
//!
//! One request per distinct URL however often it is cited; a bounded number at once; a
//! timeout on each; one retry after a network error, a 429 or a 5xx (the usual passing
//! hiccups); redirects followed. A URL that answers 4xx or 5xx, or not at all, is broken.
//! Inherited claims are checked where they are written, in their base.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};
use crate::requirements::REQUIREMENTS;

/// How links are checked.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Longest wait for one request, redirects included.
    pub timeout: Duration,
    /// Tries after the first one fails for a passing reason.
    pub retries: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            concurrency: 8,
            timeout: Duration::from_secs(10),
            retries: 1,
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
}

impl Answer {
    fn is_ok(&self) -> bool {
        matches!(self, Answer::Ok(_))
    }

    /// Worth one more try: the failure may pass.
    fn may_pass(&self) -> bool {
        match self {
            Answer::Status(s) => *s == 429 || *s >= 500,
            Answer::Timeout | Answer::Failed(_) => true,
            Answer::Ok(_) => false,
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
/// place it is cited. Returns the number of distinct URLs requested.
pub fn check(platforms: &[Descriptor], opts: Options, diags: &mut Diagnostics) -> usize {
    let cited = citations(platforms);
    let urls: Vec<&str> = cited.keys().copied().collect();
    let answers = request_all(&urls, opts);
    for (url, answer) in urls.iter().zip(&answers) {
        if answer.is_ok() {
            continue;
        }
        let why = match answer {
            Answer::Status(s) => format!("answered HTTP {s}"),
            Answer::Timeout => format!("did not answer within {} s", opts.timeout.as_secs_f64()),
            Answer::Failed(e) => format!("could not be reached ({e})"),
            Answer::Ok(_) => unreachable!("skipped above"),
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
    urls.len()
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
                if let (true, Some(url)) = (claim.is_own(), claim.source.as_deref()) {
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
    let next = AtomicUsize::new(0);
    let workers = opts.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let mut answer = request(&agent, url);
                    for _ in 0..opts.retries {
                        if !answer.may_pass() {
                            break;
                        }
                        answer = request(&agent, url);
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
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Answer::Failed("not checked".into()))
        })
        .collect()
}

fn request(agent: &ureq::Agent, url: &str) -> Answer {
    match agent.get(url).call() {
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
