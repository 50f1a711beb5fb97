//! What each command does: load, validate, score, render, write. One module per command
//! (as `cargo-deny` keeps its subcommands); `output` writes what they render.

use std::io::Write;

use crate::catalog::descriptor::Descriptor;
use crate::catalog::links;
use crate::catalog::load::{self, Inputs};
use crate::cli::{Cli, ColorWhen, Command, InputArgs, ProfileArgs, SelectArgs};
use crate::diag::{Diagnostic, Diagnostics};
use crate::gate;
use crate::profile::{self, Profile};

mod check;
mod compare;
mod evaluate;
mod explain;
mod init;
mod list;
mod output;
mod scan;
mod show;
mod validate;
mod weigh;

use output::{Files, emit, print, write_stdout};
pub use output::{Reported, write_atomic};

/// How a run ended, mapped to the exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: `check` found the platform short of the policy.
    CheckFailed,
    /// Exit 2: bad input; the problems were reported on stderr.
    BadInput,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::CheckFailed => 1,
            Outcome::BadInput => 2,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    match cli.command {
        Command::Evaluate(a) => evaluate::run(&a),
        Command::Validate(a) => {
            let links = a.check_links.then(|| links::Options {
                concurrency: usize::from(a.link_concurrency),
                timeout: std::time::Duration::from_secs_f64(a.link_timeout),
                deadline: std::time::Duration::from_secs_f64(a.link_deadline),
                ..links::Options::default()
            });
            validate::run(a.paths, &a.inputs, a.strict, links)
        }
        Command::Check(a) => check::run(&a),
        Command::Schema(a) => {
            let text = if a.profile {
                crate::schema::profile()
            } else {
                crate::schema::descriptor()
            };
            print(&text)?;
            Ok(Outcome::Success)
        }
        Command::Init(a) => init::run(&a.what),
        Command::Completions(a) => {
            let mut buf = Vec::new();
            clap_complete::generate(
                a.shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "platform-eval",
                &mut buf,
            );
            write_stdout(false, |out| out.write_all(&buf))?;
            Ok(Outcome::Success)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf)?;
            write_stdout(false, |out| out.write_all(&buf))?;
            Ok(Outcome::Success)
        }
        Command::Compare(a) => compare::run(&a),
        Command::Explain(a) => explain::run(&a),
        Command::Weigh(a) => weigh::run(&a),
        Command::List(a) => list::run(&a),
        Command::Show(a) => show::run(&a),
        Command::Scan(a) => scan::run(&a),
    }
}

fn inputs_of(mut paths: Vec<String>, inputs: &InputArgs) -> Inputs {
    paths.extend(inputs.platforms.iter().cloned());
    Inputs {
        paths,
        with_builtin: inputs.with_builtin,
        keep_text: false,
        max_file_size: inputs.max_file_size,
        max_files: inputs.max_files,
    }
}

fn load_platforms(paths: Vec<String>, inputs: &InputArgs) -> Option<Vec<Descriptor>> {
    let mut diags = Diagnostics::default();
    let platforms = load::load(&inputs_of(paths, inputs), &mut diags);
    report_diagnostics(&diags);
    (!diags.has_errors()).then_some(platforms)
}

fn load_profile(args: &ProfileArgs, diags: &mut Diagnostics) -> Option<Profile> {
    let mut p = profile::resolve(args.profile.as_deref(), diags)?;
    let before = diags.error_count();
    p.apply_overrides(&args.weights, &args.languages, diags);
    p.include_closed |= args.include_closed;
    (diags.error_count() == before).then_some(p)
}

/// How this run's inputs are written on a command line (see [`profile::Invocation`]):
/// positional paths become `-p`, and the profile is named by the name it was loaded under.
fn invocation(
    paths: &[String],
    inputs: &InputArgs,
    args: &ProfileArgs,
    select: &SelectArgs,
    profile: &Profile,
) -> profile::Invocation {
    use profile::Invocation as I;
    let mut words = Vec::new();
    for path in paths.iter().chain(&inputs.platforms) {
        I::push(&mut words, "-p", path);
    }
    if inputs.with_builtin {
        words.push("--with-builtin".to_owned());
    }
    if inputs.max_file_size != crate::catalog::load::DEFAULT_MAX_FILE_SIZE {
        I::push(
            &mut words,
            "--max-file-size",
            &inputs.max_file_size.to_string(),
        );
    }
    if inputs.max_files != crate::catalog::load::DEFAULT_MAX_FILES {
        I::push(&mut words, "--max-files", &inputs.max_files.to_string());
    }
    I::push(&mut words, "--profile", &profile.name);
    for l in &args.languages {
        I::push(&mut words, "--language", l);
    }
    if args.include_closed {
        words.push("--include-closed".to_owned());
    }
    if !select.only.is_empty() {
        I::push(&mut words, "--only", &select.only.join(","));
    }
    if !select.exclude.is_empty() {
        I::push(&mut words, "--exclude", &select.exclude.join(","));
    }
    let mut weights = Vec::new();
    for w in &args.weights {
        I::push(&mut weights, "--weight", w);
    }
    I {
        inputs: words,
        weights,
    }
}

/// The platforms `--only` and `--exclude` keep; an id that names no loaded platform is an
/// `unknown-platform` error with the closest id, so a typo never empties a ranking silently.
fn select(platforms: Vec<Descriptor>, s: &SelectArgs, diags: &mut Diagnostics) -> Vec<Descriptor> {
    if s.only.is_empty() && s.exclude.is_empty() {
        return platforms;
    }
    for (flag, id) in s
        .only
        .iter()
        .map(|id| ("--only", id))
        .chain(s.exclude.iter().map(|id| ("--exclude", id)))
    {
        if crate::catalog::descriptor::resolve(&platforms, id).is_none() {
            let d = gate::unknown_platform(id, &platforms);
            let message = format!("`{flag}`: {}", d.message);
            diags.push(Diagnostic { message, ..d });
        }
    }
    let ids = |typed: &[String]| -> Vec<String> {
        typed.iter().map(|t| canonical_id(&platforms, t)).collect()
    };
    let (only, exclude) = (ids(&s.only), ids(&s.exclude));
    platforms
        .into_iter()
        .filter(|d| only.is_empty() || only.contains(&d.id))
        .filter(|d| !exclude.contains(&d.id))
        .collect()
}

/// A `[require] provider` that no loaded platform has leaves every platform out: most likely
/// a misspelling (`aliyun` for `alibaba`), so it is a warning at its place with the closest
/// provider the loaded platforms state.
fn warn_unknown_providers(
    profile: Option<&Profile>,
    platforms: &[Descriptor],
    diags: &mut Diagnostics,
) {
    let Some(p) = profile else { return };
    let mut known: Vec<&str> = platforms
        .iter()
        .filter_map(|d| d.facts.provider.as_ref().map(|e| e.value.as_str()))
        .collect();
    known.sort_unstable();
    known.dedup();
    for (name, at) in &p.provider_names {
        if known.contains(&name.as_str()) {
            continue;
        }
        let w = Diagnostic::warning(
            "unknown-provider",
            format!("no loaded platform has the provider `{name}`, so this gate leaves every platform out on it"),
        )
        // The providers are few: list them all, as no other page does.
        .with_help(crate::diag::suggest_listing(name, &known, known.len()));
        diags.push(match &p.file {
            Some(f) => w.at(f, f.span(at.start, at.end)),
            None => w,
        });
    }
}

/// The id of the platform a typed name means (an alias, another case), or the name as typed
/// when none does (its command reports it then).
fn canonical_id(platforms: &[Descriptor], typed: &str) -> String {
    crate::catalog::descriptor::resolve(platforms, typed)
        .map_or_else(|| typed.to_owned(), |d| d.id.clone())
}

/// The platform a typed name means (see [`crate::catalog::descriptor::resolve`]), or a
/// reported `unknown-platform` error.
fn find_platform<'a>(platforms: &'a [Descriptor], id: &str) -> Option<&'a Descriptor> {
    let found = crate::catalog::descriptor::resolve(platforms, id);
    if found.is_none() {
        let mut diags = Diagnostics::default();
        diags.push(gate::unknown_platform(id, platforms));
        report_diagnostics(&diags);
    }
    found
}

fn report_diagnostics(diags: &Diagnostics) {
    if diags.is_empty() {
        return;
    }
    let color = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let mut err = anstream::stderr();
    let _ = write!(err, "{}", diags.render(color));
}

/// The width to fit a table to: `--width`, else a terminal's own width; no limit when piped,
/// nor when a pseudo-terminal reports no size at all (0 columns).
fn fit_width(flag: Option<u16>, to_terminal: bool) -> Option<u16> {
    flag.or_else(|| {
        to_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten()
    })
    .filter(|w| *w >= 40)
}

fn stdout_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}
