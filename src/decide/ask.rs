//! `weigh` with no file: each pair of requirements asked on the terminal (with `inquire`),
//! never from a pipe, where nobody could answer.

use std::io::IsTerminal as _;

use super::weigh::Judgment;
use crate::diag::Diagnostic;
use crate::requirements::{CORE, REQUIREMENTS};

/// Saaty's scale, from the first requirement's side to the second's.
/// Each answer starts with its number, so typing `3` or `1/3` finds it as typing a word does.
const SCALE: [(f64, &str); 17] = [
    (9.0, "9: extremely more important"),
    (8.0, "8"),
    (7.0, "7: very strongly more important"),
    (6.0, "6"),
    (5.0, "5: strongly more important"),
    (4.0, "4"),
    (3.0, "3: moderately more important"),
    (2.0, "2"),
    (1.0, "1: equally important"),
    (0.5, "1/2 (the other way)"),
    (1.0 / 3.0, "1/3: the second is moderately more important"),
    (0.25, "1/4 (the other way)"),
    (0.2, "1/5: the second is strongly more important"),
    (1.0 / 6.0, "1/6 (the other way)"),
    (1.0 / 7.0, "1/7: the second is very strongly more important"),
    (0.125, "1/8 (the other way)"),
    (1.0 / 9.0, "1/9: the second is extremely more important"),
];

/// Asks every pair once on the terminal.
pub fn judgments() -> Result<Vec<Judgment>, Diagnostic> {
    if !std::io::stdin().is_terminal() {
        return Err(Diagnostic::error(
            "no-judgments",
            "no judgments file, and standard input is not a terminal to ask them on",
        )
        .with_help("give a TOML file with a [pairwise] table (`platform-eval weigh judgments.toml`), or run on a terminal to be asked one pair at a time"));
    }
    let mut out = Vec::new();
    let pairs = (0..CORE).flat_map(|a| (a + 1..CORE).map(move |b| (a, b)));
    for (a, b) in pairs {
        let (x, y) = (REQUIREMENTS[a].id, REQUIREMENTS[b].id);
        let options: Vec<String> = SCALE.iter().map(|(_, s)| (*s).to_owned()).collect();
        let answer = inquire::Select::new(&format!("{x} compared with {y}: {x} is ..."), options)
            .with_starting_cursor(8)
            .with_help_message("Saaty's scale; ↑↓ to move, enter to choose")
            .raw_prompt()
            .map_err(|e| {
                Diagnostic::error(
                    "no-judgments",
                    format!("the judgments were not finished: {e}"),
                )
                .with_help("answer every pair, or give a judgments file")
            })?;
        out.push(Judgment {
            a,
            b,
            value: SCALE[answer.index].0,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::SCALE;

    #[test]
    fn every_answer_can_be_found_by_its_number() {
        // inquire filters the menu by what is typed (a substring): typing a Saaty number finds
        // the answer that starts with it.
        for (value, label) in SCALE {
            let number = if value >= 1.0 {
                format!("{value:.0}")
            } else {
                format!("1/{:.0}", 1.0 / value)
            };
            assert!(label.starts_with(&number), "{label} for {value}");
        }
    }
}
