//! The HTML report's live weights, driven in a real headless browser (Debian's chromium,
//! which `scripts/install-test-tools.sh` installs and `.ci/run` runs first): the page's
//! ranking and scores equal `platform-eval evaluate --weight ... --method ... --format json`,
//! and no descriptor text can run script in it.

use std::path::{Path, PathBuf};

use headless_chrome::{Browser, LaunchOptions, Tab};
use rand::{RngExt as _, SeedableRng as _};
use serde_json::Value;

use super::support::stdout_ok;

const REQUIREMENTS: [&str; 5] = [
    "languages",
    "containers",
    "automation",
    "resilience",
    "observability",
];

fn chromium() -> Option<PathBuf> {
    std::env::var_os("CHROME")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        )
        .find(|p| p.exists())
}

/// A headless browser, or `None` (and a message) where none is installed.
fn browser() -> Option<Browser> {
    let Some(path) = chromium() else {
        eprintln!(
            "skipped: no chromium on this machine (bash scripts/install-test-tools.sh installs it; CI always does)"
        );
        return None;
    };
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false) // CI runs as root, where Chromium's sandbox cannot start
        .window_size(Some((1280, 900)))
        .build()
        .expect("launch options");
    Some(Browser::new(options).expect("start chromium"))
}

fn open(browser: &Browser, page: &Path) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().expect("tab");
    tab.navigate_to(&format!("file://{}", page.display()))
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
    tab
}

/// Sets the weights and the method the way a reader does (typing into the number fields,
/// choosing the method), then reads the ranking back from the page.
fn rank_in_page(tab: &Tab, weights: &[f64; 5], method: &str) -> Vec<(String, Option<u64>, f64)> {
    let set: Vec<String> = REQUIREMENTS
        .iter()
        .zip(weights)
        .map(|(r, w)| {
            format!(
                "{{const e = document.getElementById('pe-n-{r}'); e.value = '{w}'; e.dispatchEvent(new Event('input', {{bubbles: true}}));}}"
            )
        })
        .collect();
    let script = format!(
        "(() => {{ {} const m = document.getElementById('pe-method'); m.value = '{method}'; m.dispatchEvent(new Event('change')); \
         return JSON.stringify(Array.from(document.querySelectorAll('table.ranking tbody tr')).map(tr => [tr.dataset.platform, tr.dataset.rank, tr.dataset.score])); }})()",
        set.join(" ")
    );
    let value = tab
        .evaluate(&script, false)
        .expect("script")
        .value
        .expect("a value");
    let rows: Vec<(String, String, String)> =
        serde_json::from_str(value.as_str().expect("a string")).expect("rows");
    rows.into_iter()
        .map(|(id, rank, score)| (id, rank.parse().ok(), score.parse().expect("a score")))
        .collect()
}

#[test]
fn the_page_ranks_as_the_cli_does_for_random_weightings_and_every_method() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    // A profile with [require]: excluded platforms keep no rank and TOPSIS's yardstick is the
    // ranked set, as in the CLI.
    let profile = "examples/profiles/self-hosted.toml";
    stdout_ok(&[
        "evaluate",
        "--profile",
        profile,
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    let tab = open(&browser, &page);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(13);
    for case in 0..20 {
        let weights: [f64; 5] =
            std::array::from_fn(|_| (rng.random_range(0.0..100.0f64) * 1000.0).round() / 1000.0);
        for method in ["wsm", "wpm", "topsis"] {
            let in_page = rank_in_page(&tab, &weights, method);
            let mut args = vec![
                "evaluate".to_owned(),
                "--profile".into(),
                profile.into(),
                "--method".into(),
                method.into(),
                "--format".into(),
                "json".into(),
            ];
            for (r, w) in REQUIREMENTS.iter().zip(&weights) {
                args.push("--weight".into());
                args.push(format!("{r}={w}"));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let cli: Value = serde_json::from_slice(&stdout_ok(&args)).unwrap();
            let cli: Vec<(String, Option<u64>, f64)> = cli["platforms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p["id"].as_str().unwrap().to_owned(),
                        p["rank"].as_u64(),
                        p["score"].as_f64().unwrap() / 100.0,
                    )
                })
                .collect();
            assert_eq!(in_page.len(), cli.len());
            for (a, b) in in_page.iter().zip(&cli) {
                assert_eq!(
                    (&a.0, a.1),
                    (&b.0, b.1),
                    "case {case} {method} {weights:?}: order or rank"
                );
                assert!(
                    (a.2 - b.2).abs() < 1e-9,
                    "case {case} {method} {}: {} vs {}",
                    a.0,
                    a.2,
                    b.2
                );
            }
        }
    }
    // The heatmap follows the ranking; the radar shows the top five until the reader ticks
    // other platforms.
    let order = |sel: &str| -> Vec<String> {
        let js = format!(
            "JSON.stringify(Array.from(document.querySelectorAll('{sel}')).map(e => e.dataset.platform))"
        );
        let v = tab.evaluate(&js, false).unwrap().value.unwrap();
        serde_json::from_str(v.as_str().unwrap()).unwrap()
    };
    let ranking = order("table.ranking tbody tr");
    assert_eq!(order("table.heatmap tbody tr"), ranking);
    let mut radar = order("svg.radar polygon.platform");
    radar.reverse(); // drawn last-first, so the first-ranked is on top
    assert_eq!(radar, ranking[..5].to_vec());
    let tick = format!(
        "(() => {{ document.querySelector('#pe-picker input[value=\"{}\"]').click(); return 1; }})()",
        ranking[9]
    );
    tab.evaluate(&tick, false).unwrap();
    let radar = order("svg.radar polygon.platform");
    assert_eq!(
        radar,
        vec![ranking[9].clone()],
        "only the ticked platform is drawn"
    );
    // "Copy as profile" gives a [weights] block; the page shows the equivalent command.
    let copied = tab
        .evaluate("(() => { document.getElementById('pe-copy').click(); return document.getElementById('pe-copy').dataset.copied; })()", false)
        .unwrap()
        .value
        .unwrap();
    let copied = copied.as_str().unwrap();
    assert!(copied.starts_with("[weights]\nlanguages = "), "{copied}");
    let profile_text: toml::Table = toml::from_str(copied).expect("the copied block is TOML");
    assert_eq!(profile_text["weights"].as_table().unwrap().len(), 5);
    let command = tab
        .evaluate("document.getElementById('pe-command').textContent", false)
        .unwrap()
        .value
        .unwrap();
    // The run's own inputs come first, so the command runs as printed.
    let command = command.as_str().unwrap();
    assert!(
        command.starts_with(
            "platform-eval evaluate --profile examples/profiles/self-hosted.toml --method topsis --weight languages="
        ),
        "{command}"
    );
    // The arrow keys move a focused slider, and the ranking follows.
    let before = tab
        .evaluate("document.getElementById('pe-n-observability').value", false)
        .unwrap()
        .value;
    tab.find_element("#pe-w-observability")
        .unwrap()
        .focus()
        .unwrap();
    tab.press_key("ArrowRight").unwrap();
    let after = tab
        .evaluate("document.getElementById('pe-n-observability').value", false)
        .unwrap()
        .value;
    assert_ne!(
        before, after,
        "an arrow key moves the slider and its number"
    );
    // Screenshots after a slider move, for the README, when asked for (the tick undone, so
    // the radar shows the top five).
    if let Some(dir) = std::env::var_os("PLATFORM_EVAL_SCREENSHOTS") {
        tab.evaluate(&tick, false).unwrap();
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for width in [1280_u32, 800] {
            tab.set_bounds(headless_chrome::types::Bounds::Normal {
                left: Some(0),
                top: Some(0),
                width: Some(f64::from(width)),
                height: Some(1500.0),
            })
            .unwrap();
            tab.evaluate("document.activeElement.blur(); document.getElementById('pe-controls').scrollIntoView(); 1", false)
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(300));
            let png = tab
                .capture_screenshot(
                    headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption::Png,
                    None,
                    None,
                    true,
                )
                .unwrap();
            std::fs::write(dir.join(format!("report-{width}.png")), png).unwrap();
        }
    }
}

#[test]
fn descriptor_text_cannot_run_script_in_the_page() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hostile.yaml"),
        "name: \"</script><script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>\"\n\
         summary: \"<svg onload='window.__pwned = 3'></svg>\"\n\
         requirements:\n  languages:\n    runtimes: any\n    custom_runtime:\n      level: native\n      note: \"</script><script>window.__pwned = 4</script>\"\n      source: https://example.com/x\n",
    )
    .unwrap();
    let page = dir.path().join("report.html");
    stdout_ok(&[
        "evaluate",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    let tab = open(&browser, &page);
    let pwned = tab.evaluate("typeof window.__pwned", false).unwrap().value;
    assert_eq!(
        pwned,
        Some(Value::from("undefined")),
        "descriptor text ran as script"
    );
    // The page's own script did run, and shows the name as text.
    let shown = tab
        .evaluate(
            "document.querySelector('#recommendation .winner a').textContent",
            false,
        )
        .unwrap()
        .value;
    assert_eq!(
        shown,
        Some(Value::from(
            "</script><script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>"
        ))
    );
    let hidden = tab
        .evaluate("document.getElementById('pe-controls').hidden", false)
        .unwrap()
        .value;
    assert_eq!(
        hidden,
        Some(Value::from(false)),
        "the controls are shown once the script runs"
    );
}

#[test]
fn the_live_sentence_names_every_platform_tied_second() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    // GKE Standard and Autopilot tie behind Alibaba SAE under `balanced` (Autopilot changes who
    // runs the nodes, not what the criteria measure).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("platforms");
    let files: Vec<String> = [
        "alibaba-cloud-sae",
        "google-kubernetes-engine",
        "gke-autopilot",
    ]
    .iter()
    .map(|id| {
        root.join(format!("{id}.yaml"))
            .to_string_lossy()
            .into_owned()
    })
    .collect();
    let with_files = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        v.extend(files.iter().cloned());
        v
    };
    let html_args = with_files(&[
        "evaluate",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    stdout_ok(&html_args.iter().map(String::as_str).collect::<Vec<_>>());
    let json_args = with_files(&["evaluate", "--format", "json"]);
    let cli = super::support::json(&json_args.iter().map(String::as_str).collect::<Vec<_>>());
    let seconds: Vec<&str> = cli["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["rank"] == 2)
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        seconds.len(),
        2,
        "the catalog no longer ties in second place"
    );
    let tab = open(&browser, &page);
    rank_in_page(&tab, &[1.0; 5], "wsm");
    let sentence = tab
        .evaluate(
            "document.querySelector('#recommendation .reason').textContent",
            false,
        )
        .unwrap()
        .value
        .unwrap();
    let wanted = format!(
        "points ahead of {} and {}, tied second; strongest in ",
        seconds[0], seconds[1]
    );
    let sentence = sentence.as_str().unwrap();
    assert!(
        sentence.contains(&wanted),
        "{sentence} does not say {wanted}"
    );
    // As much as the CLI's sentence: what it is strongest in and where it trails.
    let cli_reason = cli["recommendation"]["reason"].as_str().unwrap();
    let strongest = cli_reason
        .split("; ")
        .find(|p| p.starts_with("strongest in "))
        .unwrap();
    assert!(sentence.contains(strongest), "{sentence} vs {cli_reason}");
    assert!(
        sentence.ends_with("(method wsm, the weights set above)."),
        "{sentence}"
    );
}
