//! Command-line definitions: the manual of every command lives here.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::Method;
use crate::report::check::CheckFormat;
use crate::report::compare::CompareFormat;
use crate::report::explain::ExplainFormat;
use crate::report::weigh::WeighFormat;
use crate::report::{Format, ListFormat};

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
[require] constraint of the profile, with one line saying why.\n\n\
--method wpm multiplies instead (a zero in a weighted requirement vetoes a platform); --method \
topsis ranks by closeness to the ideal platform of the ranked set, which can reorder platforms \
when one is added or removed (rank reversal). --sensitivity gives, for each requirement, the \
exact range of its weight over which the top platform stays first; --robustness samples \
weightings (SMAA-2) and reports how often each platform is first.",
        after_help = "Examples:\n  platform-eval evaluate\n  platform-eval evaluate --profile resilience-first --explain\n  platform-eval evaluate --method topsis --sensitivity --robustness --seed 7\n  platform-eval evaluate my-platforms/ --with-builtin --format markdown --output evaluation.md\n  platform-eval evaluate --weight observability=2 --language go --language python --format json"
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
the date the review-age rule compares against.\n\n\
--check-links requests every `source` and `homepage` the descriptors write (each URL once, \
however often it is cited; redirects followed; one retry after a network error, a 429 or a \
5xx) and warns at each place that cites a broken one, with the HTTP status. Inherited claims \
are checked in the base that writes them.",
        after_help = "Examples:\n  platform-eval validate --strict\n  platform-eval validate platforms/\n  platform-eval validate my-platform.yaml\n  platform-eval validate --check-links --strict\n  cat my-platform.yaml | platform-eval validate -"
    )]
    Validate(ValidateArgs),

    /// Gate CI on the chosen platform: exit 0 when it meets the policy, 1 when it does not
    #[command(
        long_about = "Gate CI on the chosen platform: exit 0 when it meets the policy, 1 when it does not, 2 on bad \
input.\n\n\
The policy comes from the profile's [policy] (min_score, min, max_rank, waivers) and [require], \
and from flags, which win. Every assertion is reported with its verdict, failed criteria with \
their place in the descriptor (file:line:col), and the last line states the verdict. With \
--baseline (an earlier `evaluate --format json` or `check --format json`), the check also fails \
when the overall score fell by more than --max-drop points (default 0), or when a requirement \
that met its minimum in the baseline no longer does. A waiver ([[policy.waive]] with criterion \
or requirement, reason and expires) excuses a failure until it expires; an expired waiver fails \
the check, and a waiver that matches nothing is a warning.",
        after_help = "Examples:\n  platform-eval check kubernetes --min-score 70 --min observability=50\n  platform-eval check google-cloud-run --profile platform-eval.toml --max-rank 3\n  platform-eval check aws-ecs-fargate --require resilience.health_checks=native --format github\n  platform-eval check heroku --baseline baseline.json --max-drop 2 --report junit=check.xml --report sarif=check.sarif"
    )]
    Check(CheckArgs),

    /// Put platforms side by side, requirement by requirement, with the winner of each row
    #[command(
        long_about = "Put two or more platforms side by side: one row per requirement (and per criterion with \
--detail), one column per platform, the delta to the first platform, and the winner of each row \
(a tie when equal), with a total row and a one-sentence summary. It informs; it does not gate, so \
it exits 0.",
        after_help = "Examples:\n  platform-eval compare kubernetes hashicorp-nomad\n  platform-eval compare google-cloud-run aws-ecs-fargate azure-container-apps --detail\n  platform-eval compare heroku fly-io --format markdown"
    )]
    Compare(CompareArgs),

    /// What would it take for a platform to come first: the closest weighting that does it
    #[command(
        long_about = "What would it take for PLATFORM to come first? The weighting nearest to the profile's \
under which it ranks first, with the weights before and after per requirement. Nearest means the \
smallest total shift of the normalised weights (the L1 distance on the simplex; 0.1 moves 5 % of \
the weight from some requirements to others). It is solved exactly as a linear program: the \
weighted sum is linear in the weights, the weighted product in their logarithms (--method wsm or \
wpm; TOPSIS is not linear and is refused). When no weighting makes it first, it says so, names \
a platform that dominates it (at least as good on every requirement, better on one) or the \
rivals that always lead, and shows where it comes closest. Weights the profile holds at 0 stay 0 \
unless --free-zero-weights.",
        after_help = "Examples:\n  platform-eval explain kubernetes\n  platform-eval explain hashicorp-nomad --profile resilience-first --format markdown\n  platform-eval explain google-cloud-run --method wpm --format json\n  platform-eval explain our-cluster -p our-cluster.yaml --with-builtin --free-zero-weights"
    )]
    Explain(ExplainArgs),

    /// Derive the requirements' weights from pairwise judgments (AHP) and write a profile
    #[command(
        long_about = "Derive the five requirements' weights from pairwise judgments, as the Analytic Hierarchy \
Process does: for each pair, how many times one matters more than the other on Saaty's 1-9 \
scale (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; reciprocals for the \
reverse). The judgments come from a TOML file's [pairwise] table (\"resilience/observability\" = 3, \
\"1/3\" for a fraction; every pair once) or, with no FILE on a terminal, are asked one pair at a \
time. The weights are the principal eigenvector of the judgment matrix; the consistency ratio \
(CI over Saaty's random index) must be at most 0.10, else the judgments are refused (exit 2) \
and the triple that disagrees most is named. --output writes a profile with those [weights] and \
the judgments as comments; it never replaces a file without --force.",
        after_help = "Examples:\n  platform-eval weigh judgments.toml\n  platform-eval weigh judgments.toml --output platform-eval.toml\n  platform-eval weigh --output team.toml          # asks each pair on the terminal\n  platform-eval weigh judgments.toml --format json"
    )]
    Weigh(WeighArgs),

    /// Print the JSON Schema of the descriptor (or profile) format, for editors and validators
    #[command(
        long_about = "Print the JSON Schema of the descriptor format (or, with --profile, of the profile format), \
generated from the same table of requirements and criteria the tool reads descriptors with. Point \
the YAML language server at it (a `# yaml-language-server: $schema=...` first line) and an editor \
completes and checks descriptors as you type.",
        after_help = "Examples:\n  platform-eval schema > platform.schema.json\n  platform-eval schema --profile > profile.schema.json"
    )]
    Schema(SchemaArgs),

    /// Write a commented template: a platform descriptor or a profile
    #[command(
        long_about = "Write a commented template: `init platform ID` writes ID.yaml with every criterion and what \
it means, each at level unknown until you look it up; `init profile` writes platform-eval.toml \
with every setting at its default. An existing file is never replaced without --force.",
        after_help = "Examples:\n  platform-eval init platform my-paas\n  platform-eval init profile\n  platform-eval init platform my-paas --output platforms/my-paas.yaml"
    )]
    Init(InitArgs),

    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(
        after_help = "Examples:\n  source <(platform-eval completions bash)\n  platform-eval completions zsh > ~/.zfunc/_platform-eval\n  platform-eval completions fish > ~/.config/fish/completions/platform-eval.fish"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff)
    #[command(
        after_help = "Examples:\n  platform-eval man > platform-eval.1 && man -l platform-eval.1"
    )]
    Man,

    /// List the loaded platforms
    #[command(
        after_help = "Examples:\n  platform-eval list\n  platform-eval list -p my-platforms/ --with-builtin --format csv"
    )]
    List(ListArgs),

    /// Read the team's deployment files and say what the deployment uses, criterion by criterion
    #[command(
        long_about = "Read the team's deployment files and say what the deployment uses, criterion by criterion of \
the five requirements: used, partial (some services or some of the way), unused or unknown, each \
with its evidence at path:line:col in the team's files and a one-line fix for each gap.\n\n\
It reads Kubernetes manifests (files, folders, multi-document streams, `-` for standard input: \
the output of `helm template`, whose `# Source:` comments name the template, or `kustomize \
build`), Docker Compose files, Dockerfiles (the final stage is the one that runs), nginx \
configuration (with its includes), GitHub Actions and GitLab CI workflows, and shell scripts \
that run `docker run`; each file is recognised by its content as well as its name. Each \
signal is read in context: a Dockerfile HEALTHCHECK counts under Docker and Compose and not under \
Kubernetes; a zone spread of one replica spreads nothing; an nginx upstream with one server is a \
proxy with no failover. `--signals` lists every signal with its id.\n\n\
With --on PLATFORM it sets what the platform offers beside what the deployment uses: the \
effective level of each criterion (used: the platform's level, or addon when the deployment \
brings it itself; partial: partial; unused: none; unknown: the platform's level), the \
requirement scores of the platform as offered and as deployed, and the gaps ordered by the \
points they would add. --format yaml writes that as a descriptor that extends the platform, \
which evaluate, compare and explain take like any other; `check --deployment` gates CI on it.",
        after_help = "Examples:\n  platform-eval scan examples/seed-stack\n  platform-eval scan k8s/ --on gke\n  helm template shop ./chart | platform-eval scan - --on gke --format json\n  platform-eval scan deploy/ --on gke --format yaml --output gke-deployed.yaml\n  platform-eval scan --signals"
    )]
    Scan(ScanArgs),

    /// Show one platform with the evidence behind every claim
    #[command(
        after_help = "Examples:\n  platform-eval show kubernetes\n  platform-eval show my-paas -p my-platforms/ --format markdown\n  platform-eval show --rubric"
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

    /// Largest descriptor file to read, in bytes (suffixes K and M allowed)
    #[arg(long, value_name = "SIZE", default_value = "1M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Most descriptor files to read in one run
    #[arg(long, value_name = "N", default_value_t = crate::catalog::load::DEFAULT_MAX_FILES)]
    pub max_files: usize,
}

#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Weigh only these platforms (ids or aliases, comma-separated or repeated; `platform-eval
    /// list` shows them); the others are left out
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Leave these platforms out (ids or aliases, comma-separated or repeated)
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub exclude: Vec<String>,
}

/// A platform's id or alias: any text, since a user's own platforms are loaded after the
/// command line is read; the built-in ids and aliases are offered to shell completion.
#[derive(Debug, Clone, Copy)]
pub struct PlatformName;

impl clap::builder::TypedValueParser for PlatformName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let mut names: Vec<String> = crate::catalog::builtin::descriptors(false)
            .into_iter()
            .flat_map(|d| {
                let aliases: Vec<String> = d.aliases.into_iter().map(|(a, _)| a).collect();
                std::iter::once(d.id).chain(aliases)
            })
            .collect();
        names.sort();
        Some(Box::new(
            names.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

/// `--top N`: a count of platforms, 1 or more.
fn parse_top(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err(
            "`--top 0` would show no platform: give 1 or more, or leave --top out to show them all"
                .to_owned(),
        ),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "`{s}` is not a count of platforms: give a whole number, e.g. `--top 5`"
        )),
    }
}

/// `4096`, `64K` or `1M`.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1024),
        Some((i, 'M' | 'm')) => (&s[..i], 1024 * 1024),
        _ => (s, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{s}` is not a size: a number of bytes, optionally with K or M"))
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

    /// Keep platforms closed to new customers or at their end of life, which are left out of
    /// the ranking unless the profile's `[require] lifecycle` lists them
    #[arg(long)]
    pub include_closed: bool,

    /// How requirement scores combine into one score
    #[arg(long, value_enum, default_value_t = Method::Wsm)]
    pub method: Method,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: table, or what the --output file's extension names]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the --output file if it exists (it is never replaced otherwise)
    #[arg(long)]
    pub force: bool,

    /// Fit the table to N columns [default: the terminal's width; no limit when piped]. A
    /// narrow table gives up, in this order: the score bars, the coverage column, the long
    /// requirement headers (short forms with a legend), the borders, the requirement columns
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
}

#[derive(Debug, Args)]
pub struct ListOutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Fit the table to N columns [default: the terminal's width; no limit when piped]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the --output file if it exists (it is never replaced otherwise)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Descriptor files or folders (same as --platforms)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Show only the platforms ranked N or better (all that tie at rank N stay); JSON keeps
    /// the whole matrix, so every score can still be recomputed
    #[arg(long, value_name = "N", value_parser = parse_top)]
    pub top: Option<usize>,

    /// Show the level, note and source of every criterion behind each shown score (with
    /// --top N, the top N only; `platform-eval show ID` gives one platform's evidence)
    #[arg(long)]
    pub explain: bool,

    /// For the top platform and each requirement: the range of that requirement's weight
    /// over which it stays first (the other weights keep their proportions), and who overtakes
    #[arg(long)]
    pub sensitivity: bool,

    /// Rank acceptability under sampled weightings (SMAA-2): how often each platform takes
    /// each rank, its central weights and confidence
    #[arg(long)]
    pub robustness: bool,

    /// Weight vectors to sample for --robustness
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub samples: u32,

    /// Seed of the sampler: the same seed gives the same numbers on any machine and thread count
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,

    /// uniform: any weighting is as plausible as another; profile: weightings around the
    /// profile's weights (see --concentration)
    #[arg(long, value_enum, default_value_t = SamplerArg::Uniform)]
    pub sampler: SamplerArg,

    /// How tightly `--sampler profile` stays around the profile's weights (Dirichlet κ;
    /// larger is tighter)
    #[arg(long, value_name = "K", default_value_t = 50.0)]
    pub concentration: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SamplerArg {
    /// Uniform over all weightings (Dirichlet(1, ..., 1))
    Uniform,
    /// Around the profile's weights (Dirichlet(κ w))
    Profile,
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

    /// Request every source and homepage URL and warn about each broken one (needs network)
    #[arg(long)]
    pub check_links: bool,

    /// Seconds to wait for one URL, redirects included (with --check-links)
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = positive_seconds)]
    pub link_timeout: f64,

    /// Seconds for the whole link check: no request starts after it, and what was not
    /// checked is reported (with --check-links)
    #[arg(long, value_name = "SECS", default_value_t = 120.0, value_parser = positive_seconds)]
    pub link_deadline: f64,

    /// URLs requested at once (with --check-links)
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub link_concurrency: u16,

    #[command(flatten)]
    pub inputs: InputArgs,
}

fn positive_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 600.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a number of seconds between 0 and 600"
        )),
    }
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The profile format's schema instead of the descriptor's
    #[arg(long)]
    pub profile: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(subcommand)]
    pub what: InitWhat,
}

#[derive(Debug, Subcommand)]
pub enum InitWhat {
    /// A descriptor template, written to ID.yaml
    Platform {
        /// The new platform's id: lower-case letters, digits and dashes
        id: String,
        /// Write a variant of this platform (its id or alias, built in or in --platforms;
        /// `platform-eval list` shows them): it inherits every claim it does not state, and the
        /// template lists the base's levels as comments
        #[arg(long, value_name = "BASE")]
        extends: Option<String>,
        /// Descriptor files or folders to find the base in, besides the built-in catalog
        #[arg(
            short = 'p',
            long = "platforms",
            value_name = "PATH",
            requires = "extends"
        )]
        platforms: Vec<String>,
        /// Write here instead of ID.yaml
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// A profile template, written to platform-eval.toml
    Profile {
        /// Write here instead of platform-eval.toml
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The chosen platform's id or alias, e.g. `kubernetes` or `k8s` (`platform-eval list`
    /// shows them)
    #[arg(value_parser = PlatformName, hide_possible_values = true, required_unless_present = "on")]
    pub platform: Option<String>,

    /// Check the deployment in these files (or `-` for standard input) as it runs on the
    /// platform: the policy applies to its effective levels (see `scan`), and failures point
    /// at the team's lines (repeatable)
    #[arg(long, value_name = "PATH")]
    pub deployment: Vec<String>,

    /// The platform the --deployment runs on (the same as naming it first)
    #[arg(long, value_name = "PLATFORM", value_parser = PlatformName, hide_possible_values = true, conflicts_with = "platform", requires = "deployment")]
    pub on: Option<String>,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    /// Minimum overall score, 0..100
    #[arg(long, value_name = "N")]
    pub min_score: Option<f64>,

    /// Minimum score of a requirement, e.g. `--min observability=50` (repeatable)
    #[arg(long = "min", value_name = "REQ=N")]
    pub min: Vec<String>,

    /// A criterion's least level, e.g. `--require resilience.health_checks=native` (repeatable)
    #[arg(long = "require", value_name = "CRITERION=LEVEL")]
    pub require: Vec<String>,

    /// The platform must rank within the top K of the evaluated set
    #[arg(long, value_name = "K")]
    pub max_rank: Option<usize>,

    /// An earlier `evaluate --format json` or `check --format json` output to compare against
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,

    /// Points the overall score may fall since the baseline [default: 0]
    #[arg(long, value_name = "N")]
    pub max_drop: Option<f64>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Also write a report in another format, e.g. `--report junit=check.xml` (repeatable)
    #[arg(long = "report", value_name = "FORMAT=FILE")]
    pub reports: Vec<String>,

    /// Replace the --output and --report files if they exist (never replaced otherwise)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more platform ids or aliases (`platform-eval list` shows them); deltas are to
    /// the first
    #[arg(
        required = true,
        num_args = 2..,
        value_name = "PLATFORM",
        value_parser = PlatformName,
        hide_possible_values = true
    )]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    /// Add a row for every criterion under its requirement, with each platform's level
    #[arg(long)]
    pub detail: bool,

    /// Fit the table to N columns [default: the terminal's width; no limit when piped];
    /// platform names wrap
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the --output file if it exists (it is never replaced otherwise)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The platform's id or alias, e.g. `kubernetes` or `k8s` (`platform-eval list` shows
    /// them)
    #[arg(value_parser = PlatformName, hide_possible_values = true)]
    pub platform: String,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    /// Let the weights the profile holds at 0 move too
    #[arg(long)]
    pub free_zero_weights: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the --output file if it exists (it is never replaced otherwise)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct WeighArgs {
    /// A TOML file with a [pairwise] table; without it, each pair is asked on the terminal
    #[arg(value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = WeighFormat::Table)]
    pub format: WeighFormat,

    /// Write a profile with these weights (and the judgments as comments) to FILE
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the --output file if it exists (it is never replaced otherwise)
    #[arg(long, conflicts_with = "merge")]
    pub force: bool,

    /// Write the weights into the existing --output profile's [weights], keeping its other
    /// sections, keys and comments
    #[arg(long, requires = "output")]
    pub merge: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub output: ListOutputArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The platform's id or alias, e.g. `kubernetes` or `k8s` (`platform-eval list` shows
    /// them)
    #[arg(required_unless_present = "rubric", value_parser = PlatformName, hide_possible_values = true)]
    pub platform: Option<String>,

    /// Show the rubric instead: what each level means for each criterion, and the basis words
    /// a claim may give for its level
    #[arg(long, conflicts_with = "platform")]
    pub rubric: bool,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub output: ListOutputArgs,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Deployment files or folders to read, or `-` for standard input
    #[arg(value_name = "PATH", required_unless_present = "signals")]
    pub paths: Vec<String>,

    /// The platform it runs on, by id or alias (`platform-eval list` shows them): adds what
    /// the platform offers, the effective levels, the scores and the gaps
    #[arg(long, value_name = "PLATFORM", value_parser = PlatformName, hide_possible_values = true)]
    pub on: Option<String>,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    /// Output format (yaml: the deployment as a descriptor extending the platform; needs --on)
    #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
    pub format: ScanFormat,

    /// Write to FILE instead of standard output: the whole file or nothing
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the --output file if it exists (it is never replaced otherwise)
    #[arg(long)]
    pub force: bool,

    /// Every finding of each criterion, not the first three
    #[arg(long)]
    pub all: bool,

    /// List the signals scan reads (id, criterion, what it reads, its context), then exit
    #[arg(long)]
    pub signals: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScanFormat {
    Table,
    Json,
    Yaml,
    Markdown,
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
