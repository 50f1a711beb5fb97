//! `--format html`: one self-contained page (inline style and hand-written SVG charts, no
//! script, no external resource) that opens from disk, reads on a screen and prints.
//!
//! Every piece of descriptor or profile text goes through [`escape`]; only `http`/`https`
//! sources become links. Coordinates are printed with one decimal, so the same evaluation
//! always gives the same bytes.

use std::fmt::Write as _;

use super::{Options, first_share, pct, range_text, robustness_title, share, stability_sentences};
use crate::analysis::Method;
use crate::catalog::descriptor::{Hosting, Kind};
use crate::requirements::{Basis, Level, REQUIREMENTS, RUBRIC_RULES, Source, shown, shown_with};
use crate::score::{Evaluation, PlatformScore};

/// Series colours of the charts (Tableau 10), in rank order.
const PALETTE: [&str; 5] = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1"];
/// Colour of the bars of platforms beyond the radar's top few.
const NEUTRAL: &str = "#aab4bf";
/// Concentric rings of the radar, on the 0–100 scale.
const RINGS: [f64; 4] = [25.0, 50.0, 75.0, 100.0];

/// Radar geometry (SVG user units).
const RADAR_W: f64 = 920.0;
const RADAR_H: f64 = 410.0;
const RADAR_CX: f64 = 300.0;
const RADAR_CY: f64 = 220.0;
const RADAR_R: f64 = 170.0;
const LEGEND_X: f64 = 620.0;

/// Bar chart geometry (SVG user units).
const BARS_W: f64 = 920.0;
const BAR_LABEL_X: f64 = 300.0;
const BAR_X0: f64 = 312.0;
const BAR_SPAN: f64 = 540.0;
const BAR_TOP: f64 = 30.0;
const BAR_ROW: f64 = 24.0;
const BAR_H: f64 = 14.0;

/// Escapes text for HTML content and quoted attribute values (also inside inline SVG).
/// Control characters other than tab and line breaks become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The URL when it is an absolute `http`/`https` one, for an `href`.
fn web_url(s: &str) -> Option<url::Url> {
    url::Url::parse(s.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// A link to a source, or the source as plain text when it is no web address.
fn source_link(s: &str, class: &str) -> String {
    match web_url(s) {
        Some(u) => format!(
            "<a class=\"{class}\" href=\"{}\" rel=\"noreferrer\">{}</a>",
            escape(s.trim()),
            escape(u.host_str().unwrap_or("source"))
        ),
        None => format!("<span class=\"{class}-text\">{}</span>", escape(s)),
    }
}

/// The anchor of a platform's evidence section.
fn anchor(ps: &PlatformScore<'_>) -> String {
    format!("p-{}", escape(&ps.platform.id))
}

fn method_text(m: Method) -> &'static str {
    match m {
        Method::Wsm => "weighted sum of the requirement scores",
        Method::Wpm => "weighted product of the requirement scores",
        Method::Topsis => "TOPSIS: closeness to the ideal among the ranked platforms",
    }
}

/// A light tint for a cell holding a value in [0, 1].
fn tint(rgb: (u8, u8, u8), v: f64, power: i32, strength: f64) -> String {
    let a = v.clamp(0.0, 1.0).powi(power) * strength;
    format!(
        " style=\"background-color: rgba({}, {}, {}, {a:.2})\"",
        rgb.0, rgb.1, rgb.2
    )
}

pub fn render(eval: &Evaluation<'_>, opts: Options) -> String {
    let ranked = eval.platforms.iter().filter(|p| p.rank.is_some()).count();
    let excluded = eval.platforms.len() - ranked;
    let top = eval
        .recommendation
        .as_ref()
        .map(|r| &eval.platforms[r.index]);

    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"platform-eval {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "<title>Deployment platform evaluation{}</title>",
        top.map_or_else(String::new, |p| format!(" — {}", escape(&p.platform.name)))
    );
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");

    // Title and the question.
    out.push_str("<header>\n<p class=\"eyebrow\">platform-eval report</p>\n");
    out.push_str("<h1>Deployment platform evaluation</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"lede\">Which platform should the team deploy its microservices on? \
         {} platform{} scored against {} requirements under the profile <strong>{}</strong>{}.</p>",
        eval.platforms.len(),
        if eval.platforms.len() == 1 { "" } else { "s" },
        shown(&eval.profile.weights).count(),
        escape(&eval.profile.name),
        if excluded > 0 {
            format!("; {excluded} excluded by its constraints")
        } else {
            String::new()
        }
    );
    out.push_str("</header>\n");

    recommendation(&mut out, eval);
    question(&mut out, eval);
    controls(&mut out, eval);
    if ranked > 0 {
        out.push_str("<section id=\"charts\">\n<h2>At a glance</h2>\n<div class=\"charts\">\n");
        radar(&mut out, eval);
        bars(&mut out, eval, opts.top);
        out.push_str("</div>\n</section>\n");
    }
    ranking(&mut out, eval, opts.top);
    heatmap(&mut out, eval, opts.top);

    stability(&mut out, eval);
    robustness(&mut out, eval);
    evidence(&mut out, eval, opts);

    let _ = writeln!(
        out,
        "<footer>Generated by platform-eval {}. Scores run from 0 to 100; every claim links to \
         the documentation it rests on.</footer>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("</main>\n");
    data(&mut out, eval);
    out.push_str("<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// Every platform's level on every criterion, sorted by rank, criteria grouped by
/// requirement: where the close scores at the top differ. Each cell carries the level's word
/// as well as its colour.
fn heatmap(out: &mut String, eval: &Evaluation<'_>, top: Option<usize>) {
    out.push_str(
        "<section id=\"heatmap\">\n<h2>Criterion by criterion</h2>\n<p>Every platform's level on every \
         criterion, in the order of the ranking.</p>\n<div class=\"scroll\"><table class=\"heatmap\">\n<thead><tr><th rowspan=\"2\">Platform</th>",
    );
    for (_, req) in shown_with(&eval.profile.weights) {
        let _ = write!(
            out,
            "<th colspan=\"{}\" class=\"group\">{}</th>",
            req.criteria.len(),
            escape(req.id)
        );
    }
    out.push_str("</tr>\n<tr>");
    for (_, req) in shown_with(&eval.profile.weights) {
        for c in req.criteria {
            let _ = write!(
                out,
                "<th class=\"crit\" title=\"{}\">{}</th>",
                escape(c.meaning),
                escape(&c.id.replace('_', " "))
            );
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    // With --top, the top N only, as every report shows them.
    for ps in super::shown(eval, top) {
        let _ = write!(
            out,
            "<tr data-platform=\"{}\"><th class=\"name\"><a href=\"#{}\">{}</a></th>",
            escape(&ps.platform.id),
            anchor(ps),
            escape(&ps.platform.name)
        );
        for (r, req) in shown_with(&eval.profile.weights) {
            for (c, crit) in req.criteria.iter().enumerate() {
                let cell = match crit.source {
                    Source::Level | Source::Fact => {
                        let l = ps.platform.claim(r, c).value;
                        format!("<td class=\"lvl-{l}\">{l}</td>")
                    }
                    Source::LanguageCoverage => {
                        let v = ps.requirements[r].criteria[c].value;
                        format!(
                            "<td class=\"cov\"{}>{:.0} %</td>",
                            tint((78, 121, 167), v, 1, 0.3),
                            v * 100.0
                        )
                    }
                };
                out.push_str(&cell);
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// The live-weights script: a readable file in the repository, embedded at build time.
const SCRIPT: &str = include_str!("interactive.js");

/// The sliders, the method switch and the buttons: hidden until the script shows them, so
/// that without JavaScript the page is the static report.
fn controls(out: &mut String, eval: &Evaluation<'_>) {
    let w = eval.profile.normalised_weights();
    out.push_str(
        "<section id=\"pe-controls\" class=\"controls\" hidden>\n<h2>Try other weights</h2>\n\
         <p>Move a weight (or type it) and the ranking and the recommendation follow at once, \
         computed as <code>platform-eval evaluate</code> computes them. Weights are relative: they \
         are normalised to sum to 1.</p>\n<div class=\"sliders\">\n",
    );
    for (r, req) in shown_with(&eval.profile.weights) {
        let v = w[r] * 100.0;
        let _ = writeln!(
            out,
            "<div class=\"slider\"><label for=\"pe-w-{id}\">{title} <code>{id}</code></label>\
             <input type=\"range\" id=\"pe-w-{id}\" min=\"0\" max=\"100\" step=\"0.1\" value=\"{v}\">\
             <input type=\"number\" id=\"pe-n-{id}\" min=\"0\" step=\"0.1\" value=\"{v}\" aria-label=\"{title} weight\"></div>",
            id = req.id,
            title = escape(req.title),
        );
    }
    out.push_str("</div>\n<div class=\"control-row\"><label for=\"pe-method\">Method</label> <select id=\"pe-method\">");
    for m in [Method::Wsm, Method::Wpm, Method::Topsis] {
        let _ = write!(
            out,
            "<option value=\"{0}\"{1}>{0}</option>",
            m.as_str(),
            if m == eval.method { " selected" } else { "" }
        );
    }
    out.push_str(
        "</select> <button type=\"button\" id=\"pe-reset\">Reset to the profile</button> \
         <button type=\"button\" id=\"pe-copy\">Copy as profile</button></div>\n\
         <p class=\"muted\">The same from the command line: <code id=\"pe-command\"></code></p>\n</section>\n",
    );
}

/// The facts that decide, with their evidence: what a team's `[require]` gates test.
fn fact_table(out: &mut String, d: &crate::catalog::descriptor::Descriptor) {
    let rows = d.facts.rows();
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "<div class=\"scroll\"><table class=\"evidence facts\">\n<colgroup><col class=\"c-crit\"><col class=\"c-level\"><col></colgroup>\n<thead><tr><th>Fact</th><th>Value</th><th>Evidence</th></tr></thead>\n<tbody>\n",
    );
    for r in rows {
        let mut ev = r.note.map(escape).unwrap_or_default();
        if let Some(s) = r.source {
            if !ev.is_empty() {
                ev.push(' ');
            }
            ev.push_str(&source_link(s, "source"));
        }
        if let Some(b) = r.inherited {
            let _ = write!(
                ev,
                " <span class=\"inherited\">inherited from <code>{}</code></span>",
                escape(&b.id)
            );
        }
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"ev\">{ev}</td></tr>",
            r.key,
            escape(&r.value)
        );
    }
    out.push_str("</tbody></table></div>\n");
}

/// The matrix the script ranks from: each platform's requirement scores (0..1), whether
/// `[require]` excludes it, the profile's normalised weights and the method. JSON inside a
/// script element: every `<`, `>` and `&` is written as a `\u` escape, so no text from a
/// descriptor can close the element or open another.
fn data(out: &mut String, eval: &Evaluation<'_>) {
    // The requirements the page shows; an unweighted optional one changes no ranking.
    let cols: Vec<usize> = shown(&eval.profile.weights).collect();
    let w = eval.profile.normalised_weights();
    let doc = serde_json::json!({
        "method": eval.method.as_str(),
        "tie": crate::analysis::TIE_EPS,
        "weights": cols.iter().map(|&r| w[r]).collect::<Vec<_>>(),
        "requirements": cols.iter().map(|&r| serde_json::json!({"id": REQUIREMENTS[r].id, "title": REQUIREMENTS[r].title})).collect::<Vec<_>>(),
        "platforms": eval.platforms.iter().map(|p| serde_json::json!({
            "id": p.platform.id,
            "name": p.platform.name,
            "anchor": anchor(p),
            "excluded": !p.excluded.is_empty(),
            "scores": cols.iter().map(|&r| p.requirements[r].score).collect::<Vec<_>>(),
            "low": cols.iter().map(|&r| p.bounds.0[r]).collect::<Vec<_>>(),
            "high": cols.iter().map(|&r| p.bounds.1[r]).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        // The run's platforms, profile and selection, for the command under the sliders.
        "invocation": eval.profile.invocation.args(false),
        "palette": PALETTE,
        "radar": {"cx": RADAR_CX, "cy": RADAR_CY, "r": RADAR_R, "legend_x": LEGEND_X},
        "bars": {"x0": BAR_X0, "span": BAR_SPAN, "row": BAR_ROW, "neutral": NEUTRAL},
    });
    let text = serde_json::to_string(&doc)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"pe-data\">{text}</script>"
    );
}

fn recommendation(out: &mut String, eval: &Evaluation<'_>) {
    match &eval.recommendation {
        Some(r) => {
            let ps = &eval.platforms[r.index];
            out.push_str("<section id=\"recommendation\" class=\"callout\">\n");
            out.push_str("<p class=\"callout-label\">Recommendation</p>\n");
            let _ = writeln!(
                out,
                "<p class=\"winner\"><a href=\"#{}\">{}</a> <span class=\"pill\">{}</span></p>",
                anchor(ps),
                escape(&ps.platform.name),
                pct(ps.score)
            );
            let _ = writeln!(out, "<p class=\"reason\">{}</p>", escape(&r.reason));
            if let (Some(s), Some(title)) =
                (first_share(eval, &ps.platform.id), robustness_title(eval))
            {
                let _ = writeln!(
                    out,
                    "<p class=\"note\">First in {} of the weightings sampled ({}).</p>",
                    share(s),
                    escape(&title)
                );
            }
            out.push_str("</section>\n");
        }
        None => out.push_str(
            "<section id=\"recommendation\" class=\"callout none\">\n\
             <p class=\"callout-label\">No recommendation</p>\n\
             <p class=\"reason\">Every platform misses a <code>[require]</code> constraint of the \
             profile, so none is ranked.</p>\n</section>\n",
        ),
    }
}

fn question(out: &mut String, eval: &Evaluation<'_>) {
    let w = eval.profile.normalised_weights();
    out.push_str("<section id=\"question\">\n<h2>The question</h2>\n");
    let _ = writeln!(
        out,
        "<p>Each platform gets a score from 0 to 100 on each of the {} requirements a \
         microservice platform must meet: the criteria of a requirement are scored from their \
         stated level, and the overall score combines the requirements with the profile's \
         weights.</p>",
        shown(&eval.profile.weights).count()
    );
    out.push_str(
        "<div class=\"scroll\"><table class=\"requirements\">\n<thead><tr><th>Requirement</th>\
         <th>What it asks</th><th class=\"num\">Weight</th></tr></thead>\n<tbody>\n",
    );
    for (r, req) in shown_with(&eval.profile.weights) {
        let criteria: Vec<String> = req
            .criteria
            .iter()
            .map(|c| format!("<code title=\"{}\">{}</code>", escape(c.meaning), c.id))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td><strong>{}</strong><br><code>{}</code></td><td>{}<div class=\"criteria\">{}</div></td>\
             <td class=\"num weight\"><span class=\"meter\"><span style=\"width: {:.1}%\"></span></span> {}</td></tr>",
            escape(req.title),
            escape(req.id),
            escape(req.meaning),
            criteria.join(" "),
            w[r] * 100.0,
            share(w[r])
        );
    }
    out.push_str("</tbody>\n</table></div>\n<dl class=\"facts\">\n");
    let _ = writeln!(
        out,
        "<div><dt>Profile</dt><dd>{}</dd></div>",
        escape(&eval.profile.name)
    );
    let _ = writeln!(
        out,
        "<div><dt>Method</dt><dd><code>{}</code> — {}</dd></div>",
        eval.method.as_str(),
        method_text(eval.method)
    );
    let langs = if eval.profile.languages.is_empty() {
        "none named".to_owned()
    } else {
        eval.profile
            .languages
            .iter()
            .map(|l| escape(l))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(out, "<div><dt>Team languages</dt><dd>{langs}</dd></div>");
    let _ = writeln!(
        out,
        "<div><dt>Unknown counts as</dt><dd>{}</dd></div>",
        eval.profile.unknown_as
    );
    let constraints = if eval.profile.require.is_empty() {
        "none".to_owned()
    } else {
        eval.profile
            .require
            .iter()
            .map(|c| escape(&c.to_string()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let _ = writeln!(out, "<div><dt>Constraints</dt><dd>{constraints}</dd></div>");
    out.push_str("</dl>\n</section>\n");
}

fn ranking(out: &mut String, eval: &Evaluation<'_>, top: Option<usize>) {
    let robust = eval.robustness.is_some();
    let rows = super::shown(eval, top);
    // Every criterion known on every row: the range is the score itself, and its column
    // says nothing (it stays in the page, hidden, for the script's sake).
    let ranges = rows
        .iter()
        .any(|p| p.range.is_some_and(|(lo, hi)| pct(lo) != pct(hi)));
    let class = if ranges {
        "ranking"
    } else {
        "ranking no-range"
    };
    out.push_str("<section id=\"ranking\">\n<h2>Ranking</h2>\n");
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"{class}\">\n<thead><tr><th class=\"num\">Rank</th><th>Platform</th><th class=\"num\">Score</th><th class=\"num\">Range</th>"
    );
    for (_, req) in shown_with(&eval.profile.weights) {
        let _ = write!(
            out,
            "<th class=\"num req\" title=\"{}\">{}</th>",
            escape(req.title),
            escape(req.id)
        );
    }
    out.push_str("<th class=\"num\">Coverage</th>");
    if robust {
        out.push_str("<th class=\"num\" title=\"Share of sampled weightings in which it ranks first\">First in</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let recommended = eval.recommendation.as_ref().map(|r| r.index);
    for (i, ps) in rows.iter().enumerate() {
        let class = if ps.rank.is_none() {
            " class=\"excluded\""
        } else if Some(i) == recommended {
            " class=\"recommended\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<tr{class} data-platform=\"{}\"><td class=\"num\">{}</td><td class=\"name\"><a href=\"#{}\">{}</a>{}</td>\
             <td class=\"num score\">{}</td><td class=\"num muted\">{}</td>",
            escape(&ps.platform.id),
            ps.rank.map_or_else(|| "–".to_owned(), |r| r.to_string()),
            anchor(ps),
            escape(&ps.platform.name),
            if ps.rank.is_none() {
                " <span class=\"tag\">excluded</span>"
            } else {
                ""
            },
            pct(ps.score),
            match ps.range {
                Some((lo, hi)) if pct(lo) == pct(hi) => pct(lo),
                r => range_text(r),
            }
        );
        for r in shown(&eval.profile.weights).map(|r| &ps.requirements[r]) {
            let _ = write!(
                out,
                "<td class=\"num\"{}>{}</td>",
                tint((78, 121, 167), r.score, 3, 0.26),
                pct(r.score)
            );
        }
        let _ = write!(out, "<td class=\"num\">{:.0} %</td>", ps.coverage * 100.0);
        if robust {
            let _ = write!(
                out,
                "<td class=\"num\">{}</td>",
                first_share(eval, &ps.platform.id).map_or_else(|| "–".to_owned(), share)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    if let Some(line) = super::left_out(eval, top) {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(&line));
    }
    for ps in rows.iter().filter(|p| !p.excluded.is_empty()) {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Excluded <strong>{}</strong>: {}.</p>",
            escape(&ps.platform.name),
            escape(&ps.excluded.join("; "))
        );
    }
    for ps in eval.platforms.iter().filter(|p| !p.caveats.is_empty()) {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Note on <strong>{}</strong>: {}.</p>",
            escape(&ps.platform.name),
            escape(&ps.caveats.join("; "))
        );
    }
    out.push_str("</section>\n");
}

/// A point of the radar: requirement `j` of `n` at `v` in [0, 1], clockwise from the top.
fn radar_point(j: usize, n: usize, v: f64) -> (f64, f64) {
    let a = std::f64::consts::TAU * j as f64 / n as f64;
    (
        RADAR_CX + RADAR_R * v * a.sin(),
        RADAR_CY - RADAR_R * v * a.cos(),
    )
}

fn points(pts: impl Iterator<Item = (f64, f64)>) -> String {
    pts.map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn radar(out: &mut String, eval: &Evaluation<'_>) {
    let top: Vec<&PlatformScore<'_>> = eval
        .platforms
        .iter()
        .filter(|p| p.rank.is_some())
        .take(PALETTE.len())
        .collect();
    let cols: Vec<usize> = shown(&eval.profile.weights).collect();
    let n = cols.len();
    let w = eval.profile.normalised_weights();
    // Shapes that all hug the rim say only that the leaders are close: say so in words.
    let lowest = top
        .iter()
        .flat_map(|p| cols.iter().map(|&r| p.requirements[r].score))
        .fold(1.0, f64::min);
    let near_rim = if top.len() > 1 && lowest >= 0.8 {
        format!(
            " Every score here is {} or more, so the shapes lie near the rim: on these \
             requirements the leaders differ little, and the ranking and the criterion table \
             below show where they do.",
            pct(lowest)
        )
    } else {
        String::new()
    };
    out.push_str("<figure class=\"chart\">\n<h3 class=\"chart-title\">Requirement scores</h3>\n");
    let _ = writeln!(
        out,
        "<svg class=\"radar\" viewBox=\"0 0 {RADAR_W:.0} {RADAR_H:.0}\" role=\"img\" \
         aria-label=\"Requirement scores of the top {} platforms\" xmlns=\"http://www.w3.org/2000/svg\">",
        top.len()
    );
    // Rings; their values go on the middle of the bottom edge, away from the axes and their
    // labels, and are drawn over the platforms (with a halo) so they stay legible.
    let mut ring_labels = String::from("<g class=\"ring-labels\">\n");
    out.push_str("<g class=\"grid\">\n");
    for ring in RINGS {
        let v = ring / 100.0;
        let _ = writeln!(
            out,
            "<polygon class=\"ring\" points=\"{}\" fill=\"none\" stroke=\"#dde2e8\" stroke-width=\"1\"/>",
            points((0..n).map(|j| radar_point(j, n, v)))
        );
        let k = (n - 1) / 2;
        let ((x1, y1), (x2, y2)) = (radar_point(k, n, v), radar_point(k + 1, n, v));
        let _ = writeln!(
            ring_labels,
            "<text class=\"ring-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{ring:.0}</text>",
            f64::midpoint(x1, x2),
            f64::midpoint(y1, y2) - 3.0
        );
    }
    out.push_str("</g>\n<g class=\"axes\">\n");
    for (j, req) in cols.iter().map(|&r| &REQUIREMENTS[r]).enumerate() {
        let (x, y) = radar_point(j, n, 1.0);
        let _ = writeln!(
            out,
            "<line class=\"axis\" x1=\"{RADAR_CX:.1}\" y1=\"{RADAR_CY:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#c5ccd4\" stroke-width=\"1\"/>"
        );
        let a = std::f64::consts::TAU * j as f64 / n as f64;
        let (lx, ly) = radar_point(j, n, (RADAR_R + 16.0) / RADAR_R);
        let anchor = if a.sin().abs() < 0.1 {
            "middle"
        } else if a.sin() > 0.0 {
            "start"
        } else {
            "end"
        };
        // Two lines (id, then weight): above the top axis, below the lower ones.
        let first = if a.cos() > 0.9 {
            ly - 18.0
        } else if a.cos() < -0.5 {
            ly + 12.0
        } else {
            ly + 2.0
        };
        let _ = writeln!(
            out,
            "<text class=\"axis-label\" x=\"{lx:.1}\" y=\"{first:.1}\" text-anchor=\"{anchor}\">\
             <title>{}: {}</title>{}<tspan class=\"axis-weight\" x=\"{lx:.1}\" dy=\"15\">weight {}</tspan></text>",
            escape(req.title),
            escape(req.meaning),
            escape(req.id),
            share(w[j])
        );
    }
    out.push_str("</g>\n<g class=\"series\">\n");
    // The first-ranked platform is drawn last, on top.
    for (i, ps) in top.iter().enumerate().rev() {
        let colour = PALETTE[i];
        let name = escape(&ps.platform.name);
        let values: Vec<String> = cols
            .iter()
            .map(|&r| format!("{} {}", REQUIREMENTS[r].id, pct(ps.requirements[r].score)))
            .collect();
        let _ = writeln!(
            out,
            "<polygon class=\"platform\" data-platform=\"{}\" points=\"{}\" fill=\"{colour}\" \
             fill-opacity=\"0.06\" stroke=\"{colour}\" stroke-width=\"2\" stroke-linejoin=\"round\">\
             <title>{name} (rank {}, score {}): {}</title></polygon>",
            escape(&ps.platform.id),
            points(cols.iter().enumerate().map(|(j, &r)| radar_point(
                j,
                n,
                ps.requirements[r].score
            ))),
            ps.rank.unwrap_or(0),
            pct(ps.score),
            values.join(", ")
        );
        for (j, r) in cols.iter().map(|&r| &ps.requirements[r]).enumerate() {
            let (x, y) = radar_point(j, n, r.score);
            let _ = writeln!(
                out,
                "<circle class=\"vertex\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{colour}\" \
                 stroke=\"#ffffff\" stroke-width=\"1\"><title>{name} — {}: {}</title></circle>",
                REQUIREMENTS[cols[j]].id,
                pct(r.score)
            );
        }
    }
    out.push_str("</g>\n");
    out.push_str(&ring_labels);
    out.push_str("</g>\n<g class=\"legend\">\n");
    let legend_top = RADAR_CY - (top.len() as f64 * 40.0) / 2.0;
    for (i, ps) in top.iter().enumerate() {
        let y = legend_top + i as f64 * 40.0;
        let _ = writeln!(
            out,
            "<g class=\"legend-item\"><rect x=\"{LEGEND_X:.1}\" y=\"{:.1}\" width=\"16\" height=\"16\" rx=\"3\" \
             fill=\"{c}\" fill-opacity=\"0.25\" stroke=\"{c}\" stroke-width=\"2\"/>\
             <text class=\"legend-name\" x=\"{:.1}\" y=\"{:.1}\">{}</text>\
             <text class=\"legend-meta\" x=\"{:.1}\" y=\"{:.1}\">rank {} · score {}</text></g>",
            y + 2.0,
            LEGEND_X + 26.0,
            y + 14.0,
            escape(&ps.platform.name),
            LEGEND_X + 26.0,
            y + 30.0,
            ps.rank.unwrap_or(0),
            pct(ps.score),
            c = PALETTE[i]
        );
    }
    out.push_str("</g>\n</svg>\n");
    out.push_str(
        "<div class=\"picker\" id=\"pe-picker\" role=\"group\" aria-label=\"Platforms shown on the radar (none ticked: the top five)\" hidden></div>\n",
    );
    let _ = writeln!(
        out,
        "<figcaption>Requirement scores (0–100) of the top {} ranked platform{}; hover a shape \
         or a point for its values.{}</figcaption>\n</figure>",
        top.len(),
        if top.len() == 1 { "" } else { "s" },
        near_rim
    );
}

/// How many characters of a name fit left of a bar, clear of the rank (at the chart's 13 px
/// font, about 7 px a character).
const BAR_LABEL_CHARS: usize = 40;

/// `name` within `max` characters: whole when it fits; else its first words and, when it
/// ends with one, its acronym in parentheses ("Alibaba Cloud Container … (ACK)"), or its
/// first words and an ellipsis.
fn fit_label(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let tail = name
        .rfind(" (")
        .filter(|_| name.ends_with(')'))
        .map_or("", |i| &name[i..]);
    let room = max.saturating_sub(tail.chars().count() + 2);
    let mut head = String::new();
    for word in name[..name.len() - tail.len()].split(' ') {
        if head.chars().count() + word.chars().count() + 1 > room {
            break;
        }
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(word);
    }
    if head.is_empty() {
        head = name.chars().take(room).collect();
    }
    format!("{head} …{tail}")
}

fn bars(out: &mut String, eval: &Evaluation<'_>, top: Option<usize>) {
    let ranked: Vec<&PlatformScore<'_>> = super::shown(eval, top)
        .iter()
        .filter(|p| p.rank.is_some())
        .collect();
    let height = BAR_TOP + ranked.len() as f64 * BAR_ROW + 8.0;
    let x_of = |v: f64| BAR_X0 + BAR_SPAN * v.clamp(0.0, 1.0);
    out.push_str("<figure class=\"chart\">\n<h3 class=\"chart-title\">Overall score</h3>\n");
    let _ = writeln!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 {BARS_W:.0} {height:.0}\" role=\"img\" \
         aria-label=\"Overall score of every ranked platform\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    out.push_str("<g class=\"grid\">\n");
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(tick / 100.0);
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#e4e7eb\" stroke-width=\"1\"/>\
             <text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{tick:.0}</text>",
            BAR_TOP - 6.0,
            height - 4.0,
            BAR_TOP - 12.0
        );
    }
    out.push_str("</g>\n");
    let recommended = eval
        .recommendation
        .as_ref()
        .map(|r| &eval.platforms[r.index].platform.id);
    for (i, ps) in ranked.iter().enumerate() {
        let y = BAR_TOP + i as f64 * BAR_ROW + (BAR_ROW - BAR_H) / 2.0;
        let mid = y + BAR_H / 2.0;
        let colour = PALETTE.get(i).copied().unwrap_or(NEUTRAL);
        let name = escape(&ps.platform.name);
        // A long name is shortened to fit left of its bar, clear of its rank; the whole name
        // is in the bar's title.
        let label = escape(&fit_label(&ps.platform.name, BAR_LABEL_CHARS));
        let strong = if recommended == Some(&ps.platform.id) {
            " font-weight=\"700\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<g class=\"bar\" data-platform=\"{}\">\
             <text class=\"bar-rank\" x=\"24\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <text class=\"bar-label\" x=\"{BAR_LABEL_X:.1}\" y=\"{:.1}\" text-anchor=\"end\"{strong}>{label}</text>\
             <rect x=\"{BAR_X0:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BAR_H:.1}\" rx=\"2\" fill=\"{colour}\">\
             <title>{name}: {} (range {})</title></rect>",
            escape(&ps.platform.id),
            mid + 4.5,
            ps.rank.unwrap_or(0),
            mid + 4.5,
            x_of(ps.score) - BAR_X0,
            pct(ps.score),
            range_text(ps.range)
        );
        let mut end = x_of(ps.score);
        // A range that prints as one number (every criterion known) has nothing to show.
        if let Some((lo, hi)) = ps.range.filter(|(lo, hi)| pct(*lo) != pct(*hi)) {
            let (x1, x2) = (x_of(lo), x_of(hi));
            end = end.max(x2);
            let _ = write!(
                out,
                "<g class=\"range\" stroke=\"#3e4c59\" stroke-width=\"1.5\">\
                 <title>{name}: {} with every unknown criterion at the lowest and at the highest level</title>\
                 <line x1=\"{x1:.1}\" y1=\"{mid:.1}\" x2=\"{x2:.1}\" y2=\"{mid:.1}\"/>\
                 <line x1=\"{x1:.1}\" y1=\"{:.1}\" x2=\"{x1:.1}\" y2=\"{:.1}\"/>\
                 <line x1=\"{x2:.1}\" y1=\"{:.1}\" x2=\"{x2:.1}\" y2=\"{:.1}\"/></g>",
                range_text(ps.range),
                mid - 4.0,
                mid + 4.0,
                mid - 4.0,
                mid + 4.0
            );
        }
        let _ = writeln!(
            out,
            "<text class=\"bar-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            end + 8.0,
            mid + 4.5,
            pct(ps.score)
        );
    }
    out.push_str("</svg>\n");
    let whiskers = match eval.method {
        Method::Topsis => {
            "TOPSIS scores depend on the other platforms, so no range is drawn.".to_owned()
        }
        _ => "Where a platform leaves criteria unknown, a whisker spans its score with every \
              unknown at the lowest and at the highest level."
            .to_owned(),
    };
    let _ = writeln!(
        out,
        "<figcaption>Overall score (0–100) of every ranked platform, method <code>{}</code>. \
         {whiskers}</figcaption>\n</figure>",
        eval.method.as_str()
    );
}

fn stability(out: &mut String, eval: &Evaluation<'_>) {
    let sentences = stability_sentences(eval);
    if sentences.is_empty() {
        return;
    }
    out.push_str("<section id=\"stability\">\n<h2>Weight stability</h2>\n");
    out.push_str(
        "<p>For each requirement, the range of its weight over which the recommended platform \
         stays first.</p>\n<ul class=\"sentences\">\n",
    );
    for s in &sentences {
        let _ = writeln!(out, "<li>{}</li>", escape(s));
    }
    out.push_str("</ul>\n</section>\n");
}

fn robustness(out: &mut String, eval: &Evaluation<'_>) {
    let (Some(title), Some(rob)) = (robustness_title(eval), &eval.robustness) else {
        return;
    };
    let k = eval.matrix.ids.len().min(5);
    out.push_str("<section id=\"robustness\">\n<h2>Robustness</h2>\n");
    let _ = writeln!(
        out,
        "<p>{}: the share of weightings in which each platform takes each rank.</p>",
        escape(&title)
    );
    out.push_str("<div class=\"scroll\"><table class=\"robustness\">\n<thead><tr><th>Platform</th><th class=\"num\">First</th>");
    for r in 2..=k {
        let _ = write!(out, "<th class=\"num\">Rank {r}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for ps in eval.platforms.iter().filter(|p| p.rank.is_some()) {
        let Some(row) = eval.matrix.ids.iter().position(|id| id == &ps.platform.id) else {
            continue;
        };
        let _ = write!(out, "<tr><td>{}</td>", escape(&ps.platform.name));
        for r in 0..k {
            let v = rob.result.acceptability[row][r];
            let _ = write!(
                out,
                "<td class=\"num\"{}>{}</td>",
                tint((242, 142, 43), v, 1, 0.6),
                share(v)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn evidence(out: &mut String, eval: &Evaluation<'_>, opts: Options) {
    out.push_str("<section id=\"evidence\">\n<h2>Evidence</h2>\n");
    out.push_str(
        "<p>The level, value, weight, note and source behind every score, platform by platform \
         (ranked, then excluded).</p>\n",
    );
    let open = if opts.explain { " open" } else { "" };
    for ps in super::shown(eval, opts.top) {
        let d = ps.platform;
        let rank = ps.rank.map_or_else(
            || "<span class=\"tag\">excluded</span>".to_owned(),
            |r| format!("#{r}"),
        );
        let meta: Vec<&str> = [d.kind.map(Kind::as_str), d.hosting.map(Hosting::as_str)]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(
            out,
            "<details class=\"platform-evidence\" id=\"{}\"{open}>\n<summary><span class=\"rank\">{rank}</span>\
             <span class=\"name\">{}</span><span class=\"meta\">{}</span><span class=\"pill\">{}</span></summary>",
            anchor(ps),
            escape(&d.name),
            escape(&meta.join(" · ")),
            pct(ps.score)
        );
        out.push_str("<div class=\"body\">\n");
        if let Some(s) = &d.summary {
            let _ = writeln!(out, "<p>{}</p>", escape(s));
        }
        let mut facts = vec![
            format!("id <code>{}</code>", escape(&d.id)),
            format!("coverage {:.0} %", ps.coverage * 100.0),
            format!("range {}", range_text(ps.range)),
        ];
        if let Some(h) = &d.homepage {
            facts.push(format!("homepage {}", source_link(h, "homepage")));
        }
        if let Some(r) = &d.reviewed {
            facts.push(format!("reviewed {}", r.value));
        }
        facts.push(format!("origin {}", escape(d.origin())));
        let _ = writeln!(out, "<p class=\"facts-line\">{}</p>", facts.join(" · "));
        if !ps.excluded.is_empty() {
            out.push_str(
                "<div class=\"exclusion\"><strong>Excluded by the profile:</strong><ul>\n",
            );
            for reason in &ps.excluded {
                let _ = writeln!(out, "<li>{}</li>", escape(reason));
            }
            out.push_str("</ul></div>\n");
        }
        fact_table(out, d);
        out.push_str(
            "<div class=\"scroll\"><table class=\"evidence\">\n<colgroup><col class=\"c-crit\"><col class=\"c-level\"><col class=\"c-num\"><col class=\"c-num\"><col></colgroup>\n<thead><tr><th>Criterion</th><th>Level</th>\
             <th class=\"num\">Value</th><th class=\"num\">Weight</th><th>Evidence</th></tr></thead>\n",
        );
        for (r, req) in shown_with(&eval.profile.weights) {
            let _ = writeln!(
                out,
                "<tbody><tr class=\"req-row\"><th colspan=\"5\">{} <code>{}</code><span class=\"req-score\">{}</span></th></tr>",
                escape(req.title),
                escape(req.id),
                pct(ps.requirements[r].score)
            );
            for (c, crit) in req.criteria.iter().enumerate() {
                let cs = &ps.requirements[r].criteria[c];
                let mut basis = None;
                let (level, note, source) = match crit.source {
                    Source::Level | Source::Fact => {
                        let claim = d.claim(r, c);
                        basis = claim.basis;
                        (
                            Some(claim.value),
                            claim.note.as_deref(),
                            claim.source.as_deref(),
                        )
                    }
                    Source::LanguageCoverage => {
                        let rt = d.runtimes.as_ref();
                        (
                            None,
                            rt.and_then(|e| e.note.as_deref()),
                            rt.and_then(|e| e.source.as_deref()),
                        )
                    }
                };
                let badge = match level {
                    // The rubric's meaning of the level for this criterion, and the claim's basis.
                    Some(l) => format!(
                        "<span class=\"lvl lvl-{l}\" title=\"{}\">{l}</span>{}",
                        escape(
                            crit.rubric
                                .meaning(l)
                                .unwrap_or("the documentation does not settle it")
                        ),
                        basis.map_or_else(String::new, |b| format!(
                            "<div class=\"basis\" title=\"{}\">{b}</div>",
                            escape(b.meaning())
                        ))
                    ),
                    None if d.runtimes.is_none() => format!(
                        "<span class=\"lvl lvl-{}\">{}</span>",
                        Level::Unknown,
                        Level::Unknown
                    ),
                    None => "<span class=\"lvl lvl-derived\">derived</span>".to_owned(),
                };
                let mut ev = String::new();
                if let Some(n) = note {
                    ev.push_str(&escape(n));
                }
                if let Some(s) = source {
                    if !ev.is_empty() {
                        ev.push(' ');
                    }
                    ev.push_str(&source_link(s, "source"));
                }
                if let Some(b) = d.backing(r, c).inherited {
                    let _ = write!(
                        ev,
                        " <span class=\"inherited\">inherited from <code>{}</code></span>",
                        escape(&b.id)
                    );
                }
                if !cs.languages.is_empty() {
                    let chips: Vec<String> = cs
                        .languages
                        .iter()
                        .map(|(lang, v)| {
                            let class = if *v >= 1.0 {
                                "lang ok"
                            } else if *v <= 0.0 {
                                "lang miss"
                            } else {
                                "lang part"
                            };
                            format!(
                                "<span class=\"{class}\" title=\"{}: {v:.2}\">{}</span>",
                                escape(lang),
                                escape(lang)
                            )
                        })
                        .collect();
                    let _ = write!(ev, "<div class=\"langs\">{}</div>", chips.join(""));
                }
                let _ = writeln!(
                    out,
                    "<tr><td><code>{}</code><div class=\"meaning\">{}</div></td><td>{badge}</td>\
                     <td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td class=\"ev\">{ev}</td></tr>",
                    escape(crit.id),
                    escape(crit.meaning),
                    cs.value,
                    cs.weight
                );
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table></div>\n</div>\n</details>\n");
    }
    rubric(out);
    out.push_str("</section>\n");
}

/// The rubric the levels follow, folded under the evidence.
fn rubric(out: &mut String) {
    out.push_str(
        "<details class=\"platform-evidence rubric\" id=\"rubric\">\n<summary><span class=\"name\">The rubric: what each level means</span></summary>\n<div class=\"body\">\n<ul>\n",
    );
    for rule in RUBRIC_RULES {
        let _ = writeln!(out, "<li>{}</li>", escape(rule));
    }
    out.push_str("</ul>\n<div class=\"scroll\"><table class=\"rubric\">\n<thead><tr><th>Basis</th><th>Level</th><th>The situation</th></tr></thead>\n<tbody>\n");
    for b in Basis::ALL {
        let _ = writeln!(
            out,
            "<tr><td><code>{b}</code></td><td><span class=\"lvl lvl-{l}\">{l}</span></td><td>{}</td></tr>",
            escape(b.meaning()),
            l = b.level()
        );
    }
    out.push_str("</tbody></table></div>\n<div class=\"scroll\"><table class=\"rubric\">\n<thead><tr><th>Criterion</th><th>native</th><th>addon</th><th>partial</th><th>none</th></tr></thead>\n<tbody>\n");
    for req in &REQUIREMENTS {
        for c in req.criteria.iter().filter(|c| c.source == Source::Level) {
            let cell = |l| escape(c.rubric.meaning(l).unwrap_or_default());
            let _ = writeln!(
                out,
                "<tr><td><code>{}.{}</code><div class=\"meaning\">{}</div></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(req.id),
                escape(c.id),
                escape(c.rubric.example),
                cell(Level::Native),
                cell(Level::Addon),
                cell(Level::Partial),
                cell(Level::None)
            );
        }
    }
    out.push_str("</tbody></table></div>\n</div>\n</details>\n");
}

const STYLE: &str = r#":root {
  --ink: #1f2933; --muted: #616e7c; --faint: #9aa5b1; --line: #e4e7eb; --soft: #f5f7fa;
  --accent: #2f5d8a; --accent-soft: #eef4fa;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--soft); color: var(--ink);
  font: 15px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 40px 44px 48px; background: #fff; min-height: 100vh; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 10px; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
p { margin: 0 0 12px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.86em; background: var(--soft); padding: 1px 5px; border-radius: 4px; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; font-weight: 600; color: var(--accent); margin-bottom: 6px; }
.lede { font-size: 17px; color: var(--muted); max-width: 52em; }
.muted { color: var(--muted); }
.callout { margin: 28px 0 8px; padding: 18px 22px; border-radius: 10px; background: var(--accent-soft); border-left: 5px solid var(--accent); }
.callout.none { background: #fdf3f2; border-left-color: #c0392b; }
.callout-label { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; font-weight: 700; color: var(--accent); margin-bottom: 4px; }
.callout.none .callout-label { color: #c0392b; }
.winner { font-size: 24px; font-weight: 700; margin-bottom: 6px; }
.winner a { color: var(--ink); }
.reason { margin: 0; max-width: 60em; }
.callout .note { margin: 8px 0 0; color: var(--muted); font-size: 14px; }
.pill { display: inline-block; font-size: 13px; font-weight: 700; padding: 1px 9px; border-radius: 12px; background: var(--accent); color: #fff; vertical-align: middle; font-variant-numeric: tabular-nums; }
.winner .pill { font-size: 15px; padding: 2px 11px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; border-bottom: 2px solid #cbd2d9; white-space: nowrap; vertical-align: bottom; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.ranking td { vertical-align: middle; }
table.ranking th, table.ranking td { padding: 6px 8px; }
table.ranking td.name { white-space: nowrap; }
table.ranking { font-size: 13.5px; }
table.ranking th.req { text-transform: none; letter-spacing: 0; font-size: 12.5px; }
table.ranking td.score { font-weight: 700; }
table.ranking tr.recommended td { font-weight: 600; }
table.ranking tr.recommended td:first-child { box-shadow: inset 4px 0 0 var(--accent); }
table.ranking tr.excluded td { color: var(--faint); }
.tag { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 6px; border-radius: 8px; background: #fde2e1; color: #9b2c2c; text-transform: uppercase; letter-spacing: 0.03em; }
table.requirements td { vertical-align: top; }
.criteria { margin-top: 4px; line-height: 1.9; }
.criteria code { font-size: 11px; color: var(--muted); }
.weight { width: 12em; }
.meter { display: inline-block; width: 80px; height: 8px; border-radius: 4px; background: var(--line); overflow: hidden; margin-right: 6px; vertical-align: middle; }
.meter span { display: block; height: 100%; background: var(--accent); }
dl.facts { display: flex; flex-wrap: wrap; gap: 10px 32px; margin: 16px 0 0; }
dl.facts div { min-width: 9em; }
dl.facts dt { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; }
.charts { display: grid; gap: 20px; }
figure.chart { margin: 0; padding: 16px 16px 10px; border: 1px solid var(--line); border-radius: 10px; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 920px; margin: 0 auto; }
.chart-title { font-size: 15px; font-weight: 600; margin: 0 0 6px; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 8px; }
svg text { fill: var(--ink); font-size: 13px; }
svg .ring-label, svg .tick { fill: var(--faint); font-size: 11px; }
svg .ring-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .axis-label { font-weight: 700; font-size: 14px; }
svg .axis-weight { font-weight: 400; font-size: 12px; fill: var(--muted); }
svg .legend-name { font-weight: 600; font-size: 14px; }
svg .legend-meta, svg .bar-rank { fill: var(--muted); font-size: 12px; }
svg .bar-value { font-weight: 600; font-size: 12px; font-variant-numeric: tabular-nums; }
svg .platform:hover { fill-opacity: 0.3; }
svg .bar:hover rect { opacity: 0.8; }
ul.sentences { padding-left: 20px; }
ul.sentences li { margin-bottom: 4px; }
details.platform-evidence { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; }
details.platform-evidence[open] { border-color: #cbd2d9; }
details.platform-evidence > summary { display: flex; align-items: baseline; gap: 12px; padding: 9px 14px; cursor: pointer; list-style: none; }
details.platform-evidence > summary::-webkit-details-marker { display: none; }
details.platform-evidence > summary::before { content: "\25B8"; color: var(--faint); width: 10px; }
details.platform-evidence[open] > summary::before { content: "\25BE"; }
details.platform-evidence > summary:hover { background: var(--soft); }
summary .rank { color: var(--muted); font-variant-numeric: tabular-nums; min-width: 2.2em; }
summary .name { font-weight: 600; }
summary .meta { color: var(--muted); font-size: 13px; flex: 1; }
details .body { padding: 4px 14px 14px; }
.facts-line { font-size: 13px; color: var(--muted); }
.exclusion { background: #fdf3f2; border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; font-size: 14px; }
.exclusion ul { margin: 4px 0 0; padding-left: 18px; }
table.evidence td { font-size: 13px; }
table.rubric td { font-size: 13px; vertical-align: top; }
.basis { font-size: 11px; color: var(--muted); margin-top: 2px; }
table.evidence { table-layout: fixed; }
table.evidence col.c-crit { width: 30%; }
table.evidence col.c-level { width: 88px; }
table.evidence col.c-num { width: 66px; }
table.evidence td { overflow-wrap: anywhere; }
tr.req-row th { background: var(--soft); font-size: 13px; border-bottom: 1px solid var(--line); }
.req-score { float: right; font-variant-numeric: tabular-nums; }
.meaning { font-size: 12px; color: var(--muted); margin-top: 2px; }
.lvl { display: inline-block; font-size: 12px; font-weight: 600; padding: 0 8px; border-radius: 10px; white-space: nowrap; }
.lvl-native { background: #e3f4e1; color: #25632a; }
.lvl-addon { background: #e0ecf8; color: #24557f; }
.lvl-partial { background: #fdf0d5; color: #8a5a00; }
.lvl-none { background: #fde2e1; color: #9b2c2c; }
.lvl-unknown { background: #eceff1; color: #52606d; }
.lvl-derived { background: #efe6f7; color: #5b3a80; }
.inherited { color: #5c6470; font-size: 0.85em; white-space: nowrap; }
.langs { margin-top: 4px; }
.lang { display: inline-block; font-size: 11px; padding: 0 6px; margin: 2px 4px 0 0; border-radius: 8px; }
.lang.ok { background: #e3f4e1; color: #25632a; }
.lang.part { background: #fdf0d5; color: #8a5a00; }
.lang.miss { background: #eceff1; color: #7b8794; text-decoration: line-through; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 13px; color: var(--muted); }
@media (max-width: 720px) { main { padding: 24px 16px; } h1 { font-size: 24px; } }
table.heatmap { font-size: 11px; border-collapse: collapse; }
table.heatmap th.group { text-align: center; border-bottom: 1px solid #c5ccd4; }
/* Criterion names stand upright: every column fits a 1280 px page, and print. */
table.heatmap th.crit { font-weight: 500; white-space: nowrap; writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; vertical-align: bottom; padding: 4px 2px; }
table.heatmap td { min-width: 26px; }
table.ranking.no-range th:nth-child(4), table.ranking.no-range td:nth-child(4) { display: none; }
/* A command wraps between its words, never inside one. */
#pe-command { white-space: normal; word-break: normal; overflow-wrap: normal; }
@media print { .scroll { overflow: visible; } table.heatmap { font-size: 9px; } }
table.heatmap td { text-align: center; padding: 2px 2px; border: 1px solid #fff; }
table.heatmap th.name { text-align: left; white-space: normal; min-width: 120px; max-width: 170px; }
.picker { font-size: 0.85em; margin-top: 6px; display: flex; flex-wrap: wrap; gap: 2px 12px; }
.picker label { white-space: nowrap; }
.controls { margin-top: 24px; background: #f4f7fb; border: 1px solid #d8e0ea; border-radius: 8px; padding: 12px 16px; }
.sliders { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 8px 20px; }
.controls h2 { margin-top: 4px; }
.slider { display: grid; grid-template-columns: 1fr 5.5em; grid-template-rows: minmax(2.4em, auto) auto; gap: 2px 8px; align-items: end; }
.slider label { grid-column: 1 / -1; font-size: 0.9em; }
.slider input[type=number] { width: 5em; }
.control-row { margin-top: 10px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls :focus-visible { outline: 2px solid #1f5fa8; outline-offset: 2px; }
@media print {
  .controls { display: none !important; }
  @page { margin: 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; min-height: 0; }
  a { color: inherit; }
  h2 { break-after: avoid; margin-top: 24px; }
  .scroll { overflow: visible; }
  figure.chart, .callout, tr, summary { break-inside: avoid; }
  details.platform-evidence { border: none; margin: 0 0 12px; }
  details.platform-evidence > summary { padding: 6px 0; border-bottom: 1px solid #cbd2d9; }
  details.platform-evidence > summary::before { content: none; }
  details .body { padding: 4px 0 0; }
  details::details-content { content-visibility: visible; display: block; }
  svg .platform:hover { fill-opacity: 0.10; }
}
"#;

#[cfg(test)]
mod tests {
    use super::{escape, source_link};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert(1)</script> & "Co" 'x'"#),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"
        );
        assert_eq!(escape("a\u{1b}[31mb\nc"), "a\u{FFFD}[31mb\nc");
    }

    #[test]
    fn only_web_sources_become_links() {
        assert_eq!(
            source_link("https://example.com/a?b=1&c=\"2\"", "source"),
            "<a class=\"source\" href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\" rel=\"noreferrer\">example.com</a>"
        );
        assert_eq!(
            source_link("javascript:alert(1)", "source"),
            "<span class=\"source-text\">javascript:alert(1)</span>"
        );
        assert!(!source_link("file:///etc/passwd", "source").contains("<a "));
    }
}
