//! `compare` beside three or more platforms: it fits the terminal, its summary counts every
//! requirement once, rivals come by score, and `--detail` speaks in levels.

use unicode_width::UnicodeWidthStr as _;

use super::support::{json, stdout_ok};

const FOUR: [&str; 4] = [
    "alibaba-cloud-sae",
    "alibaba-cloud-ack",
    "tencent-cloud-tke",
    "huawei-cloud-cce",
];

#[test]
fn four_platforms_fit_100_columns() {
    let mut args = vec!["compare"];
    args.extend(FOUR);
    args.extend(["--width", "100"]);
    let out = String::from_utf8(stdout_ok(&args)).unwrap();
    let table: Vec<&str> = out.lines().take_while(|l| !l.starts_with('★')).collect();
    assert!(table.len() > 8, "{out}");
    for l in &table {
        assert!(l.width() <= 100, "wider than 100: {l:?}");
    }
    // Every platform's name is in the header, whole words only.
    for name in ["Serverless", "Kubernetes", "Tencent", "Huawei"] {
        assert!(table[..6].iter().any(|l| l.contains(name)), "{name}: {out}");
    }
}

#[test]
fn the_summary_counts_every_requirement_once_and_names_rivals_by_score() {
    let mut args = vec!["compare"];
    args.extend(FOUR);
    args.extend(["--format", "json"]);
    let doc = json(&args);
    let rows: Vec<&serde_json::Value> = doc["rows"].as_array().unwrap().iter().collect();
    let summary = doc["summary"].as_str().unwrap();
    // "of 5 requirements, A wins 3 alone; A, B and C share 1; 1 tied."
    let counts = summary.split("of 5 requirements, ").nth(1).unwrap();
    let numbers: usize = counts
        .split(';')
        .map(|part| {
            part.split_whitespace()
                .filter_map(|w| w.parse::<usize>().ok())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(numbers, rows.len(), "{summary}");
    let alone = rows.iter().filter(|r| r["winner"].is_string()).count();
    let tied = rows.iter().filter(|r| r["tie"] == true).count();
    assert!(summary.contains(&format!("{tied} tied")), "{summary}");
    assert!(alone > 0);
    // Rivals nearest first: ACK (93.1) before CCE (90.3) before TKE (89.9).
    let total = &doc["total"]["values"];
    let mut rivals: Vec<(&str, f64)> = FOUR[1..]
        .iter()
        .map(|id| (*id, total[*id].as_f64().unwrap()))
        .collect();
    rivals.sort_by(|a, b| b.1.total_cmp(&a.1));
    let name = |id: &str| {
        doc["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let at: Vec<usize> = rivals
        .iter()
        .map(|(id, _)| summary.find(&format!("{} by", name(id))).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{summary}");
}

#[test]
fn detail_rows_show_levels_not_their_values() {
    let out = String::from_utf8(stdout_ok(&[
        "compare",
        "alibaba-cloud-sae",
        "alibaba-cloud-ack",
        "tencent-cloud-tke",
        "--detail",
    ]))
    .unwrap();
    let row = out
        .lines()
        .find(|l| l.contains("auto_rollback"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(row.contains("native") && row.contains("partial"), "{row}");
    assert!(!row.contains("40.0"), "{row}");
    // Language coverage is derived: a share, not a level.
    let coverage = out
        .lines()
        .find(|l| l.contains("language_coverage"))
        .unwrap();
    assert!(coverage.contains("100.0"), "{coverage}");
    let doc = json(&[
        "compare",
        "alibaba-cloud-sae",
        "alibaba-cloud-ack",
        "--detail",
        "--format",
        "json",
    ]);
    let rollback = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "automation.auto_rollback")
        .unwrap();
    assert_eq!(rollback["levels"]["alibaba-cloud-ack"], "partial");
}
