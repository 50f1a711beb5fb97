//! Reports of `check`: text, JSON, Markdown, JUnit, GitHub annotations and SARIF.
//! Each lists every assertion with its verdict and ends with the verdict the exit code gives.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde_json::{Map, Value, json};

use super::markdown::escape;
use crate::decide::fewest;
use crate::gate::{Assertion, CheckResult, Verdict};
use crate::requirements::{self, REQUIREMENTS};

/// Formats of `check` and of `--report FORMAT=FILE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Plain text for a CI log (`text` is accepted too)
    #[value(name = "table", alias = "text")]
    Text,
    /// The complete result as JSON (also usable as a --baseline)
    Json,
    /// A Markdown summary for a job summary or a pull-request comment
    Markdown,
    /// JUnit XML: one test case per assertion
    Junit,
    /// GitHub Actions workflow commands (::error annotations)
    Github,
    /// SARIF 2.1.0 for code-scanning dashboards
    Sarif,
}

pub fn render(r: &CheckResult, format: CheckFormat, color: bool) -> String {
    match format {
        CheckFormat::Text => text(r, color),
        CheckFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_doc(r)).unwrap_or_default();
            s.push('\n');
            s
        }
        CheckFormat::Markdown => markdown(r),
        CheckFormat::Junit => junit(r),
        CheckFormat::Github => github(r),
        CheckFormat::Sarif => {
            let mut s = serde_json::to_string_pretty(&sarif(r)).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

fn headline(r: &CheckResult) -> String {
    let rank = r.rank.map_or_else(
        || "left out of the ranking".to_owned(),
        |k| format!("rank {k} of {}", r.ranked),
    );
    format!(
        "{} ({}) scores {:.1}, {rank}, under profile {} (method {})",
        r.platform_name, r.platform_id, r.score, r.profile, r.method
    )
}

/// " (waived until DATE: reason)" for a waived assertion; nothing otherwise.
fn waiver_note(a: &Assertion) -> String {
    match (&a.waiver, a.verdict) {
        (Some((reason, expires)), Verdict::Waived) => {
            format!(" (waived until {expires}: {reason})")
        }
        _ => String::new(),
    }
}

/// One line of text: a log line must not be broken by a newline in a reason.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn text(r: &CheckResult, color: bool) -> String {
    let style = |v: Verdict| {
        if !color {
            return Style::new();
        }
        let c = match v {
            Verdict::Pass => AnsiColor::Green,
            Verdict::Fail => AnsiColor::Red,
            Verdict::Waived => AnsiColor::Yellow,
        };
        Style::new().fg_color(Some(c.into())).bold()
    };
    let width = r.assertions.iter().map(|a| a.rule.len()).max().unwrap_or(0);
    let mut out = format!("platform-eval check: {}\n", headline(r));
    for a in &r.assertions {
        let s = style(a.verdict);
        let word = match a.verdict {
            Verdict::Pass => "pass",
            Verdict::Fail => "FAIL",
            Verdict::Waived => "waived",
        };
        let _ = writeln!(
            out,
            "  {s}{word:<6}{s:#}  {:<width$}  {}",
            a.rule,
            one_line(&format!("{}{}", a.message, waiver_note(a)))
        );
        if let Some(loc) = a.location.as_ref().filter(|_| a.verdict != Verdict::Pass) {
            let _ = writeln!(out, "  {:<6}  {:<width$}  --> {loc}", "", "");
        }
    }
    if let Some(line) = to_pass_line(r) {
        let _ = writeln!(out, "  {line}");
    }
    let s = style(if r.passed() {
        Verdict::Pass
    } else {
        Verdict::Fail
    });
    let _ = writeln!(out, "{s}{}{s:#}", r.summary());
    out
}

/// "to pass: raise observability.tracing to native (+4.0) and ...", or why nothing would.
pub fn to_pass_line(r: &CheckResult) -> Option<String> {
    Some(match r.to_pass.as_ref()? {
        Ok(steps) => format!("to pass: {}", fewest::sentence(steps)),
        Err(why) => format!("to pass: {why}"),
    })
}

fn to_pass_json(r: &CheckResult) -> Value {
    match &r.to_pass {
        None => Value::Null,
        Some(Ok(steps)) => json!({
            "steps": steps.iter().map(super::explain::step_json).collect::<Vec<_>>(),
            "sentence": fewest::sentence(steps),
        }),
        Some(Err(why)) => json!({"impossible": why}),
    }
}

pub fn json_doc(r: &CheckResult) -> Value {
    let requirements: Map<String, Value> = REQUIREMENTS
        .iter()
        .enumerate()
        .map(|(i, req)| (req.id.to_owned(), json!({"score": r.requirements[i]})))
        .collect();
    let assertions: Vec<Value> = r
        .assertions
        .iter()
        .map(|a| {
            json!({
                "rule": a.rule,
                "verdict": a.verdict.as_str(),
                "expected": a.expected,
                "actual": a.actual,
                "message": a.message,
                "location": a.location.as_ref().map(ToString::to_string),
                "waiver": a.waiver.as_ref().map(|(reason, expires)| json!({"reason": reason, "expires": expires.to_string()})),
            })
        })
        .collect();
    json!({
        "schema_version": 1,
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "method": r.method,
        "profile": r.profile,
        "weights": REQUIREMENTS.iter().zip(&r.weights).map(|(req, w)| (req.id.to_owned(), json!(w))).collect::<Map<String, Value>>(),
        "catalog": {"digest": crate::catalog::builtin::digest()},
        "platform": {
            "id": r.platform_id,
            "name": r.platform_name,
            "origin": r.origin,
            "score": r.score,
            "rank": r.rank,
            "ranked": r.ranked,
            "requirements": requirements,
        },
        "assertions": assertions,
        "to_pass": to_pass_json(r),
        "passed": r.passed(),
        "counts": {
            "pass": r.count(Verdict::Pass),
            "fail": r.count(Verdict::Fail),
            "waived": r.count(Verdict::Waived),
        },
        "summary": r.summary(),
    })
}

fn markdown(r: &CheckResult) -> String {
    let mut out = format!(
        "### platform-eval check {}\n\n{}\n\n| Verdict | Rule | Expected | Actual | Details |\n|---|---|---|---|---|\n",
        if r.passed() {
            "passed ✅"
        } else {
            "failed ❌"
        },
        escape(&headline(r))
    );
    for a in &r.assertions {
        let verdict = match a.verdict {
            Verdict::Pass => "✅ pass",
            Verdict::Fail => "❌ fail",
            Verdict::Waived => "⚠️ waived",
        };
        let at = a
            .location
            .as_ref()
            .filter(|_| a.verdict != Verdict::Pass)
            .map_or_else(String::new, |l| format!(" (`{l}`)"));
        let _ = writeln!(
            out,
            "| {verdict} | `{}` | `{}` | `{}` | {}{}{at} |",
            a.rule,
            a.expected.replace('`', "'"),
            a.actual.replace('`', "'"),
            escape(&a.message),
            escape(&waiver_note(a))
        );
    }
    if let Some(line) = to_pass_line(r) {
        let _ = writeln!(out, "\n{}", escape(&line));
    }
    let _ = writeln!(out, "\n**{}**", escape(&r.summary()));
    out
}

fn junit(r: &CheckResult) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new(format!("platform-eval check {}", r.platform_id));
    let classname = format!("platform-eval.check.{}", r.platform_id);
    let plan = to_pass_line(r);
    for a in &r.assertions {
        let mut body = match &a.location {
            Some(l) => format!("{}\n--> {l}", a.message),
            None => a.message.clone(),
        };
        if let Some(line) = plan.as_ref().filter(|_| a.verdict == Verdict::Fail) {
            body = format!("{body}\n{line}");
        }
        let status = match a.verdict {
            Verdict::Pass => TestCaseStatus::success(),
            Verdict::Fail => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(a.message.as_str())
                    .set_type(a.rule.as_str())
                    .set_description(body.as_str());
                s
            }
            Verdict::Waived => {
                let mut s = TestCaseStatus::skipped();
                s.set_message(format!("{}{}", a.message, waiver_note(a)))
                    .set_description(body.as_str());
                s
            }
        };
        let mut case = TestCase::new(a.rule.as_str(), status);
        case.set_classname(classname.as_str());
        suite.add_test_case(case);
    }
    let mut report = Report::new("platform-eval");
    report.add_test_suite(suite);
    report.to_string().unwrap_or_default()
}

/// Escapes a workflow-command message as the Actions toolkit does (`escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property as the Actions toolkit does (`escapeProperty`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(r: &CheckResult) -> String {
    let mut out = String::new();
    for a in &r.assertions {
        let command = match a.verdict {
            Verdict::Pass => {
                let _ = writeln!(out, "pass {}: {}", a.rule, escape_data(&a.message));
                continue;
            }
            Verdict::Fail => "error",
            Verdict::Waived => "warning",
        };
        let mut props = Vec::new();
        // A built-in descriptor is not in the user's repository: annotate without a file.
        if let Some(l) = a.location.as_ref().filter(|l| !l.builtin) {
            props.push(format!("file={}", escape_property(&l.file)));
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("platform-eval {}", a.rule))
        ));
        let message = format!("{}{}", a.message, waiver_note(a));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&message)
        );
    }
    for (message, place) in &r.unused_waivers {
        let mut props = Vec::new();
        if let Some(l) = place {
            props.push(format!("file={}", escape_property(&l.file)));
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
        }
        props.push(format!(
            "title={}",
            escape_property("platform-eval unused waiver")
        ));
        let _ = writeln!(
            out,
            "::warning {}::{}",
            props.join(","),
            escape_data(message)
        );
    }
    let _ = writeln!(out, "{}", r.summary());
    out
}

/// Every rule a check can report, in a fixed order so rule indexes stay stable.
pub fn sarif_rules() -> Vec<(String, String)> {
    let mut rules = vec![
        (
            "min-score".to_owned(),
            "The overall score meets the policy's minimum".to_owned(),
        ),
        (
            "max-rank".to_owned(),
            "The platform stays within the top K of the evaluated set".to_owned(),
        ),
        (
            "max-drop".to_owned(),
            "The overall score did not fall more than allowed since the baseline".to_owned(),
        ),
        (
            "require/hosting".to_owned(),
            "The platform's hosting is one the profile allows".to_owned(),
        ),
        (
            "require/kind".to_owned(),
            "The platform's kind is one the profile allows".to_owned(),
        ),
        (
            "waiver-expired".to_owned(),
            "A waiver in the profile has expired".to_owned(),
        ),
    ];
    for req in &REQUIREMENTS {
        rules.push((
            format!("min/{}", req.id),
            format!("The {} score meets the policy's minimum", req.id),
        ));
        rules.push((
            format!("regression/{}", req.id),
            format!(
                "The {} requirement did not regress against the baseline",
                req.id
            ),
        ));
    }
    // Only the criteria a platform states a level for can be required.
    let required = requirements::criterion_paths()
        .into_iter()
        .filter(|p| requirements::parse_level_criterion_path(p).is_some());
    for path in required {
        rules.push((
            format!("require/{path}"),
            format!("{path} is at least the required level"),
        ));
    }
    rules
}

fn sarif_rule(rule: &str) -> &str {
    if rule.starts_with("waiver-expired/") {
        "waiver-expired"
    } else {
        rule
    }
}

/// A URI for SARIF: relative paths stay relative (forward slashes, percent-encoded).
fn sarif_uri(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute()
        && let Ok(u) = url::Url::from_file_path(p)
    {
        return u.to_string();
    }
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn sarif(r: &CheckResult) -> Value {
    let rules = sarif_rules();
    let rule_values: Vec<Value> = rules
        .iter()
        .map(|(id, text)| json!({"id": id, "shortDescription": {"text": text}}))
        .collect();
    let results: Vec<Value> = r
        .assertions
        .iter()
        .filter(|a| a.verdict != Verdict::Pass)
        .map(|a| {
            let rule = sarif_rule(&a.rule);
            let index = rules.iter().position(|(id, _)| id == rule);
            // Code scanning needs a place for every result: the descriptor when nothing nearer.
            let loc = a.location.as_ref().unwrap_or(&r.descriptor_location);
            let mut result = json!({
                "ruleId": rule,
                "ruleIndex": index,
                "level": "error",
                "message": {"text": a.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(&loc.file)},
                        "region": {"startLine": loc.line, "startColumn": loc.column},
                    }
                }],
                "partialFingerprints": {"platformEval/v1": format!("{}/{}", r.platform_id, a.rule)},
            });
            // A waived failure is a suppressed result: dashboards list it as such, with the
            // waiver's reason and expiry, and do not count it open.
            if let (Verdict::Waived, Some((reason, expires))) = (a.verdict, &a.waiver) {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("{reason} (waived until {expires})"),
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_values,
            }},
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_matches_the_actions_toolkit() {
        // toolkit: escapeData replaces % first, then \r and \n; escapeProperty also : and ,
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a:b,c"), "a:b,c");
    }

    #[test]
    fn sarif_rule_ids_are_unique_and_relative_uris_stay_relative() {
        let rules = sarif_rules();
        let mut ids: Vec<&str> = rules.iter().map(|(id, _)| id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
        assert_eq!(
            sarif_uri("platforms/my platform.yaml"),
            "platforms/my%20platform.yaml"
        );
    }
}
