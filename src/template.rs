//! The commented templates of `init`: a descriptor with every criterion and what it means, and
//! a profile with every setting at its default. Both come from the one table.

use std::fmt::Write as _;

use crate::catalog::descriptor::{Descriptor, Hosting, Kind, Runtimes};
use crate::requirements::{
    CORE, DEFAULT_LANGUAGES, Level, REQUIREMENTS, RUBRIC_RULES, Source, basis_lines,
};

/// The levels, the rubric's rules and basis words, and the evidence a claim carries: the head
/// of every template.
fn levels_and_rules(out: &mut String) {
    out.push_str("# Editors check this file as you type with the schema: `platform-eval schema > platform.schema.json`\n");
    out.push_str("# and a first line `# yaml-language-server: $schema=platform.schema.json`.\n#\n");
    out.push_str("# Every criterion takes a level:\n");
    for l in Level::ALL {
        let _ = writeln!(out, "#   {:<8} {}", l.as_str(), l.meaning());
    }
    out.push_str(
        "# The rubric decides the level (`platform-eval show --rubric` prints it whole):\n",
    );
    for rule in RUBRIC_RULES {
        let _ = writeln!(out, "#   - {rule}");
    }
    out.push_str(
        "# A claim may say why it has its level with `basis:`, one word that allows one level:\n",
    );
    out.push_str(&basis_lines("#   "));
    out.push_str(
        "# A level that holds for some languages only lists them, with the level of the others:\n",
    );
    out.push_str("#   tracing: {level: native, languages: [java], other_languages: addon, note: ..., source: ...}\n#\n");
    out.push_str(
        "# As evidence, a note and a link to the platform's own documentation (never the add-on's page):\n",
    );
    out.push_str("#   health_checks: {level: native, note: Liveness and readiness probes., source: https://...}\n");
    out.push_str("# Check each claim against the documentation, then run `platform-eval validate --strict FILE`.\n\n");
}

/// A descriptor for a new platform: every criterion at `unknown`, to be looked up.
pub fn platform(id: &str, today: jiff::civil::Date) -> String {
    let mut out = String::new();
    out.push_str("# A platform descriptor for platform-eval (format version 1).\n");
    levels_and_rules(&mut out);
    let _ = writeln!(out, "id: {id}");
    out.push_str("# aliases: [short-name]  # other names people type for it, e.g. `gke`; commands take them as ids\n");
    let _ = writeln!(out, "name: {id}");
    out.push_str("summary: One sentence on what the platform is.\n");
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let _ = writeln!(out, "kind: paas  # {}", kinds.join(" | "));
    let hostings: Vec<&str> = Hosting::ALL.iter().map(|h| h.as_str()).collect();
    let _ = writeln!(out, "hosting: managed  # {}", hostings.join(" | "));
    out.push_str("homepage: https://example.com/\n");
    let _ = writeln!(
        out,
        "reviewed: {today}  # the day the claims were checked against their sources"
    );
    facts(&mut out);
    out.push_str("requirements:\n");
    for req in &REQUIREMENTS[..CORE] {
        let _ = writeln!(out, "  {}:  # {}: {}", req.id, req.title, req.meaning);
        for c in req.criteria {
            match c.source {
                Source::LanguageCoverage => {
                    out.push_str("    runtimes:  # languages with first-class support: `any`, or a list such as [go, python, node]\n");
                    out.push_str("      supported: any\n");
                    out.push_str("      note: Not checked yet.\n");
                    out.push_str("      source: https://example.com/docs/languages\n");
                }
                Source::Level | Source::Fact => {
                    let _ = writeln!(out, "    {}:  # {}", c.id, c.meaning);
                    for level in Level::KNOWN {
                        if let Some(m) = c.rubric.meaning(level) {
                            let _ = writeln!(out, "      #   {:<8} {m}", level.as_str());
                        }
                    }
                    out.push_str("      level: unknown\n");
                    out.push_str("      note: Not checked yet.\n");
                }
            }
        }
    }
    out
}

/// A variant of `base`: it states nothing yet, so everything is inherited; the base's level
/// of every criterion is listed as a comment, to uncomment and change where the variant
/// differs (a section left with only comments states nothing).
pub fn variant(id: &str, base: &Descriptor, today: jiff::civil::Date) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# A variant of {} (`{}`) for platform-eval (format version 1).",
        base.name, base.id
    );
    let _ = writeln!(
        out,
        "# It states only what differs: every criterion left out or commented out is inherited from\n\
         # `{}`, with its level, note and source. To change one, uncomment it and give the level, a note\n\
         # and a source; for an add-on your team installed, your own runbook page:\n\
         #   metrics: {{level: native, note: Prometheus runs on every cluster., source: https://runbooks.example.com/prometheus}}\n#",
        base.id
    );
    levels_and_rules(&mut out);
    let _ = writeln!(out, "id: {id}");
    let _ = writeln!(out, "name: {id}");
    let _ = writeln!(out, "extends: {}", base.id);
    let _ = writeln!(
        out,
        "reviewed: {today}  # the day your own claims were checked against their sources"
    );
    let _ = writeln!(
        out,
        "# summary, kind, hosting and homepage are inherited too; state them where they differ."
    );
    out.push_str("requirements:\n");
    for (r, req) in REQUIREMENTS[..CORE].iter().enumerate() {
        let _ = writeln!(out, "  {}:  # {}: {}", req.id, req.title, req.meaning);
        for (c, crit) in req.criteria.iter().enumerate() {
            let (key, level) = match crit.source {
                Source::LanguageCoverage => (
                    "runtimes",
                    match base.runtimes.as_ref().map(|e| &e.value) {
                        Some(Runtimes::Any) => "any".to_owned(),
                        Some(Runtimes::List(l)) => format!("[{}]", l.join(", ")),
                        None => "unknown".to_owned(),
                    },
                ),
                Source::Level | Source::Fact => (crit.id, base.claim(r, c).value.to_string()),
            };
            let from = base
                .backing(r, c)
                .inherited
                .map_or_else(String::new, |b| format!(", from {}", b.id));
            let _ = writeln!(out, "    # {key}: {level}  # in {}{from}", base.id);
        }
    }
    out
}

/// A profile with every setting at its default, commented.
pub fn profile() -> String {
    let mut out = String::from(
        "# A platform-eval profile: what the team weighs, what it requires, and what `check`\n\
# enforces. platform-eval reads ./platform-eval.toml when no --profile is given.\n\n\
[weights]  # relative importance of the requirements; any numbers >= 0, not all 0\n",
    );
    for req in &REQUIREMENTS[..CORE] {
        let _ = writeln!(out, "{} = 1  # {}", req.id, req.title);
    }
    out.push_str("\n# Weights inside a requirement, 1 each by default, for example:\n# [criteria.observability]\n# tracing = 0.5\n\n[team]\n");
    let langs: Vec<String> = DEFAULT_LANGUAGES
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect();
    let _ = writeln!(out, "languages = [{}]", langs.join(", "));
    out.push_str(
        "\n[levels]  # the value of each level, from 0 to 1, never rising from native to none\n",
    );
    out.push_str("native = 1.0\naddon = 0.6\npartial = 0.4\nnone = 0.0\n\n[unknown]\ntreat_as = \"none\"  # the level an unknown counts as\n\n");
    out.push_str(
        "# Hard constraints: a platform that misses one is left out of the ranking, for example:\n",
    );
    out.push_str(
        "# [require]\n# \"containers.oci_images\" = \"native\"\n# hosting = [\"managed\"]\n\n",
    );
    out.push_str("# What `platform-eval check` enforces, for example:\n");
    out.push_str("# [policy]\n# min_score = 70\n# min = { observability = 60 }\n# max_rank = 3\n# require = { \"resilience.health_checks\" = \"native\" }\n#\n");
    out.push_str("# [[policy.waive]]\n# criterion = \"automation.auto_rollback\"\n# reason = \"Rollbacks are scripted in our deploy job\"\n# expires = 2027-06-30\n");
    out
}

/// The facts a team's gates test, commented out: each is stated with its evidence once checked.
fn facts(out: &mut String) {
    use crate::catalog::facts::{Api, IdleCost, Operations, Status};
    let list = |all: Vec<&str>| all.join(" | ");
    out.push_str("# Facts that decide (gates in a profile's [require] test them; `validate --strict` asks for\n# all but limits). Each takes a note and a source like a claim, e.g.\n# `provider: {value: google, note: ..., source: https://...}`:\n");
    out.push_str("# provider: example-corp  # the company or project behind it, kebab-case\n");
    let _ = writeln!(
        out,
        "# api: proprietary  # {}",
        list(Api::ALL.iter().map(|x| x.as_str()).collect())
    );
    let _ = writeln!(
        out,
        "# lifecycle: ga  # {} (with `since: YYYY-MM-DD` when not ga)",
        list(Status::ALL.iter().map(|x| x.as_str()).collect())
    );
    out.push_str("# regions:\n#   cn-mainland: none  # native: own regions in mainland China (or runs on any host); partial: a separate partition (AWS China, Azure by 21Vianet); none\n");
    let _ = writeln!(
        out,
        "# operations: serverless  # {}",
        list(Operations::ALL.iter().map(|x| x.as_str()).collect())
    );
    let _ = writeln!(
        out,
        "# idle_cost: per-instance  # {}",
        list(IdleCost::ALL.iter().map(|x| x.as_str()).collect())
    );
    out.push_str("# limits: {vcpu: 4, memory_gib: 8, request_timeout_s: 3600, persistent_disk: none}  # per instance, as documented\n");
}
