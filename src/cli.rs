//! Command-line definitions: the manual of every command lives here.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

const ABOUT: &str = "Choose where to deploy your microservices, and keep that choice honest in CI.";

const LONG_ABOUT: &str = "\
Choose where to deploy your microservices, and keep that choice honest in CI.

platform-eval scores deployment platforms (Kubernetes, Nomad, Cloud Run, Heroku, a Docker host
behind nginx...) against five requirements: multi-language support, containerized deployment,
automated deployment, load balancing and fault tolerance, monitoring and log collection.
Platforms are described by YAML descriptors whose every claim carries a level, a note and a
source link; a team's TOML profile says what it weighs. A built-in catalog of real platforms
is compiled in, so `platform-eval evaluate` works with no arguments.

Exit codes: 0 success, 1 check failed, 2 bad input or usage.";

#[derive(Debug, Parser)]
#[command(
    name = "platform-eval",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_long_help = crate::requirements::criteria_help()
)]
pub struct Cli {
    /// When to use colour: auto (a terminal, unless NO_COLOR is set), always or never
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score and rank platforms against the five requirements, and recommend one
    #[command(
        long_about = "Score and rank platforms against the five requirements, and recommend one.\n\n\
Each criterion's level (native, addon, partial, none, unknown) takes the profile's value; a \
requirement's score is the weighted mean of its criteria, and the overall score the weighted \
mean of the requirements (both ×100). The recommendation is the top platform that meets every \
[require] constraint of the profile, with one line saying why.",
        after_help = "Examples:\n  platform-eval evaluate\n  platform-eval evaluate --profile resilience-first --explain\n  platform-eval evaluate my-platforms/ --with-builtin --format markdown --output evaluation.md\n  platform-eval evaluate --weight observability=2 --language go --language python --format json"
    )]
    Evaluate(EvaluateArgs),

    /// Check descriptors and report every problem, then exit
    #[command(
        long_about = "Check descriptors and report every problem of every file, each with file:line:col, a stable \
code and what to do, then exit: 0 when there are no errors, 2 otherwise.\n\n\
Beyond errors, it warns where the evidence is thin: a claim without a source (any level but \
none and unknown), a partial, none or unknown level without a note, a criterion not stated, \
missing metadata, and a `reviewed` date more than a year old or in the future. --strict turns \
these warnings into errors; the built-in catalog passes it. PLATFORM_EVAL_TODAY=YYYY-MM-DD pins \
the date the review-age rule compares against.",
        after_help = "Examples:\n  platform-eval validate --strict\n  platform-eval validate platforms/\n  platform-eval validate my-platform.yaml\n  cat my-platform.yaml | platform-eval validate -"
    )]
    Validate(ValidateArgs),

    /// List the loaded platforms
    #[command(
        after_help = "Examples:\n  platform-eval list\n  platform-eval list -p my-platforms/ --with-builtin --format csv"
    )]
    List(ListArgs),

    /// Show one platform with the evidence behind every claim
    #[command(
        after_help = "Examples:\n  platform-eval show kubernetes\n  platform-eval show my-paas -p my-platforms/ --format markdown"
    )]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// A descriptor file, a folder of `*.yaml`/`*.yml` files, or `-` for standard input
    /// (repeatable; none means the built-in catalog)
    #[arg(short = 'p', long = "platforms", value_name = "PATH")]
    pub platforms: Vec<String>,

    /// Add the built-in catalog to the given paths
    #[arg(long)]
    pub with_builtin: bool,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// A profile file (TOML) or a built-in preset: balanced, resilience-first, small-team
    /// [default: ./platform-eval.toml if present, else balanced]
    #[arg(long, value_name = "FILE|PRESET")]
    pub profile: Option<String>,

    /// Override a requirement's weight, e.g. `--weight resilience=2` (repeatable)
    #[arg(long = "weight", value_name = "REQ=W")]
    pub weights: Vec<String>,

    /// Set the team's languages, replacing the profile's (repeatable, or comma-separated)
    #[arg(long = "language", value_name = "LANG")]
    pub languages: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Descriptor files or folders (same as --platforms)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Show the level, note and source of every criterion behind each score
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Descriptor files or folders (same as --platforms)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Treat warnings as errors: missing sources or notes, unset criteria, missing metadata,
    /// a `reviewed` date more than a year old or in the future
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub inputs: InputArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The platform's id, e.g. `kubernetes`
    pub platform: String,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
