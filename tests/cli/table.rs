//! The terminal table at narrow widths: what it gives up, in the order `--width`'s help
//! states, and that what is left stays readable.

use super::support::stdout_ok;
use unicode_width::UnicodeWidthStr as _;

/// The table's lines: everything before the first line of prose under it.
fn table(out: &str) -> Vec<&str> {
    out.lines()
        .take_while(|l| {
            !l.starts_with("Fitted to") && !l.starts_with("method ") && !l.starts_with("excluded ")
        })
        .collect()
}

/// The header's words (the first line without its borders).
fn header(out: &str) -> Vec<String> {
    table(out)
        .into_iter()
        .find(|l| l.chars().any(char::is_alphabetic))
        .unwrap_or_default()
        .split(['│', '┆'])
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
        .collect()
}

fn evaluate_at(width: u16, extra: &[&str]) -> String {
    let w = width.to_string();
    let mut args = vec!["evaluate", "--width", &w];
    args.extend_from_slice(extra);
    String::from_utf8(stdout_ok(&args)).unwrap()
}

#[test]
fn at_80_columns_twenty_rows_fit_in_25_lines_with_whole_headers() {
    let out = evaluate_at(80, &["--top", "20"]);
    let lines = table(&out);
    assert!(lines.len() <= 25, "{} lines:\n{out}", lines.len());
    for l in &lines {
        assert!(l.width() <= 80, "wider than 80: {l:?}");
    }
    assert_eq!(
        header(&out),
        [
            "#", "Platform", "Score", "lang", "cont", "auto", "resil", "obs"
        ]
    );
    // A name wraps over two lines at most: never two continuation lines in a row.
    let continued: Vec<bool> = lines[2..]
        .iter()
        .map(|l| l.trim_start().starts_with(|c: char| !c.is_ascii_digit()))
        .collect();
    assert!(
        !continued.windows(2).any(|w| w[0] && w[1]),
        "a name over three lines:\n{out}"
    );
    assert!(out.contains(
        "Fitted to 80 columns: coverage left out; lang = languages, cont = containers, auto = automation, resil = resilience, obs = observability;"
    ));
}

/// How far down the ladder a header is: 0 all columns, 1 without coverage, 2 short headers,
/// 3 no borders, 4 no requirement columns.
fn step(out: &str) -> usize {
    let h = header(out);
    let has = |w: &str| h.iter().any(|x| x == w);
    let bordered = out.starts_with('┌');
    match (has("Coverage"), has("languages"), has("lang"), bordered) {
        (true, true, _, true) => 0,
        (false, true, _, true) => 1,
        (false, false, true, true) => 2,
        (false, false, true, false) => 3,
        (false, false, false, false) => 4,
        other => panic!("not a layout of the ladder {other:?}:\n{out}"),
    }
}

#[test]
fn narrower_widths_give_up_columns_in_the_stated_order_and_fit() {
    let mut last = 0;
    for width in (40..=200).rev().step_by(5) {
        let out = evaluate_at(width, &[]);
        let now = step(&out);
        assert!(now >= last, "at {width} columns step {now} after {last}");
        last = now;
        for l in table(&out) {
            assert!(l.width() <= usize::from(width), "{width}: {l:?}");
        }
        // Every header word is whole: the headers never wrap.
        for word in header(&out) {
            assert!(
                [
                    "Rank",
                    "#",
                    "Platform",
                    "Score",
                    "languages",
                    "containers",
                    "automation",
                    "resilience",
                    "observability",
                    "Coverage",
                    "lang",
                    "cont",
                    "auto",
                    "resil",
                    "obs"
                ]
                .contains(&word.as_str()),
                "{width}: header word {word:?}"
            );
        }
    }
    assert_eq!(last, 4, "40 columns leave only rank, name and score");
    assert_eq!(step(&evaluate_at(200, &[])), 0);
}

#[test]
fn piped_without_width_the_table_is_whole() {
    let out = String::from_utf8(stdout_ok(&["evaluate"])).unwrap();
    assert_eq!(step(&out), 0);
    assert!(!out.contains("Fitted to"));
}
