//! The team's profile (TOML): weights, languages, level values, hard constraints, CI policy.

use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, suggest};
use crate::requirements::{self, COUNT, DEFAULT_LANGUAGES, Level, REQUIREMENTS};

mod policy;
pub mod require;

pub use policy::{Policy, Waiver, WaiverTarget};
pub use require::Constraint;

/// Built-in presets: `(name, TOML text)`.
pub const PRESETS: [(&str, &str); 3] = [
    ("balanced", include_str!("../../presets/balanced.toml")),
    (
        "resilience-first",
        include_str!("../../presets/resilience-first.toml"),
    ),
    ("small-team", include_str!("../../presets/small-team.toml")),
];

/// The file looked up in the working folder when no `--profile` is given.
pub const DEFAULT_FILE: &str = "platform-eval.toml";

/// Value of each known level, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LevelValues {
    pub native: f64,
    pub addon: f64,
    pub partial: f64,
    pub none: f64,
}

impl Default for LevelValues {
    fn default() -> Self {
        LevelValues {
            native: 1.0,
            addon: 0.6,
            partial: 0.4,
            none: 0.0,
        }
    }
}

impl LevelValues {
    /// The value of a known level; `unknown` has none of its own.
    pub fn get(&self, level: Level) -> Option<f64> {
        match level {
            Level::Native => Some(self.native),
            Level::Addon => Some(self.addon),
            Level::Partial => Some(self.partial),
            Level::None => Some(self.none),
            Level::Unknown => None,
        }
    }

    fn set(&mut self, level: Level, v: f64) {
        match level {
            Level::Native => self.native = v,
            Level::Addon => self.addon = v,
            Level::Partial => self.partial = v,
            Level::None => self.none = v,
            Level::Unknown => {}
        }
    }
}

#[derive(Debug, Clone)]
pub struct Profile {
    /// The preset's name, or the file's path.
    pub name: String,
    /// Raw weights of the requirements (non-negative, not all zero); the optional ones beyond
    /// the five weigh 0 unless set.
    pub weights: [f64; COUNT],
    /// `criterion_weights[r][c]`, default 1.
    pub criterion_weights: Vec<Vec<f64>>,
    /// Canonical ids of the team's languages.
    pub languages: Vec<&'static str>,
    pub levels: LevelValues,
    /// The level an `unknown` criterion is scored as.
    pub unknown_as: Level,
    pub require: Vec<Constraint>,
    /// `--include-closed`: keep platforms closed to new customers or at their end of life,
    /// which a profile that says nothing of `lifecycle` leaves out.
    pub include_closed: bool,
    pub policy: Policy,
    /// The profile's text, for locating waivers in reports; `None` for the default.
    pub file: Option<Arc<SourceFile>>,
    /// Each provider a `[require] provider` gate names, with where it is written: a name no
    /// loaded platform has is worth a warning (see `commands`).
    pub provider_names: Vec<(String, std::ops::Range<usize>)>,
    /// How this run's inputs are written on a command line, for the commands the reports
    /// print.
    pub invocation: Invocation,
}

/// How a run's inputs are written on a command line, so that every command the tool prints
/// (`explain`'s `Reproduce:`, the "too close to call" hint, the ADR's `check` line) runs as
/// printed on the same platforms, profile, languages and selection. Each word is already
/// quoted for a POSIX shell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    /// `-p PATH`, `--with-builtin`, `--profile`, `--language`, `--include-closed`, `--only`,
    /// `--exclude` as given.
    pub inputs: Vec<String>,
    /// `--weight REQ=W` as given.
    pub weights: Vec<String>,
}

impl Invocation {
    /// The words after the command name: the inputs, and the command line's weights when
    /// `with_weights` (a printed command that sets every weight itself leaves them out).
    pub fn args(&self, with_weights: bool) -> String {
        let weights = self.weights.iter().filter(|_| with_weights);
        self.inputs
            .iter()
            .chain(weights)
            .fold(String::new(), |mut out, w| {
                out.push(' ');
                out.push_str(w);
                out
            })
    }

    /// The flags that change the profile's weights, languages or the platforms weighed
    /// (`--weight`, `--language`, `--include-closed`, `--only`, `--exclude`), each with its
    /// value: what a report names beside the profile.
    pub fn overrides(&self) -> Vec<String> {
        const CHANGES: [&str; 4] = ["--language", "--only", "--exclude", "--include-closed"];
        let mut out: Vec<String> = Vec::new();
        let mut words = self.inputs.iter().peekable();
        while let Some(w) = words.next() {
            if CHANGES.contains(&w.as_str()) {
                match words.peek() {
                    Some(v) if !v.starts_with("--") && w != "--include-closed" => {
                        out.push(format!("{w} {v}"));
                        words.next();
                    }
                    _ => out.push(w.clone()),
                }
            }
        }
        out.extend(self.weights.chunks(2).map(|pair| pair.join(" ")));
        out
    }

    /// Adds a flag and its value, the value quoted for a shell.
    pub fn push(list: &mut Vec<String>, flag: &str, value: &str) {
        list.push(flag.to_owned());
        list.push(quote(value));
    }
}

/// A word quoted for a POSIX shell, as `shlex` quotes it; a word it cannot quote (a NUL
/// byte) is written as is, as no command line can hold it anyway.
pub fn quote(word: &str) -> String {
    // Words of these characters mean the same to every shell unquoted, and read better so.
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
    if plain {
        return word.to_owned();
    }
    shlex::try_quote(word).map_or_else(|_| word.to_owned(), std::borrow::Cow::into_owned)
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: "balanced".into(),
            weights: requirements::DEFAULT_WEIGHTS,
            criterion_weights: REQUIREMENTS
                .iter()
                .map(|r| vec![1.0; r.criteria.len()])
                .collect(),
            languages: DEFAULT_LANGUAGES.to_vec(),
            levels: LevelValues::default(),
            unknown_as: Level::None,
            require: Vec::new(),
            include_closed: false,
            policy: Policy::default(),
            file: None,
            provider_names: Vec::new(),
            invocation: Invocation::default(),
        }
    }
}

impl Profile {
    /// Weights normalised to sum to 1.
    pub fn normalised_weights(&self) -> [f64; COUNT] {
        let sum: f64 = self.weights.iter().sum();
        self.weights.map(|w| w / sum)
    }

    /// The value an unknown criterion takes.
    pub fn unknown_value(&self) -> f64 {
        self.levels.get(self.unknown_as).unwrap_or(0.0)
    }

    /// Applies `--weight REQ=W` and `--language L` from the command line.
    pub fn apply_overrides(
        &mut self,
        weights: &[String],
        languages: &[String],
        diags: &mut Diagnostics,
    ) {
        let ids: Vec<&str> = REQUIREMENTS.iter().map(|r| r.id).collect();
        for arg in weights {
            let Some((req, w)) = arg.split_once('=') else {
                diags.push(
                    Diagnostic::error("bad-flag", format!("`--weight {arg}` is not REQ=W"))
                        .with_help("e.g. `--weight resilience=2`"),
                );
                continue;
            };
            let Some(r) = requirements::requirement_index(req.trim()) else {
                diags.push(
                    Diagnostic::error(
                        "bad-flag",
                        format!("`--weight`: unknown requirement `{req}`"),
                    )
                    .with_help(suggest(req, &ids)),
                );
                continue;
            };
            match w.trim().parse::<f64>() {
                Ok(v) if (0.0..=MAX_WEIGHT).contains(&v) => self.weights[r] = v.abs(),
                _ => diags.push(
                    Diagnostic::error(
                        "bad-flag",
                        format!("`--weight {arg}`: `{w}` is not a weight"),
                    )
                    .with_help("weights are relative: a number from 0 to a million"),
                ),
            }
        }
        if self.weights.iter().all(|w| *w == 0.0) {
            diags.push(
                Diagnostic::error("zero-weights", "every requirement weight is zero")
                    .with_help("give at least one requirement a weight above 0"),
            );
        }
        if !languages.is_empty() {
            let mut list = Vec::new();
            for name in languages.iter().flat_map(|l| l.split(',')) {
                match requirements::language(name) {
                    Some(l) if !list.contains(&l.id) => list.push(l.id),
                    Some(_) => {}
                    None => diags.push(
                        Diagnostic::error(
                            "bad-flag",
                            format!("`--language`: unknown language `{name}`"),
                        )
                        .with_help(suggest(name, &requirements::language_names())),
                    ),
                }
            }
            if !list.is_empty() {
                self.languages = list;
            }
        }
    }
}

/// The largest weight: weights are relative, and a sum of weights near `f64::MAX` overflows
/// into infinities and NaN scores.
pub const MAX_WEIGHT: f64 = 1e6;

/// Finds the profile: `--profile FILE|PRESET`, else `./platform-eval.toml`, else `balanced`.
pub fn resolve(arg: Option<&str>, diags: &mut Diagnostics) -> Option<Profile> {
    let path = match arg {
        Some(name) => {
            if let Some((_, text)) = PRESETS.iter().find(|(n, _)| *n == name) {
                let file = Arc::new(SourceFile::new(
                    format!("preset:{name}"),
                    (*text).to_owned(),
                ));
                return parse(&file, name, diags);
            }
            if !Path::new(name).exists() && !name.contains(['/', '.']) {
                let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
                diags.push(
                    Diagnostic::error(
                        "unknown-profile",
                        format!("no preset or file named `{name}`"),
                    )
                    .with_help(suggest(name, &names)),
                );
                return None;
            }
            name.to_owned()
        }
        None if Path::new(DEFAULT_FILE).is_file() => DEFAULT_FILE.to_owned(),
        None => return Some(Profile::default()),
    };
    let file = crate::input::read(Path::new(&path), crate::input::PROFILE, diags)?;
    parse(&file, &path, diags)
}

/// Parses a profile, reporting every problem with its TOML line and column.
pub fn parse(file: &Arc<SourceFile>, name: &str, diags: &mut Diagnostics) -> Option<Profile> {
    let root = parse_toml(file, diags)?;
    let mut cx = Cx {
        file,
        diags: Diagnostics::default(),
        profile: Profile {
            name: name.to_owned(),
            file: Some(Arc::clone(file)),
            ..Profile::default()
        },
    };
    let top = [
        "weights", "criteria", "team", "levels", "unknown", "require", "policy",
    ];
    for (key, value) in sorted(root.get_ref()) {
        match key.get_ref().as_ref() {
            "weights" => cx.weights(value),
            "criteria" => cx.criteria(value),
            "team" => cx.team(value),
            "levels" => cx.levels(value),
            "unknown" => cx.unknown(value),
            "require" => cx.require(value),
            "policy" => cx.policy(value),
            other => cx.unknown_key(key, other, &top, "at the top level"),
        }
    }
    let ok = !cx.diags.has_errors();
    let profile = cx.profile;
    diags.extend(cx.diags);
    ok.then_some(profile)
}

/// A TOML file's tree with spans, or a located `toml-syntax` error.
pub fn parse_toml<'i>(
    file: &'i Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> Option<toml::Spanned<DeTable<'i>>> {
    match DeTable::parse(&file.text) {
        Ok(t) => Some(t),
        Err(e) => {
            let mut d = Diagnostic::error("toml-syntax", e.message().trim().to_owned())
                .with_help("fix the TOML syntax at this place");
            d = match e.span() {
                Some(r) => d.at(file, file.span(r.start, r.end)),
                None => d.in_file(file),
            };
            diags.push(d);
            None
        }
    }
}

type Key<'i> = toml::Spanned<std::borrow::Cow<'i, str>>;
type Val<'i> = toml::Spanned<DeValue<'i>>;

/// Entries in source order (the parser's map is sorted by key).
fn sorted<'a, 'i>(t: &'a DeTable<'i>) -> Vec<(&'a Key<'i>, &'a Val<'i>)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

struct Cx<'f> {
    file: &'f Arc<SourceFile>,
    diags: Diagnostics,
    profile: Profile,
}

impl Cx<'_> {
    fn span(&self, r: std::ops::Range<usize>) -> Span {
        self.file.span(r.start, r.end)
    }

    /// The text without control or format characters (a warning says they were removed):
    /// a reason is written into terminals, annotations and reports.
    fn printable(&mut self, s: &str, at: std::ops::Range<usize>) -> String {
        let Some(clean) = crate::diag::without_hidden(s) else {
            return s.to_owned();
        };
        let span = self.span(at);
        self.diags.push(
            Diagnostic::warning("control-characters", "control or format characters removed from the text")
                .at(self.file, span)
                .with_help("terminal escape sequences, other control characters and invisible format characters (bidi overrides, zero-width joiners) are never shown; remove them"),
        );
        clean
    }

    fn error(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        at: std::ops::Range<usize>,
        help: Option<String>,
    ) {
        let span = self.span(at);
        self.diags.push(
            Diagnostic::error(code, msg)
                .at(self.file, span)
                .help_opt(help),
        );
    }

    fn unknown_key(&mut self, key: &Key<'_>, name: &str, allowed: &[&str], place: &str) {
        self.error(
            "unknown-key",
            format!("unknown key `{name}` {place}"),
            key.span(),
            Some(suggest(name, allowed)),
        );
    }

    fn table<'a, 'i>(&mut self, v: &'a Val<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.error(
                "wrong-type",
                format!("{what} must be a table, found {}", v.get_ref().type_str()),
                v.span(),
                None,
            );
        }
        t
    }

    fn number(&mut self, v: &Val<'_>, what: &str) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|i| i as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            other => {
                let help = matches!(other, DeValue::String(_))
                    .then(|| "write the number without quotes, e.g. `resilience = 1.5`".to_owned());
                self.error(
                    "wrong-type",
                    format!("{what} must be a number, found {}", other.type_str()),
                    v.span(),
                    help,
                );
                return None;
            }
        };
        if n.is_none() {
            self.error(
                "bad-value",
                format!("{what} is not a number"),
                v.span(),
                None,
            );
        }
        n
    }

    /// A finite number within `lo..=hi`.
    fn bounded(&mut self, v: &Val<'_>, what: &str, lo: f64, hi: f64, help: &str) -> Option<f64> {
        let n = self.number(v, what)?;
        if n.is_finite() && (lo..=hi).contains(&n) {
            Some(n)
        } else {
            let range = if hi.is_infinite() {
                format!(">= {lo}")
            } else {
                format!("in [{lo}, {hi}]")
            };
            // 1e308 written out in full would be 309 digits.
            let shown = if n != 0.0 && !(1e-4..1e6).contains(&n.abs()) {
                format!("{n:e}")
            } else {
                n.to_string()
            };
            self.error(
                "bad-value",
                format!("{what} is {shown}, but must be {range}"),
                v.span(),
                Some(help.into()),
            );
            None
        }
    }

    fn string<'a>(&mut self, v: &'a Val<'_>, what: &str) -> Option<&'a str> {
        let s = v.get_ref().as_str();
        if s.is_none() {
            self.error(
                "wrong-type",
                format!("{what} must be a string, found {}", v.get_ref().type_str()),
                v.span(),
                None,
            );
        }
        s
    }

    /// The requirement named `name`, or an `unknown-requirement` error at `at`.
    fn requirement(&mut self, name: &str, at: std::ops::Range<usize>) -> Option<usize> {
        let found = requirements::requirement_index(name);
        if found.is_none() {
            let ids: Vec<&str> = REQUIREMENTS.iter().map(|r| r.id).collect();
            self.error(
                "unknown-requirement",
                format!("unknown requirement `{name}`"),
                at,
                Some(suggest(name, &ids)),
            );
        }
        found
    }

    /// The criterion `requirement.criterion`, or an `unknown-criterion` error at `at`;
    /// `also` names other keys allowed in the same place, for the suggestion.
    fn criterion(
        &mut self,
        path: &str,
        at: std::ops::Range<usize>,
        also: &[&str],
    ) -> Option<(usize, usize)> {
        let found = requirements::parse_criterion_path(path);
        if found.is_none() {
            let mut known = requirements::criterion_paths();
            known.extend(also.iter().map(|a| (*a).to_owned()));
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            self.error(
                "unknown-criterion",
                format!("unknown criterion `{path}`"),
                at,
                Some(suggest(path, &known)),
            );
        }
        found
    }

    /// A criterion that takes a level, or an `unknown-criterion` error at `at` (a derived
    /// criterion, such as language coverage, is known but takes no level).
    fn level_criterion(
        &mut self,
        path: &str,
        at: std::ops::Range<usize>,
        also: &[&str],
    ) -> Option<(usize, usize)> {
        let found = self.criterion(path, at.clone(), also)?;
        if requirements::parse_level_criterion_path(path).is_none() {
            let (why, help) = requirements::not_a_level_criterion(path);
            self.error("unknown-criterion", why, at, Some(help));
            return None;
        }
        Some(found)
    }

    /// A level with a value (native, addon, partial, none), or a `bad-level` error.
    fn known_level(&mut self, v: &Val<'_>, what: &str) -> Option<Level> {
        let s = self.string(v, what)?;
        let level = Level::parse(s).filter(|l| *l != Level::Unknown);
        if level.is_none() {
            let names: Vec<&str> = Level::KNOWN.iter().map(|l| l.as_str()).collect();
            self.error(
                "bad-level",
                format!("`{s}` is not a level with a value"),
                v.span(),
                Some(suggest(s, &names)),
            );
        }
        level
    }

    fn weights(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[weights]`") else {
            return;
        };
        let mut ok = true;
        for (key, value) in sorted(t) {
            let name = key.get_ref().as_ref();
            let Some(r) = self.requirement(name, key.span()) else {
                continue;
            };
            match self.bounded(
                value,
                &format!("weight of `{name}`"),
                0.0,
                MAX_WEIGHT,
                "weights are relative: a number from 0 (leaves the requirement out) to a million; scale them down together",
            ) {
                // `-0.0` is a zero like any other, and is shown as `0`.
                Some(w) => self.profile.weights[r] = w.abs(),
                None => ok = false,
            }
        }
        if ok && self.profile.weights.iter().all(|w| *w == 0.0) {
            self.error(
                "zero-weights",
                "every requirement weight is zero",
                v.span(),
                Some("give at least one requirement a weight above 0".into()),
            );
        }
    }

    fn criteria(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[criteria]`") else {
            return;
        };
        for (key, value) in sorted(t) {
            let name = key.get_ref().as_ref();
            let Some(r) = self.requirement(name, key.span()) else {
                continue;
            };
            let Some(inner) = self.table(value, &format!("`[criteria.{name}]`")) else {
                continue;
            };
            let req = &REQUIREMENTS[r];
            let crits: Vec<&str> = req.criteria.iter().map(|c| c.id).collect();
            let mut ok = true;
            for (ck, cv) in sorted(inner) {
                let cname = ck.get_ref().as_ref();
                let Some(c) = req.criterion_index(cname) else {
                    self.error(
                        "unknown-criterion",
                        format!("unknown criterion `{cname}` in `{name}`"),
                        ck.span(),
                        Some(suggest(cname, &crits)),
                    );
                    continue;
                };
                match self.bounded(
                    cv,
                    &format!("weight of `{name}.{cname}`"),
                    0.0,
                    MAX_WEIGHT,
                    "weights are relative: a number from 0 to a million; scale them down together",
                ) {
                    Some(w) => self.profile.criterion_weights[r][c] = w.abs(),
                    None => ok = false,
                }
            }
            if ok && self.profile.criterion_weights[r].iter().all(|w| *w == 0.0) {
                self.error(
                    "zero-weights",
                    format!("every criterion weight of `{name}` is zero"),
                    value.span(),
                    Some(format!(
                        "give a criterion a weight above 0, or set `{name} = 0` under [weights]"
                    )),
                );
            }
        }
    }

    fn team(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[team]`") else {
            return;
        };
        for (key, value) in sorted(t) {
            if key.get_ref().as_ref() != "languages" {
                self.unknown_key(key, key.get_ref(), &["languages"], "in [team]");
                continue;
            }
            let Some(items) = value.get_ref().as_array() else {
                self.error(
                    "wrong-type",
                    "`team.languages` must be a list of languages",
                    value.span(),
                    Some("e.g. `languages = [\"go\", \"python\"]`".into()),
                );
                continue;
            };
            let mut list = Vec::new();
            for item in items {
                let Some(name) = self.string(item, "a language") else {
                    continue;
                };
                match requirements::language(name) {
                    Some(l) if !list.contains(&l.id) => list.push(l.id),
                    Some(_) => {}
                    None => self.error(
                        "unknown-language",
                        format!("unknown language `{name}`"),
                        item.span(),
                        Some(suggest(name, &requirements::language_names())),
                    ),
                }
            }
            if items.iter().next().is_none() {
                self.error(
                    "bad-value",
                    "`team.languages` is empty",
                    value.span(),
                    Some(
                        "name at least one language, or leave the key out for the default set"
                            .into(),
                    ),
                );
            }
            if !list.is_empty() {
                self.profile.languages = list;
            }
        }
    }

    fn levels(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[levels]`") else {
            return;
        };
        let names: Vec<&str> = Level::KNOWN.iter().map(|l| l.as_str()).collect();
        for (key, value) in sorted(t) {
            let name = key.get_ref().as_ref();
            match Level::parse(name).filter(|l| *l != Level::Unknown) {
                Some(level) => {
                    if let Some(x) = self.bounded(
                        value,
                        &format!("value of `{name}`"),
                        0.0,
                        1.0,
                        "a level's value is between 0 and 1",
                    ) {
                        self.profile.levels.set(level, x);
                    }
                }
                None => self.error(
                    "bad-level",
                    format!("`{name}` is not a level with a value"),
                    key.span(),
                    Some(if name == "unknown" {
                        "set how unknowns count with `[unknown] treat_as = \"none\"`".into()
                    } else {
                        suggest(name, &names)
                    }),
                ),
            }
        }
        let l = self.profile.levels;
        if !(l.native >= l.addon && l.addon >= l.partial && l.partial >= l.none) {
            self.error("levels-out-of-order", "level values must not rise from native to none", v.span(), Some(format!("now native = {}, addon = {}, partial = {}, none = {}: keep native >= addon >= partial >= none", l.native, l.addon, l.partial, l.none)));
        }
    }

    fn unknown(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[unknown]`") else {
            return;
        };
        for (key, value) in sorted(t) {
            if key.get_ref().as_ref() != "treat_as" {
                self.unknown_key(key, key.get_ref(), &["treat_as"], "in [unknown]");
                continue;
            }
            if let Some(level) = self.known_level(value, "`treat_as`") {
                self.profile.unknown_as = level;
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // values read from text or set by hand compare exactly
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Profile>, Diagnostics) {
        let file = Arc::new(SourceFile::new("p.toml".into(), text.into()));
        let mut diags = Diagnostics::default();
        let p = parse(&file, "p.toml", &mut diags);
        (p, diags)
    }

    #[test]
    fn presets_parse_cleanly() {
        for (name, text) in PRESETS {
            let (p, diags) = parse_str(text);
            assert!(diags.is_empty(), "{name}: {}", diags.render(false));
            assert!(p.unwrap().weights.iter().sum::<f64>() > 0.0);
        }
    }

    #[test]
    fn reads_the_design_example() {
        let (p, diags) = parse_str(
            "[weights]\nresilience = 1.5\n[criteria.observability]\ntracing = 0.5\n[team]\nlanguages = [\"python\", \"golang\", \"ts\"]\n[levels]\naddon = 0.5\n[unknown]\ntreat_as = \"partial\"\n[require]\n\"containers.oci_images\" = \"native\"\nhosting = [\"managed\"]\n[policy]\nmin_score = 70\nmin = { observability = 50 }\nmax_rank = 3\n",
        );
        assert!(diags.is_empty(), "{}", diags.render(false));
        let p = p.unwrap();
        assert_eq!(p.weights, [1.0, 1.0, 1.0, 1.5, 1.0, 0.0, 0.0]);
        assert_eq!(p.criterion_weights[4][2], 0.5);
        assert_eq!(p.languages, vec!["python", "go", "typescript"]);
        assert_eq!(p.levels.addon, 0.5);
        assert_eq!(p.unknown_value(), 0.4);
        assert_eq!(p.require.len(), 2);
        assert_eq!(p.policy.max_rank, Some(3));
        assert_eq!(p.policy.min, vec![(4, 50.0)]);
    }

    #[test]
    fn every_bad_value_is_reported_with_its_place() {
        let (p, diags) = parse_str(
            "[weights]\nlanguages = -1\nresilence = 2\n[levels]\nnative = 1.5\n[team]\nlanguages = [\"cobol\"]\n",
        );
        assert!(p.is_none());
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.code, d.location().unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("bad-value", "p.toml:2:13".to_owned()),
                ("unknown-requirement", "p.toml:3:1".to_owned()),
                ("bad-value", "p.toml:5:10".to_owned()),
                ("unknown-language", "p.toml:7:14".to_owned()),
            ]
        );
    }

    #[test]
    fn all_zero_and_nan_weights_are_refused() {
        let (_, d) = parse_str(
            "[weights]\nlanguages = 0\ncontainers = 0\nautomation = 0\nresilience = 0\nobservability = 0\n",
        );
        assert_eq!(d.iter().next().unwrap().code, "zero-weights");
        let (_, d) = parse_str("[weights]\nlanguages = nan\n");
        assert_eq!(d.iter().next().unwrap().code, "bad-value");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_profiles_never_panic(text in "\\PC{0,160}", tail in "(\\[weights\\]\n|languages = |-1|nan|\\[\\[policy.waive\\]\\]\n|expires = 2020-01-01\n|\"x\"|\\{|\\}|\n){0,12}") {
            let (p, diags) = parse_str(&format!("{text}\n{tail}"));
            if p.is_none() {
                proptest::prop_assert!(diags.has_errors());
            }
            for d in diags.iter() {
                proptest::prop_assert!(d.location().is_some(), "{} has no place", d.code);
                let _ = d.render(false);
            }
        }
    }
}
