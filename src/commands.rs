//! What each command does: load, validate, score, render, write.

use std::io::{self, BufWriter, IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::analysis::smaa::{self, Sampler};
use crate::catalog::descriptor::Descriptor;
use crate::catalog::links;
use crate::catalog::lint;
use crate::catalog::load::{self, Inputs};
use crate::cli::{
    CheckArgs, Cli, ColorWhen, Command, CompareArgs, EvaluateArgs, ExplainArgs, InitWhat,
    InputArgs, OutputArgs, ProfileArgs, SamplerArg, WeighArgs,
};
use crate::diag::{Diagnostic, Diagnostics, plural};
use crate::gate;
use crate::profile::{self, Profile};
use crate::report::check::{self as check_report, CheckFormat};
use crate::report::compare as compare_report;
use crate::report::{self, Format};
use crate::score;

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
        Command::Evaluate(a) => evaluate(&a),
        Command::Validate(a) => {
            let links = a.check_links.then(|| links::Options {
                concurrency: usize::from(a.link_concurrency),
                timeout: std::time::Duration::from_secs_f64(a.link_timeout),
                deadline: std::time::Duration::from_secs_f64(a.link_deadline),
                ..links::Options::default()
            });
            validate(a.paths, &a.inputs, a.strict, links)
        }
        Command::Check(a) => check(&a),
        Command::Schema(a) => {
            let text = if a.profile {
                crate::schema::profile()
            } else {
                crate::schema::descriptor()
            };
            print(&text)?;
            Ok(Outcome::Success)
        }
        Command::Init(a) => init(&a.what),
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
        Command::Compare(a) => compare(&a),
        Command::Explain(a) => explain(&a),
        Command::Weigh(a) => weigh(&a),
        Command::List(a) => {
            let Some(platforms) = load_platforms(Vec::new(), &a.inputs) else {
                return Ok(Outcome::BadInput);
            };
            let text = report::render_list(&platforms, a.output.format);
            emit(a.output.output.as_deref(), a.output.force, false, |out| {
                out.write_all(text.as_bytes())
            })
        }
        Command::Show(a) => {
            let Some(id) = a.platform.as_deref().filter(|_| !a.rubric) else {
                let text = report::rubric::render(a.output.format);
                return emit(a.output.output.as_deref(), a.output.force, false, |out| {
                    out.write_all(text.as_bytes())
                });
            };
            let Some(platforms) = load_platforms(Vec::new(), &a.inputs) else {
                return Ok(Outcome::BadInput);
            };
            let Some(d) = find_platform(&platforms, id) else {
                return Ok(Outcome::BadInput);
            };
            let text = report::render_show(d, a.output.format);
            emit(a.output.output.as_deref(), a.output.force, false, |out| {
                out.write_all(text.as_bytes())
            })
        }
    }
}

fn evaluate(a: &EvaluateArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let profile = load_profile(&a.profile, &mut diags);
    let platforms = load::load(&inputs_of(a.paths.clone(), &a.inputs), &mut diags);
    if !(a.concentration.is_finite() && a.concentration > 0.0) {
        diags.push(
            Diagnostic::error(
                "bad-flag",
                format!("`--concentration {}` must be a number > 0", a.concentration),
            )
            .with_help("larger is tighter around the profile's weights, e.g. `--concentration 50`"),
        );
    }
    report_diagnostics(&diags);
    let Some(profile) = profile.filter(|_| !diags.has_errors()) else {
        return Ok(Outcome::BadInput);
    };
    let mut eval = score::evaluate(&platforms, &profile, a.profile.method);
    let sampler = match a.sampler {
        SamplerArg::Uniform => Sampler::Uniform,
        SamplerArg::Profile => Sampler::AroundProfile {
            concentration: a.concentration,
        },
    };
    score::analyse(
        &mut eval,
        score::AnalysisOptions {
            sensitivity: a.sensitivity,
            robustness: a.robustness.then_some(smaa::Config {
                samples: a.samples as usize,
                seed: a.seed,
                sampler,
            }),
        },
    );
    let format = output_format(&a.output);
    let to_terminal = a.output.output.is_none() && std::io::stdout().is_terminal();
    let color = a.output.output.is_none() && stdout_has_color();
    let opts = report::Options {
        explain: a.explain,
        color,
        bars: color && unicode_terminal(),
        top: a.top,
        // A terminal's own width unless --width says otherwise; no limit when piped.
        width: a
            .output
            .width
            .or_else(|| {
                to_terminal
                    .then(|| comfy_table::Table::new().width())
                    .flatten()
            })
            // A pseudo-terminal may report no size at all (0 columns): then do not fit.
            .filter(|w| *w >= 40),
    };
    let outcome = emit(a.output.output.as_deref(), a.output.force, color, |out| {
        report::render(&eval, format, opts, out)
    });
    // The command ends the process: its memory goes back to the system at once, where
    // freeing ten thousand descriptors an allocation at a time takes tens of milliseconds.
    std::mem::forget(eval);
    std::mem::forget(platforms);
    outcome
}

fn init(what: &InitWhat) -> anyhow::Result<Outcome> {
    let (path, text, force) = match what {
        InitWhat::Platform {
            id,
            extends,
            platforms,
            output,
            force,
        } => {
            if !crate::catalog::parse::valid_id(id) {
                let mut diags = Diagnostics::default();
                diags.push(
                    Diagnostic::error("bad-id", format!("`{id}` is not a valid platform id"))
                        .with_help(
                            "an id is lower-case letters, digits and dashes, e.g. `my-paas`",
                        ),
                );
                report_diagnostics(&diags);
                return Ok(Outcome::BadInput);
            }
            let today = match lint::today() {
                Ok(t) => t,
                Err(e) => {
                    let mut diags = Diagnostics::default();
                    diags.push(Diagnostic::error("bad-date", e));
                    report_diagnostics(&diags);
                    return Ok(Outcome::BadInput);
                }
            };
            let path = output
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
            let text = match extends {
                None => crate::template::platform(id, today),
                Some(base) => {
                    let Some(base) = find_base(base, platforms) else {
                        return Ok(Outcome::BadInput);
                    };
                    crate::template::variant(id, &base, today)
                }
            };
            (path, text, *force)
        }
        InitWhat::Profile { output, force } => {
            let path = output
                .clone()
                .unwrap_or_else(|| PathBuf::from(profile::DEFAULT_FILE));
            (path, crate::template::profile(), *force)
        }
    };
    write_atomic(&path, force, |out| out.write_all(text.as_bytes()))?;
    anstream::eprintln!("wrote {}", path.display());
    Ok(Outcome::Success)
}

/// The base of `init platform --extends`: among `paths`, then the built-in catalog.
fn find_base(id: &str, paths: &[String]) -> Option<Descriptor> {
    let mut diags = Diagnostics::default();
    let platforms = load::load(
        &Inputs {
            paths: paths.to_vec(),
            with_builtin: true,
            ..Inputs::default()
        },
        &mut diags,
    );
    if diags.has_errors() {
        report_diagnostics(&diags);
        return None;
    }
    find_platform(&platforms, id).cloned()
}

/// `--format`, or the format the `--output` file's extension names, said on stderr.
fn output_format(o: &OutputArgs) -> Format {
    let (Some(path), None) = (&o.output, o.format) else {
        return o.format.unwrap_or(Format::Table);
    };
    let inferred = Format::from_extension(path);
    let name = inferred.unwrap_or(Format::Table);
    let name = clap::ValueEnum::to_possible_value(&name)
        .map_or_else(String::new, |v| v.get_name().to_owned());
    let why = if inferred.is_some() {
        "chosen by the file's extension"
    } else {
        "the file's extension names no format"
    };
    anstream::eprintln!(
        "note: writing {name} to {} ({why}; --format chooses another)",
        path.display()
    );
    inferred.unwrap_or(Format::Table)
}

/// Whether the terminal shows Unicode block characters (a UTF-8 locale).
fn unicode_terminal() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .is_some_and(|s| {
            s.to_ascii_uppercase().contains("UTF-8") || s.to_ascii_uppercase().contains("UTF8")
        })
}

fn check(a: &CheckArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let profile = load_profile(&a.profile, &mut diags);
    let platforms = load::load(&inputs_of(Vec::new(), &a.inputs), &mut diags);
    let reports = parse_reports(&a.reports, &mut diags);
    let baseline = a
        .baseline
        .as_deref()
        .and_then(|path| gate::read_baseline(path, &a.platform, &mut diags));
    let today = lint::today()
        .map_err(|e| {
            diags.push(
                Diagnostic::error("bad-date", e)
                    .with_help("unset it, or write the date as YYYY-MM-DD"),
            );
        })
        .ok();
    let (Some(profile), Some(today)) = (profile, today) else {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    };
    if diags.has_errors() {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    let flags = gate::Flags {
        min_score: a.min_score,
        min: a.min.clone(),
        require: a.require.clone(),
        max_rank: a.max_rank,
        baseline,
        max_drop: a.max_drop,
    };
    let result = gate::check(
        &a.platform,
        &platforms,
        &profile,
        a.profile.method,
        &flags,
        today,
        &mut diags,
    );
    report_diagnostics(&diags);
    let Some(result) = result else {
        return Ok(Outcome::BadInput);
    };
    for (format, path) in &reports {
        let text = check_report::render(&result, *format, false);
        write_atomic(path, a.force, |out| out.write_all(text.as_bytes()))?;
    }
    let color = a.output.is_none() && stdout_has_color();
    let text = check_report::render(&result, a.format, color);
    emit(a.output.as_deref(), a.force, color, |out| {
        out.write_all(text.as_bytes())
    })?;
    Ok(if result.passed() {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// `--report FORMAT=FILE` arguments.
fn parse_reports(args: &[String], diags: &mut Diagnostics) -> Vec<(CheckFormat, PathBuf)> {
    use clap::ValueEnum as _;
    let mut out = Vec::new();
    for arg in args {
        let parsed = arg
            .split_once('=')
            .and_then(|(f, path)| Some((CheckFormat::from_str(f.trim(), true).ok()?, path)))
            .filter(|(_, path)| !path.is_empty());
        match parsed {
            Some((format, path)) => out.push((format, PathBuf::from(path))),
            None => diags.push(
                Diagnostic::error("bad-flag", format!("`--report {arg}` is not FORMAT=FILE"))
                    .with_help("FORMAT is text, json, markdown, junit, github or sarif, e.g. `--report junit=check.xml`"),
            ),
        }
    }
    out
}

fn compare(a: &CompareArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let profile = load_profile(&a.profile, &mut diags);
    let platforms = load::load(&inputs_of(Vec::new(), &a.inputs), &mut diags);
    let mut seen = Vec::new();
    for id in &a.ids {
        if seen.contains(&id) {
            diags.push(
                Diagnostic::error("duplicate-platform", format!("`{id}` is named twice"))
                    .with_help("name each platform once"),
            );
        } else if !platforms.iter().any(|d| &d.id == id) && !diags.has_errors() {
            diags.push(gate::unknown_platform(id, &platforms));
        }
        seen.push(id);
    }
    report_diagnostics(&diags);
    let Some(profile) = profile.filter(|_| !diags.has_errors()) else {
        return Ok(Outcome::BadInput);
    };
    let eval = score::evaluate(&platforms, &profile, a.profile.method);
    let ids: Vec<&str> = a.ids.iter().map(String::as_str).collect();
    let comparison = crate::compare::compare(&eval, &ids, a.detail);
    let color = a.output.is_none() && stdout_has_color();
    let text = compare_report::render(&comparison, a.format, color);
    emit(a.output.as_deref(), a.force, color, |out| {
        out.write_all(text.as_bytes())
    })
}

fn explain(a: &ExplainArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    if a.profile.method == crate::analysis::Method::Topsis {
        diags.push(
            Diagnostic::error(
                "unsupported-method",
                "`explain` cannot use TOPSIS: its closeness is not linear in the weights",
            )
            .with_help("use --method wsm (the weighted sum, the default) or --method wpm (the weighted product)"),
        );
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    let profile = load_profile(&a.profile, &mut diags);
    let platforms = load::load(&inputs_of(Vec::new(), &a.inputs), &mut diags);
    report_diagnostics(&diags);
    let Some(profile) = profile.filter(|_| !diags.has_errors()) else {
        return Ok(Outcome::BadInput);
    };
    if find_platform(&platforms, &a.platform).is_none() {
        return Ok(Outcome::BadInput);
    }
    let eval = score::evaluate(&platforms, &profile, a.profile.method);
    let Some(x) =
        crate::decide::explain::explain(eval, &a.platform, a.free_zero_weights, &platforms)
    else {
        anyhow::bail!("no answer for `{}`", a.platform);
    };
    let text = crate::report::explain::render(&x, a.format);
    emit(a.output.as_deref(), a.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}

fn weigh(a: &WeighArgs) -> anyhow::Result<Outcome> {
    use crate::decide::weigh;
    let mut diags = Diagnostics::default();
    let judgments = match &a.file {
        Some(path) => {
            let Some(file) = crate::input::read(path, crate::input::PAIRWISE, &mut diags) else {
                report_diagnostics(&diags);
                return Ok(Outcome::BadInput);
            };
            weigh::parse(&file, &mut diags)
        }
        None => match crate::decide::ask::judgments() {
            Ok(j) => Some(j),
            Err(e) => {
                diags.push(e);
                None
            }
        },
    };
    let weighing = judgments.as_deref().and_then(weigh::weigh);
    let Some(w) = weighing.filter(|_| !diags.has_errors()) else {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    };
    print(&crate::report::weigh::render(&w, a.format))?;
    if !w.acceptable() {
        let why = crate::report::weigh::worst_triple(&w).unwrap_or_default();
        diags.push(
            Diagnostic::error(
                "inconsistent-judgments",
                format!(
                    "the judgments are too inconsistent: consistency ratio {:.3}, above {}",
                    w.ahp.cr.unwrap_or(f64::NAN),
                    crate::decide::ahp::MAX_CR
                ),
            )
            .with_help(format!("{why}; revise them and weigh again")),
        );
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    if let Some(path) = &a.output {
        let text = weigh::profile_text(&w);
        write_atomic(path, a.force, |out| out.write_all(text.as_bytes()))?;
        anstream::eprintln!("wrote {}", path.display());
    }
    Ok(Outcome::Success)
}

fn validate(
    paths: Vec<String>,
    inputs: &InputArgs,
    strict: bool,
    links: Option<links::Options>,
) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let platforms = load::load(
        &Inputs {
            // The evidence rules point into the text.
            keep_text: true,
            ..inputs_of(paths, inputs)
        },
        &mut diags,
    );
    match lint::today() {
        Ok(today) => {
            for d in &platforms {
                lint::lint(d, today, &mut diags);
            }
        }
        Err(e) => diags.push(
            Diagnostic::error("bad-date", e).with_help("unset it, or write the date as YYYY-MM-DD"),
        ),
    }
    // Links are requested only for descriptors that loaded: a file with errors is fixed first.
    let checked = links.map(|opts| links::check(&platforms, opts, &mut diags));
    if strict {
        diags.promote_warnings();
    }
    report_diagnostics(&diags);
    if diags.has_errors() {
        return Ok(Outcome::BadInput);
    }
    let warnings = diags.warning_count();
    let mut out = format!("ok: {} valid", plural(platforms.len(), "descriptor"));
    if let Some((n, not_checked)) = checked {
        out = if not_checked == 0 {
            format!("{out}, {} checked", plural(n, "link"))
        } else {
            format!(
                "{out}, {} of {} checked",
                n - not_checked,
                plural(n, "link")
            )
        };
    }
    if warnings > 0 {
        out = format!(
            "{out}, {} (--strict makes them errors)",
            plural(warnings, "warning")
        );
    }
    out.push('\n');
    print(&out)?;
    Ok(Outcome::Success)
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
    (diags.error_count() == before).then_some(p)
}

/// The platform with this id, or a reported `unknown-platform` error.
fn find_platform<'a>(platforms: &'a [Descriptor], id: &str) -> Option<&'a Descriptor> {
    let found = platforms.iter().find(|d| d.id == id);
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

fn stdout_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Room for the writer's buffer: large enough that a report of megabytes goes out in few
/// system calls, small against the memory of the evaluation itself.
const BUFFER: usize = 256 * 1024;

/// Writes a report to `--output FILE` (whole or not at all) or standard output, as `render`
/// produces it. `color` says the report may carry ANSI styles; callers set it only for
/// standard output, so no file ever holds them.
fn emit(
    output: Option<&Path>,
    force: bool,
    color: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<Outcome> {
    match output {
        Some(path) => write_atomic(path, force, render)?,
        None => write_stdout(color, render)?,
    }
    Ok(Outcome::Success)
}

/// Text made whole (help, schemas, short summaries) to standard output.
fn print(text: &str) -> io::Result<()> {
    write_stdout(false, |out| out.write_all(text.as_bytes()))
}

/// Standard output through one buffer. Styled reports go through anstream, which removes the
/// styles where colour is off and translates them for consoles that need it.
fn write_stdout(
    color: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if color {
        let mut out = BufWriter::with_capacity(BUFFER, anstream::stdout().lock());
        render(&mut out)?;
        out.flush()
    } else {
        let mut out = BufWriter::with_capacity(BUFFER, io::stdout().lock());
        render(&mut out)?;
        out.flush()
    }
}

/// An error already reported on stderr as a diagnostic: the caller only exits 2.
#[derive(Debug, thiserror::Error)]
#[error("reported")]
pub struct Reported;

/// Writes what `render` produces into a temporary file in the same folder, then renames it
/// into place: a failure at any point (in `render` too) leaves any old file as it was and
/// removes the temporary one. Without `force`, an existing file is never replaced.
pub fn write_atomic(
    path: &Path,
    force: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // Reports are for others to read: the usual mode (0644 under the common umask), not the
    // temporary file's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir).with_context(|| {
        format!(
            "cannot write `{}`: no temporary file in `{}`",
            path.display(),
            dir.display()
        )
    })?;
    let mut out = BufWriter::with_capacity(BUFFER, tmp.as_file_mut());
    render(&mut out)
        .and_then(|()| out.into_inner().map_err(io::IntoInnerError::into_error))
        .and_then(|file| file.sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    if force {
        tmp.persist(path)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    } else {
        // Never replace what is there: the rename fails if the file exists, atomically.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                let mut diags = Diagnostics::default();
                diags.push(
                    Diagnostic::error(
                        "output-exists",
                        format!("`{}` exists; it is left as it is", path.display()),
                    )
                    .with_help("add --force to replace it (nothing is ever overwritten by default, so a report cannot replace a file you wrote); in CI, where the file is the job's own, pass --force"),
                );
                report_diagnostics(&diags);
                anyhow::Error::new(Reported)
            } else {
                anyhow::Error::new(e.error).context(format!("cannot write `{}`", path.display()))
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::write_atomic;

    /// Names in the folder: a stray temporary file would show here.
    fn entries(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_stream_that_fails_midway_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "the old report\n").unwrap();
        // More than the writer's buffer, so part of it has reached the temporary file.
        let err = write_atomic(&path, true, |out| {
            out.write_all(&vec![b'x'; 3 * super::BUFFER])?;
            Err(io::Error::other("the renderer gave up"))
        })
        .unwrap_err();
        assert!(format!("{err:#}").starts_with("cannot write `"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old report\n");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[test]
    fn a_finished_stream_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        std::fs::write(&path, "the old report\n").unwrap();
        write_atomic(&path, true, |out| {
            (0..100_000).try_for_each(|i| writeln!(out, "{i}"))
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert!(text.ends_with("99999\n"));
        assert_eq!(entries(dir.path()), ["report.csv"]);
    }
}
