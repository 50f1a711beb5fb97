//! `evaluate`: score every platform and write the ranking in the chosen format.

use std::io::IsTerminal as _;

use crate::analysis::smaa::{self, Sampler};
use crate::catalog::load;
use crate::cli::{EvaluateArgs, OutputArgs, SamplerArg};
use crate::diag::{Diagnostic, Diagnostics};
use crate::report::{self, Format};
use crate::score;

use super::{
    Files, Outcome, emit, fit_width, inputs_of, invocation, load_profile, report_diagnostics,
    select, stdout_has_color, warn_unknown_providers,
};

pub(super) fn run(a: &EvaluateArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    Files::default()
        .descriptors(a.paths.iter().chain(&a.inputs.platforms))
        .profile(a.profile.profile.as_deref())
        .write(a.output.output.as_deref())
        .check(&mut diags);
    let profile = load_profile(&a.profile, &mut diags).map(|mut p| {
        p.invocation = invocation(&a.paths, &a.inputs, &a.profile, &a.select, &p);
        p
    });
    let platforms = load::load(&inputs_of(a.paths.clone(), &a.inputs), &mut diags);
    warn_unknown_providers(profile.as_ref(), &platforms, &mut diags);
    let platforms = select(platforms, &a.select, &mut diags);
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
        width: fit_width(a.output.width, to_terminal),
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
