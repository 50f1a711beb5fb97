//! `validate --check-links` against a small HTTP server this test starts on the loopback
//! address (the only network a test may use): ok, 404, timeout, redirect, and a URL cited
//! twice requested once.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A loopback server with four pages; it counts the requests for each path and stops when
/// dropped, or after a minute whatever happens.
struct Server {
    port: u16,
    hits: Arc<Mutex<BTreeMap<String, usize>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(Mutex::new(BTreeMap::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (h, s) = (Arc::clone(&hits), Arc::clone(&stop));
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !s.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let h = Arc::clone(&h);
                        thread::spawn(move || serve(stream, &h));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { port, hits, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(stream: TcpStream, hits: &Mutex<BTreeMap<String, usize>>) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Read the headers to their end, so the client sees a clean exchange.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("").to_owned();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    // Paths under a folder count together too.
    if let Some((folder, _)) = path[1..].split_once('/') {
        *hits
            .lock()
            .unwrap()
            .entry(format!("/{folder}/*"))
            .or_default() += 1;
    }
    let response = match path.as_str() {
        p if p.starts_with("/hang/") => {
            // Never answers (within any timeout a test uses).
            thread::sleep(Duration::from_secs(30));
            return;
        }
        p if p.starts_with("/pause/") => {
            thread::sleep(Duration::from_millis(300));
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_owned()
        }
        "/ok" | "/target" => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_owned(),
        "/moved" => {
            "HTTP/1.1 301 Moved Permanently\r\nLocation: /target\r\nContent-Length: 0\r\n\r\n"
                .to_owned()
        }
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_owned()
        }
        _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_owned(),
    };
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

fn descriptor(server: &Server) -> String {
    format!(
        "name: Linked\nsummary: A platform whose sources are on a test server.\nkind: paas\nhosting: managed\nhomepage: {ok}\nreviewed: 2026-11-24\nrequirements:\n  resilience:\n    health_checks: {{level: native, source: {ok}}}\n  observability:\n    metrics: {{level: native, source: {missing}}}\n    tracing: {{level: native, source: {slow}}}\n    alerting: {{level: native, source: {moved}}}\n",
        ok = server.url("/ok"),
        missing = server.url("/missing"),
        slow = server.url("/slow"),
        moved = server.url("/moved"),
    )
}

fn validate(dir: &std::path::Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .arg("validate")
        .arg(dir)
        // Well above what a loaded machine needs for a local answer; /slow takes 3 s.
        .args(["--check-links", "--link-timeout", "1.5"])
        .args(extra)
        .env("NO_COLOR", "1")
        .env("PLATFORM_EVAL_TODAY", "2026-11-24")
        .output()
        .unwrap()
}

#[test]
fn broken_links_are_located_warnings_and_each_url_is_requested_once() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("linked.yaml"), descriptor(&server)).unwrap();

    let out = validate(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "warnings only: {stderr}");
    // Four distinct URLs: /ok is cited twice (homepage and health_checks).
    assert!(stdout.contains("4 links checked"), "{stdout}");

    let file = dir.path().join("linked.yaml").display().to_string();
    let broken: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning[broken-link]"))
        .collect();
    assert_eq!(broken.len(), 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "source of `observability.metrics` `{}` answered HTTP 404",
            server.url("/missing")
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:11:38")),
        "404 located: {stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "source of `observability.tracing` `{}` did not answer within 1.5 s",
            server.url("/slow")
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains("/moved`"),
        "a redirect to a good page is fine: {stderr}"
    );
    assert!(!stderr.contains("/ok`"), "{stderr}");

    assert_eq!(server.hits("/ok"), 1, "cited twice, requested once");
    assert_eq!(server.hits("/missing"), 1, "a 404 is not retried");
    assert_eq!(server.hits("/slow"), 2, "a timeout is retried once");
    assert_eq!(
        (server.hits("/moved"), server.hits("/target")),
        (1, 1),
        "redirect followed"
    );

    // --strict makes them errors: exit 2.
    let out = validate(dir.path(), &["--strict"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("error[broken-link]").count(), 2, "{stderr}");
}

#[test]
fn no_request_is_made_without_the_flag() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("linked.yaml"), descriptor(&server)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .arg("validate")
        .arg(dir.path())
        .env("PLATFORM_EVAL_TODAY", "2026-11-24")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(server.hits("/ok") + server.hits("/missing"), 0);
}

/// Writes `n` descriptors, each citing two URLs of its own under `folder` on the server.
fn write_many(dir: &std::path::Path, server: &Server, folder: &str, n: usize) {
    for i in 0..n {
        let text = format!(
            "name: Many\nsummary: A platform citing two pages.\nkind: paas\nhosting: managed\nhomepage: {}\nreviewed: 2026-11-24\nrequirements:\n  languages:\n    runtimes: {{supported: any, note: any image, source: {}}}\n",
            server.url(&format!("/{folder}/{i}/home")),
            server.url(&format!("/{folder}/{i}/runtimes")),
        );
        std::fs::write(dir.join(format!("p{i}.yaml")), text).unwrap();
    }
}

/// Hardening round 2, defect 5: 500 URLs on a host that never answers cost 500 timeouts.
#[test]
fn a_host_that_timed_out_is_not_asked_again() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    write_many(dir.path(), &server, "hang", 250);
    let out = validate(dir.path(), &["--link-concurrency", "4"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "warnings only: {stderr}");
    // Each of the four workers may time out (and retry) once before the host is given up.
    let asked = server.hits("/hang/*");
    assert!(asked <= 8, "{asked} requests to a host that never answers");
    let timed_out = stderr.matches("did not answer within 1.5 s").count();
    assert!((1..=4).contains(&timed_out), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "warning[links-not-checked]: {} more URLs on `127.0.0.1:{}` not requested: the host timed out on an earlier one",
            500 - timed_out,
            server.port
        )),
        "{stderr}"
    );
}

/// Hardening round 2, defect 5: no overall bound on the check.
#[test]
fn no_request_starts_after_the_deadline_and_the_rest_is_reported() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    write_many(dir.path(), &server, "pause", 50);
    let out = validate(
        dir.path(),
        &["--link-concurrency", "2", "--link-deadline", "1"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "warnings only: {stderr}");
    // 300 ms a page, two at a time, one second: a handful, far from 100.
    let asked = server.hits("/pause/*");
    assert!((1..=12).contains(&asked), "{asked} requested");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let answered: usize = stdout
        .split(", ")
        .find_map(|part| part.strip_suffix(" of 100 links checked"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stdout}"));
    // Requests in flight at the deadline were cut short: asked, not answered.
    assert!(
        answered <= asked && asked <= answered + 2,
        "{answered} of {asked}"
    );
    let line = stderr
        .lines()
        .find(|l| l.starts_with("warning[links-not-checked]"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        line.contains(&format!(
            "{} URLs not checked: the link deadline of 1 s passed first (",
            100 - answered
        )),
        "{line}"
    );
    assert!(line.contains("more)"), "{line}");
    // Not checked is not broken.
    assert!(!stderr.contains("broken-link"), "{stderr}");
    let out = validate(
        dir.path(),
        &[
            "--link-concurrency",
            "2",
            "--link-deadline",
            "1",
            "--strict",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "--strict fails a check left unfinished"
    );
}
