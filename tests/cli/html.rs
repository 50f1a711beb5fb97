//! `evaluate --format html`: one self-contained page whose parts can be counted, and in which
//! no descriptor or profile text is ever markup.

use std::path::Path;
use std::process::Command;

use platform_eval::requirements::{CORE, REQUIREMENTS};
use serde_json::Value;

/// Every element the renderer writes; anything else in the page came from the input.
const TAGS: &[&str] = &[
    "!DOCTYPE",
    "a",
    "body",
    "br",
    "button",
    "circle",
    "code",
    "col",
    "colgroup",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "g",
    "h1",
    "h2",
    "h3",
    "head",
    "header",
    "html",
    "input",
    "label",
    "li",
    "line",
    "main",
    "meta",
    "option",
    "p",
    "polygon",
    "rect",
    "section",
    "select",
    "span",
    "strong",
    "style",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "text",
    "th",
    "thead",
    "title",
    "tr",
    "tspan",
    "ul",
];

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .arg("evaluate")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn html(args: &[&str]) -> String {
    let mut all = vec!["--format", "html"];
    all.extend_from_slice(args);
    run(&all)
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run(&all)).expect("valid JSON")
}

/// The text from `start` (which must occur once) to the first `end` after it.
fn element<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    assert_eq!(page.matches(start).count(), 1, "one {start}");
    let at = page.find(start).unwrap();
    let len = page[at..]
        .find(end)
        .unwrap_or_else(|| panic!("{end} after {start}"));
    &page[at..at + len + end.len()]
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The page's two scripts, checked and cut out: the embedded data (JSON, every `<`, `>`
/// and `&` escaped so that no text can end the element) and the repository's own script,
/// byte for byte. What is left is markup only.
fn without_scripts(page: &str) -> String {
    let data_start = "<script type=\"application/json\" id=\"pe-data\">";
    let data = element(page, data_start, "</script>");
    let json = &data[data_start.len()..data.len() - "</script>".len()];
    assert!(
        !json.contains('<') && !json.contains('>') && !json.contains('&'),
        "raw markup characters in the data"
    );
    let _: Value = serde_json::from_str(json).expect("the embedded data is JSON");
    let own = std::fs::read_to_string("src/report/interactive.js").unwrap();
    let script = format!("<script>\n{own}</script>\n");
    assert_eq!(
        page.matches("<script").count(),
        2,
        "only the data and the report's own script"
    );
    assert_eq!(
        page.matches(&script).count(),
        1,
        "the script is src/report/interactive.js as it is"
    );
    page.replace(data, "").replace(&script, "")
}

/// Every tag in the page is one the renderer writes, and the page needs nothing from outside.
fn assert_only_own_markup(page: &str) {
    let page = &without_scripts(page);
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert!(page.ends_with("</html>\n"));
    for (i, _) in page.match_indices('<') {
        let rest = &page[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected <{name} at {}",
            &page[i..(i + 80).min(page.len())]
        );
    }
    // Input quotes are always escaped, so a bare `="` is the renderer's own attribute.
    let lower = page.to_ascii_lowercase();
    for external in ["<script", "<link", "<img", "<iframe", " src=\"", " on"] {
        // ` on…="` would be an event handler.
        let handler = |i: usize| {
            let rest = lower[i + 3..].trim_start_matches(|c: char| c.is_ascii_lowercase());
            in_tag(&lower, i) && rest.starts_with("=\"")
        };
        let hits = lower
            .match_indices(external)
            .filter(|(i, _)| external != " on" || handler(*i));
        assert_eq!(hits.count(), 0, "{external} in the page");
    }
    let style = element(&lower, "<style>", "</style>");
    assert!(!style.contains("@import") && !style.contains("url("));
    // Links go to the page itself or to the web.
    for (i, _) in page.match_indices(" href=\"") {
        let target = &page[i + 7..];
        assert!(
            target.starts_with('#')
                || target.starts_with("https://")
                || target.starts_with("http://"),
            "{}",
            &target[..target.len().min(60)]
        );
    }
}

/// Whether position `i` is inside a tag (after a `<` with no `>` since).
fn in_tag(page: &str, i: usize) -> bool {
    page[..i].rfind('<') > page[..i].rfind('>')
}

#[test]
fn the_catalog_page_has_every_part() {
    let page = html(&[]);
    let doc = json(&[]);
    assert_only_own_markup(&page);
    let platforms = doc["platforms"].as_array().unwrap();
    let ranked = platforms.iter().filter(|p| p["rank"].is_number()).count();
    assert!(ranked >= 5, "the catalog ranks at least five platforms");

    // The question: every requirement's title and meaning, and the method.
    let question = element(&page, "<section id=\"question\">", "</section>");
    // The five; an optional requirement appears only when weighted.
    for req in &REQUIREMENTS[..CORE] {
        assert!(question.contains(req.title), "{}", req.id);
        let meaning = req.meaning.replace('\'', "&#39;");
        assert!(question.contains(&meaning), "{}", req.id);
    }
    assert!(question.contains("<code>wsm</code>"));

    // The recommendation names the JSON's recommended platform.
    let rec = element(&page, "<section id=\"recommendation\"", "</section>");
    let top = doc["recommendation"]["id"]
        .as_str()
        .expect("recommendation id");
    let top = platforms.iter().find(|p| p["id"] == top).unwrap();
    assert!(rec.contains(top["name"].as_str().unwrap()));

    // The radar: one axis and one label per requirement, one shape per top platform, each
    // with a tooltip naming it.
    let radar = element(&page, "<svg class=\"radar\"", "</svg>");
    assert_eq!(count(radar, "class=\"axis\""), CORE);
    assert_eq!(count(radar, "class=\"axis-label\""), CORE);
    for req in &REQUIREMENTS[..CORE] {
        assert!(
            radar.contains(&format!("</title>{}<tspan", req.id)),
            "{}",
            req.id
        );
    }
    assert_eq!(count(radar, "<polygon class=\"platform\""), ranked.min(5));
    assert_eq!(count(radar, "class=\"legend-item\""), ranked.min(5));
    assert_eq!(
        count(radar, "<circle class=\"vertex\""),
        ranked.min(5) * CORE
    );
    for (i, p) in platforms.iter().take(ranked.min(5)).enumerate() {
        let id = p["id"].as_str().unwrap();
        let shape = element(
            radar,
            &format!("<polygon class=\"platform\" data-platform=\"{id}\""),
            "</polygon>",
        );
        assert!(
            shape.contains(&format!("<title>{}", p["name"].as_str().unwrap())),
            "{shape}"
        );
        assert!(shape.contains("fill-opacity="), "{i}: {shape}");
    }

    // The bar chart: one bar per ranked platform.
    let bars = element(&page, "<svg class=\"bars\"", "</svg>");
    assert_eq!(count(bars, "<g class=\"bar\""), ranked);

    // The ranking table: one row per platform, in the JSON's order.
    let table = element(&page, "<table class=\"ranking\">", "</table>");
    let body = element(table, "<tbody>", "</tbody>");
    assert_eq!(count(body, "<tr"), platforms.len());
    let mut at = 0;
    for p in platforms {
        let row = format!("data-platform=\"{}\"", p["id"].as_str().unwrap());
        at += body[at..]
            .find(&row)
            .unwrap_or_else(|| panic!("{row} in rank order"));
    }

    // The evidence: a section per platform, a link per source.
    assert_eq!(
        count(&page, "<details class=\"platform-evidence\""),
        platforms.len()
    );
    // The rubric the levels follow, with every basis word and every criterion's levels.
    let rubric = element(
        &page,
        "<details class=\"platform-evidence rubric\"",
        "</details>",
    );
    for b in platform_eval::requirements::Basis::ALL {
        assert!(rubric.contains(&format!("<code>{b}</code>")), "{b}");
    }
    assert!(rubric.contains("<code>automation.auto_rollback</code>"));
    assert!(rubric.contains("Kubernetes Deployments with readiness probes"));
    // Every source is linked: the criteria of the requirements shown (the five when the
    // optional ones weigh 0), and the facts that decide.
    let is_link = |v: &Value| v["source"].as_str().is_some_and(|s| s.starts_with("http"));
    let criteria: usize = platforms
        .iter()
        .flat_map(|p| {
            let reqs = p["requirements"].as_object().unwrap();
            REQUIREMENTS[..CORE].iter().map(move |r| &reqs[r.id])
        })
        .flat_map(|r| r["criteria"].as_object().unwrap().values())
        .filter(|c| is_link(c))
        .count();
    let facts: usize = platforms
        .iter()
        .flat_map(|p| p["facts"].as_object().unwrap().iter())
        .map(|(key, f)| match key.as_str() {
            "regions" => f
                .as_object()
                .map_or(0, |g| g.values().filter(|c| is_link(c)).count()),
            _ => usize::from(is_link(f)),
        })
        .sum();
    assert!(criteria > 0 && facts > 0);
    let sources = criteria + facts;
    let evidence = element(&page, "<section id=\"evidence\">", "</section>");
    assert!(evidence.contains("<table class=\"evidence facts\">"));
    assert!(evidence.contains("<code>provider</code>"));
    assert_eq!(count(&page, "<a class=\"source\" href=\"http"), sources);

    // No analysis asked for, none shown; and the same input gives the same bytes.
    assert!(!page.contains("id=\"stability\""));
    assert!(!page.contains("id=\"robustness\""));
    assert_eq!(page, html(&[]));
}

#[test]
fn the_analyses_have_their_sections() {
    let page = html(&["--sensitivity", "--robustness", "--samples", "500"]);
    assert_only_own_markup(&page);
    let ranked = json(&[])["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["rank"].is_number())
        .count();
    let stability = element(&page, "<section id=\"stability\">", "</section>");
    assert_eq!(count(stability, "<li>"), CORE);
    let robustness = element(&page, "<table class=\"robustness\">", "</table>");
    let body = element(robustness, "<tbody>", "</tbody>");
    assert_eq!(count(body, "<tr>"), ranked);
    assert!(robustness.contains("<th class=\"num\">First</th>"));
    assert!(page.contains("SMAA-2 over 500 uniform weightings, seed 42"));
}

#[test]
fn excluded_platforms_keep_their_evidence_and_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("self-hosted.toml");
    std::fs::write(&profile, "[require]\nhosting = [\"self-hosted\"]\n").unwrap();
    let profile = profile.to_str().unwrap();
    let page = html(&["--profile", profile]);
    assert_only_own_markup(&page);
    let doc = json(&["--profile", profile]);
    let platforms = doc["platforms"].as_array().unwrap();
    let excluded = platforms.iter().filter(|p| p["rank"].is_null()).count();
    let ranked = platforms.len() - excluded;
    assert!(
        excluded > 0 && ranked > 0,
        "{excluded} excluded, {ranked} ranked"
    );
    assert_eq!(count(&page, "<tr class=\"excluded\""), excluded);
    assert_eq!(count(&page, "Excluded by the profile:"), excluded);
    assert_eq!(
        count(&page, "<details class=\"platform-evidence\""),
        platforms.len()
    );
    let radar = element(&page, "<svg class=\"radar\"", "</svg>");
    assert_eq!(count(radar, "<polygon class=\"platform\""), ranked.min(5));
    let bars = element(&page, "<svg class=\"bars\"", "</svg>");
    assert_eq!(count(bars, "<g class=\"bar\""), ranked);
}

#[test]
fn no_recommendation_when_nothing_qualifies() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("none.toml");
    std::fs::write(&profile, "[require]\nhosting = [\"self-hosted\"]\n").unwrap();
    let beta = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/beta.yaml");
    let page = html(&[
        beta.to_str().unwrap(),
        "--profile",
        profile.to_str().unwrap(),
    ]);
    assert_only_own_markup(&page);
    assert!(page.contains("<p class=\"callout-label\">No recommendation</p>"));
    assert!(!page.contains("<svg"), "no chart of nothing");
    assert_eq!(count(&page, "<details class=\"platform-evidence\""), 1);
}

#[test]
fn descriptor_text_is_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.yaml");
    std::fs::write(
        &path,
        r#"name: '<script>alert(1)</script> & "Co"'
summary: "Summary with <i>tags</i> & 'quotes'"
homepage: https://example.com/?a=1&b=2
kind: paas
hosting: managed
requirements:
  languages:
    runtimes:
      supported: [python]
      note: "<b>bold</b> runtimes"
      source: "https://example.com/rt?x='1'&y='2'"
    custom_runtime:
      level: partial
      note: "<b>partial</b> & <img src=x onerror=alert(1)>"
      source: https://example.com/custom
  containers: { oci_images: native }
"#,
    )
    .unwrap();
    let page = html(&[path.to_str().unwrap(), "--sensitivity"]);
    assert_only_own_markup(&page);
    // The name's `</script>` is in the embedded data only as escapes.
    assert!(
        page.contains("\\u003c/script\\u003e"),
        "escaped in the data"
    );
    let page = without_scripts(&page);
    let lower = page.to_ascii_lowercase();
    for raw in ["<script", "<b>", "<i>", "<img", "onerror=alert"] {
        // `onerror=alert` may only appear inside escaped text, never as an attribute.
        if raw == "onerror=alert" {
            assert!(!lower.contains("<img src=x onerror"), "{raw}");
        } else {
            assert!(!lower.contains(raw), "raw {raw} in the page");
        }
    }
    let name = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;";
    assert!(page.contains(&format!(
        "<title>Deployment platform evaluation — {name}</title>"
    )));
    assert!(page.contains(&format!(
        "<td class=\"name\"><a href=\"#p-hostile\">{name}</a>"
    )));
    assert!(page.contains("<polygon class=\"platform\" data-platform=\"hostile\""));
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt; runtimes"));
    assert!(page.contains("&lt;b&gt;partial&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("Summary with &lt;i&gt;tags&lt;/i&gt; &amp; &#39;quotes&#39;"));
    // URLs in attributes are escaped too.
    assert!(page.contains(
        "<a class=\"source\" href=\"https://example.com/rt?x=&#39;1&#39;&amp;y=&#39;2&#39;\""
    ));
    assert!(page.contains("<a class=\"homepage\" href=\"https://example.com/?a=1&amp;b=2\""));
    // Unknown criteria give the score a range, drawn as a whisker.
    let bars = element(&page, "<svg class=\"bars\"", "</svg>");
    assert_eq!(count(bars, "<g class=\"range\""), 1);
}

#[test]
fn the_page_for_a_meeting_honours_top_and_fits() {
    let page = html(&["--top", "3"]);
    assert_only_own_markup(&page);
    let ranking = element(&page, "<table class=\"ranking", "</table>");
    assert_eq!(
        count(ranking, "<tr class=\"recommended\"") + count(ranking, "<tr data-platform"),
        3
    );
    let heat = element(&page, "<table class=\"heatmap\">", "</table>");
    assert_eq!(count(heat, "<tr data-platform"), 3);
    assert_eq!(count(&page, "<g class=\"bar\""), 3);
    assert!(
        page.contains("more platforms are left out by `--top 3`."),
        "left-out line"
    );
    // Every criterion of the built-in catalog is known: no "98.0–98.0" range column.
    assert!(
        ranking.starts_with("<table class=\"ranking no-range\""),
        "{}",
        &ranking[..80]
    );
    assert!(!ranking.contains("98.0–98.0"));
    // A long name is shortened beside its bar, whole in its title, never over the rank.
    let page = html(&["--only", "alibaba-cloud-ack,kubernetes"]);
    let bar = element(
        &page,
        "<g class=\"bar\" data-platform=\"alibaba-cloud-ack\"",
        "</g>",
    );
    assert!(
        bar.contains(">Alibaba Cloud Container Service … (ACK)</text>"),
        "{bar}"
    );
    assert!(
        bar.contains("<title>Alibaba Cloud Container Service for Kubernetes (ACK):"),
        "{bar}"
    );
    // The command under the sliders wraps between words; criterion headers stand upright.
    assert!(!page.contains("word-break: break-all"));
    assert!(page.contains(
        "table.heatmap th.crit { font-weight: 500; white-space: nowrap; writing-mode: vertical-rl;"
    ));
    // Five shapes at the rim are said to be close; shapes that are not, are not.
    assert!(!element(&page, "<svg class=\"radar\"", "</figure>").contains("near the rim"));
    let page = html(&[]);
    let radar = element(&page, "<svg class=\"radar\"", "</figure>");
    assert!(radar.contains("the shapes lie near the rim"), "{radar}");
}
