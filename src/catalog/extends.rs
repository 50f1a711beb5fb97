//! Variants: `extends: BASE` gives a descriptor every claim, evidence included, that it does
//! not write itself, from the base (a loaded descriptor, else a built-in one), up a chain.
//!
//! What is inherited: each criterion left out, `runtimes`, and the metadata left out
//! (summary, kind, hosting, homepage). Never `name`, `id` or `reviewed`: a variant is a
//! platform of its own, and its review date speaks for the claims it writes (the base's own
//! date covers the rest). An inherited claim keeps its note, source and place, and records the
//! descriptor that writes it ([`Base`]), so reports can say where each claim comes from.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::descriptor::{Base, Descriptor, Evidence};
use super::facts::Facts;
use crate::diag::{Diagnostic, Diagnostics, suggest};

/// How far resolving one descriptor has got.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Todo,
    Visiting,
    Done,
    Failed,
}

/// Where a descriptor of the pool is: among the loaded ones or the built-in fallbacks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Loaded(usize),
    Fallback(usize),
}

struct Resolver<'a> {
    loaded: Vec<Descriptor>,
    fallback: Vec<Descriptor>,
    state_loaded: Vec<State>,
    state_fallback: Vec<State>,
    /// First descriptor of each id; a loaded one hides a built-in one of the same id.
    index: HashMap<String, Slot>,
    /// Ids of descriptors that failed to load, so that a variant of one says so.
    rejected: &'a BTreeSet<String>,
    diags: &'a mut Diagnostics,
}

/// Resolves every `extends` in `loaded`. Descriptors whose chain cannot be resolved (an
/// unknown base, a cycle, a base with errors) are reported and left out. `fallback` gives the
/// built-in catalog, read only when a base is not among the loaded descriptors.
pub fn resolve(
    loaded: Vec<Descriptor>,
    rejected: &BTreeSet<String>,
    fallback: impl FnOnce() -> Vec<Descriptor>,
    diags: &mut Diagnostics,
) -> Vec<Descriptor> {
    // Built-in descriptors were resolved against the catalog at build time.
    if loaded.iter().all(|d| d.extends.is_none() || d.builtin) {
        return loaded;
    }
    let mut index = HashMap::new();
    for (i, d) in loaded.iter().enumerate() {
        index.entry(d.id.clone()).or_insert(Slot::Loaded(i));
    }
    let needs_fallback = loaded
        .iter()
        .filter_map(|d| d.extends.as_ref())
        .any(|e| !index.contains_key(&e.value));
    let fallback = if needs_fallback {
        fallback()
    } else {
        Vec::new()
    };
    for (i, d) in fallback.iter().enumerate() {
        index.entry(d.id.clone()).or_insert(Slot::Fallback(i));
    }
    let mut r = Resolver {
        state_loaded: vec![State::Todo; loaded.len()],
        state_fallback: vec![State::Todo; fallback.len()],
        loaded,
        fallback,
        index,
        rejected,
        diags,
    };
    for i in 0..r.loaded.len() {
        r.resolve_chain(Slot::Loaded(i));
    }
    let states = r.state_loaded;
    r.loaded
        .into_iter()
        .zip(states)
        .filter(|(_, s)| *s == State::Done)
        .map(|(d, _)| d)
        .collect()
}

impl Resolver<'_> {
    fn get(&self, slot: Slot) -> &Descriptor {
        match slot {
            Slot::Loaded(i) => &self.loaded[i],
            Slot::Fallback(i) => &self.fallback[i],
        }
    }

    fn get_mut(&mut self, slot: Slot) -> &mut Descriptor {
        match slot {
            Slot::Loaded(i) => &mut self.loaded[i],
            Slot::Fallback(i) => &mut self.fallback[i],
        }
    }

    fn state(&mut self, slot: Slot) -> &mut State {
        match slot {
            Slot::Loaded(i) => &mut self.state_loaded[i],
            Slot::Fallback(i) => &mut self.state_fallback[i],
        }
    }

    /// Resolves one descriptor after its base, without recursion: a chain may be as long as
    /// the files of a run (`--max-files`), far deeper than a stack. The chain is walked down
    /// to a descriptor that is resolved, failed or extends nothing, then filled in upwards.
    fn resolve_chain(&mut self, start: Slot) {
        let mut path: Vec<Slot> = Vec::new();
        let mut slot = start;
        let mut outcome = loop {
            match *self.state(slot) {
                State::Visiting => {
                    self.report_cycle(slot, &path);
                    break State::Failed;
                }
                State::Todo => {}
                done => break done,
            }
            let d = self.get(slot);
            let Some(ext) = d.extends.clone().filter(|_| !d.builtin) else {
                *self.state(slot) = State::Done;
                break State::Done;
            };
            let Some(base) = self.index.get(&ext.value).copied() else {
                self.report_unknown(slot, &ext);
                *self.state(slot) = State::Failed;
                break State::Failed;
            };
            *self.state(slot) = State::Visiting;
            path.push(slot);
            slot = base;
        };
        while let Some(slot) = path.pop() {
            // A member of a cycle was marked failed, and reported, by `report_cycle`.
            if *self.state(slot) == State::Failed {
                outcome = State::Failed;
                continue;
            }
            let d = self.get(slot);
            let Some(ext) = d.extends.clone() else {
                continue;
            };
            if outcome == State::Done {
                let base = self.index[&ext.value];
                let base = self.get(base).clone();
                inherit(self.get_mut(slot), &base);
            } else {
                // A broken base further up is reported here too, so every variant that
                // cannot load says why.
                self.report_broken_base(slot, &ext);
            }
            *self.state(slot) = outcome;
        }
    }

    fn locate(&self, slot: Slot, ext: &Evidence<String>, d: Diagnostic) -> Diagnostic {
        let desc = self.get(slot);
        match ext.span {
            Some(span) => d.at(&desc.file, span),
            None => d.in_file(&desc.file),
        }
    }

    fn report_unknown(&mut self, slot: Slot, ext: &Evidence<String>) {
        let d = self.get(slot);
        let (id, base) = (d.id.clone(), ext.value.clone());
        let diag = if self.rejected.contains(&base) {
            Diagnostic::error(
                "base-has-errors",
                format!("`{id}` extends `{base}`, which has errors of its own and was not loaded"),
            )
            .with_help(format!(
                "fix `{base}` first (its errors are listed above); a variant loads once its base does"
            ))
        } else {
            let mut known: Vec<&str> = self.index.keys().map(String::as_str).collect();
            known.sort_unstable();
            Diagnostic::error(
                "unknown-base",
                format!("`{id}` extends `{base}`, which is not a loaded or built-in platform"),
            )
            .with_help(format!(
                "{} (`platform-eval list` shows the ids)",
                suggest(&base, &known)
            ))
        };
        let diag = self.locate(slot, ext, diag);
        self.diags.push(diag);
    }

    fn report_broken_base(&mut self, slot: Slot, ext: &Evidence<String>) {
        let id = self.get(slot).id.clone();
        let diag = Diagnostic::error(
            "base-has-errors",
            format!(
                "`{id}` extends `{}`, which cannot be loaded itself",
                ext.value
            ),
        )
        .with_help("fix the base's chain first (the error is listed above)");
        let diag = self.locate(slot, ext, diag);
        self.diags.push(diag);
    }

    /// `slot` was met again while resolving `path`: every descriptor from its first place in
    /// the path on is in the cycle. It is reported once, at the member met first, with a long
    /// chain abbreviated: a cycle of thousands of files is one error, not thousands.
    fn report_cycle(&mut self, slot: Slot, path: &[Slot]) {
        let start = path.iter().position(|s| *s == slot).unwrap_or(0);
        let members: Vec<Slot> = path[start..].to_vec();
        let ids: Vec<&str> = members.iter().map(|s| self.get(*s).id.as_str()).collect();
        let chain = abbreviated_chain(&ids);
        let first = self.get(slot);
        let diag = Diagnostic::error(
            "extends-cycle",
            format!("`{}` extends itself through a cycle: {chain}", first.id),
        )
        .with_help(if members.len() > 1 {
            format!(
                "a chain of `extends` must end at a descriptor that extends nothing; remove one link (the {} descriptors of the cycle are left out)",
                members.len()
            )
        } else {
            "a chain of `extends` must end at a descriptor that extends nothing; remove the link"
                .to_owned()
        });
        let diag = match first.extends.clone() {
            Some(ext) => self.locate(slot, &ext, diag),
            None => diag.in_file(&first.file),
        };
        self.diags.push(diag);
        for m in members {
            *self.state(m) = State::Failed;
        }
    }
}

/// `a → b → c → a`; past eight links, the first three, a count, and the last three.
fn abbreviated_chain(ids: &[&str]) -> String {
    const SHOWN: usize = 3;
    let mut links: Vec<String> = if ids.len() > 8 {
        let mut l: Vec<String> = ids[..SHOWN].iter().map(ToString::to_string).collect();
        l.push(format!("… {} more …", ids.len() - 2 * SHOWN));
        l.extend(ids[ids.len() - SHOWN..].iter().map(ToString::to_string));
        l
    } else {
        ids.iter().map(ToString::to_string).collect()
    };
    links.push(ids.first().map_or_else(String::new, ToString::to_string));
    links.join(" → ")
}

/// Fills in what `d` leaves out from its (already resolved) `base`.
fn inherit(d: &mut Descriptor, base: &Descriptor) {
    let here = Arc::new(Base {
        id: base.id.clone().into(),
        file: base.file.name.clone().into(),
        builtin: base.builtin,
    });
    // A claim the base inherited itself keeps naming the descriptor that writes it.
    let from = |inherited: &Option<Arc<Base>>| inherited.clone().or_else(|| Some(here.clone()));
    for (mine, theirs) in d.claims.iter_mut().zip(&base.claims) {
        for (claim, base_claim) in mine.iter_mut().zip(theirs) {
            if claim.span.is_none() && base_claim.span.is_some() {
                *claim = Evidence {
                    inherited: from(&base_claim.inherited),
                    ..base_claim.clone()
                };
            }
        }
    }
    if d.runtimes.is_none()
        && let Some(rt) = &base.runtimes
    {
        d.runtimes = Some(Evidence {
            inherited: from(&rt.inherited),
            ..rt.clone()
        });
    }
    inherit_facts(&mut d.facts, &base.facts, &from);
    d.derive_fact_claims();
    d.summary = d.summary.take().or_else(|| base.summary.clone());
    d.kind = d.kind.or(base.kind);
    d.hosting = d.hosting.or(base.hosting);
    d.homepage = d.homepage.take().or_else(|| base.homepage.clone());
}

/// Each fact `facts` leaves out, from the base's, naming where it is written.
fn inherit_facts(
    facts: &mut Facts,
    base: &Facts,
    from: &impl Fn(&Option<Arc<Base>>) -> Option<Arc<Base>>,
) {
    fn take<T: Clone>(
        mine: &mut Option<Evidence<T>>,
        theirs: Option<&Evidence<T>>,
        from: &impl Fn(&Option<Arc<Base>>) -> Option<Arc<Base>>,
    ) {
        if mine.is_none()
            && let Some(e) = theirs
        {
            *mine = Some(Evidence {
                inherited: from(&e.inherited),
                ..e.clone()
            });
        }
    }
    take(&mut facts.provider, base.provider.as_ref(), from);
    take(&mut facts.api, base.api.as_ref(), from);
    take(&mut facts.lifecycle, base.lifecycle.as_ref(), from);
    take(&mut facts.operations, base.operations.as_ref(), from);
    take(&mut facts.idle_cost, base.idle_cost.as_ref(), from);
    take(&mut facts.limits, base.limits.as_ref(), from);
    facts
        .regions
        .resize(base.regions.len().max(facts.regions.len()), None);
    for (mine, theirs) in facts.regions.iter_mut().zip(&base.regions) {
        take(mine, theirs.as_ref(), from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::load::parse_source;
    use crate::diag::SourceFile;
    use crate::requirements::{Level, requirement_index};

    fn parse(name: &str, text: &str, diags: &mut Diagnostics) -> Option<Descriptor> {
        let file = Arc::new(SourceFile::new(format!("{name}.yaml"), text.into()));
        parse_source(&file, name, false, diags)
    }

    /// Loads the given `(file stem, text)` descriptors and resolves them, with `fallback` as
    /// the built-in catalog.
    fn resolve_all(
        files: &[(&str, &str)],
        fallback: &[(&str, &str)],
    ) -> (Vec<Descriptor>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let mut rejected = BTreeSet::new();
        let mut loaded = Vec::new();
        for (name, text) in files {
            match parse(name, text, &mut diags) {
                Some(d) => loaded.push(d),
                None => {
                    rejected.insert((*name).to_owned());
                }
            }
        }
        let base: Vec<Descriptor> = fallback
            .iter()
            .filter_map(|(n, t)| parse(n, t, &mut Diagnostics::default()))
            .map(|mut d| {
                d.builtin = true;
                d
            })
            .collect();
        let out = resolve(loaded, &rejected, || base, &mut diags);
        (out, diags)
    }

    /// The claim at `requirement.criterion`.
    fn at<'d>(d: &'d Descriptor, path: &str) -> &'d crate::catalog::descriptor::Claim {
        let (r, c) = path.split_once('.').unwrap();
        let r = requirement_index(r).unwrap();
        let c = crate::requirements::REQUIREMENTS[r]
            .criterion_index(c)
            .unwrap();
        d.claim(r, c)
    }

    /// A claim's level and the base it is inherited from.
    fn level(d: &Descriptor, path: &str) -> (Level, Option<String>) {
        let claim = at(d, path);
        (
            claim.value,
            claim.inherited.as_ref().map(|b| b.id.to_string()),
        )
    }

    const BASE: &str = "name: Base\nsummary: The base.\nkind: orchestrator\nhosting: self-hosted\nhomepage: https://base.example.org\nrequirements:\n  languages:\n    runtimes: {supported: any, note: any image, source: https://base.example.org/images}\n  resilience:\n    health_checks: {level: native, note: probes, source: https://base.example.org/probes}\n    autoscaling: {level: addon, note: needs metrics, source: https://base.example.org/hpa}\n  observability:\n    metrics: {level: addon, note: needs metrics-server, source: https://base.example.org/metrics}\n";

    #[test]
    fn a_variant_inherits_what_it_leaves_out_and_overrides_what_it_states() {
        let variant = "name: Ours\nextends: base\nrequirements:\n  resilience:\n    autoscaling: {level: native, note: we installed it, source: https://runbook.example.com/hpa}\n";
        let (out, diags) = resolve_all(&[("base", BASE), ("ours", variant)], &[]);
        assert!(diags.is_empty(), "{diags:?}");
        let ours = out.iter().find(|d| d.id == "ours").unwrap();
        assert_eq!(level(ours, "resilience.autoscaling"), (Level::Native, None));
        assert_eq!(
            level(ours, "resilience.health_checks"),
            (Level::Native, Some("base".into()))
        );
        let hc = at(ours, "resilience.health_checks");
        assert_eq!(hc.note.as_deref(), Some("probes"), "evidence comes along");
        assert_eq!(
            ours.location_of_claim(hc).as_deref(),
            Some("base.yaml:10:28"),
            "an inherited claim is located in the base's file"
        );
        assert_eq!(
            level(ours, "resilience.multi_zone"),
            (Level::Unknown, None),
            "what neither states stays unknown"
        );
        assert_eq!(
            ours.runtimes
                .as_ref()
                .unwrap()
                .inherited
                .as_ref()
                .unwrap()
                .id,
            "base"
        );
        assert_eq!(
            ours.kind,
            Some(crate::catalog::descriptor::Kind::Orchestrator)
        );
        assert_eq!(ours.homepage.as_deref(), Some("https://base.example.org"));
        assert_eq!(ours.name, "Ours", "the name is never inherited");
        let base = out.iter().find(|d| d.id == "base").unwrap();
        assert_eq!(
            level(base, "resilience.autoscaling"),
            (Level::Addon, None),
            "the base is untouched"
        );
    }

    #[test]
    fn a_chain_names_the_descriptor_that_writes_each_claim() {
        let mid = "name: Mid\nextends: base\nrequirements:\n  observability:\n    metrics: {level: native, note: built in, source: https://mid.example.com/m}\n";
        let top =
            "name: Top\nextends: mid\nrequirements:\n  resilience:\n    autoscaling: native\n";
        // Listed before their bases: the order of the files does not matter.
        let (out, diags) = resolve_all(&[("top", top), ("mid", mid), ("base", BASE)], &[]);
        assert!(diags.is_empty(), "{diags:?}");
        let top = out.iter().find(|d| d.id == "top").unwrap();
        assert_eq!(
            level(top, "observability.metrics"),
            (Level::Native, Some("mid".into()))
        );
        assert_eq!(
            level(top, "resilience.health_checks"),
            (Level::Native, Some("base".into()))
        );
        assert_eq!(level(top, "resilience.autoscaling"), (Level::Native, None));
    }

    #[test]
    fn a_builtin_base_is_found_without_loading_the_catalog() {
        let variant = "name: Ours\nextends: base\n";
        let (out, diags) = resolve_all(&[("ours", variant)], &[("base", BASE)]);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            out.len(),
            1,
            "the fallback catalog is not added to the result"
        );
        let b = out[0].runtimes.as_ref().unwrap().inherited.clone().unwrap();
        assert_eq!((&*b.id, b.origin()), ("base", "builtin"));
    }

    #[test]
    fn an_unknown_base_is_located_with_a_suggestion() {
        let (out, diags) = resolve_all(
            &[("ours", "name: Ours\nextends: bsae\n")],
            &[("base", BASE)],
        );
        assert!(out.is_empty());
        assert_eq!(
            diags.codes(),
            vec![("unknown-base", "ours.yaml:2:10".into())]
        );
        let help = diags.iter().next().unwrap().help.clone().unwrap();
        assert!(help.contains("did you mean `base`?"), "{help}");
    }

    #[test]
    fn a_cycle_is_reported_once_and_a_variant_of_it_says_why() {
        let a = "name: A\nextends: b\n";
        let b = "name: B\nextends: a\n";
        let c = "name: C\nextends: a\n";
        let own = "name: Own\nextends: own\n";
        let (out, diags) = resolve_all(&[("c", c), ("a", a), ("b", b), ("own", own)], &[]);
        assert!(out.is_empty(), "{out:?}");
        let mut found = diags.codes();
        found.sort();
        assert_eq!(
            found,
            vec![
                ("base-has-errors", "c.yaml:2:10".into()),
                ("extends-cycle", "a.yaml:2:10".into()),
                ("extends-cycle", "own.yaml:2:10".into()),
            ]
        );
        let msg: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert!(msg.iter().any(|m| m.contains("a → b → a")), "{msg:?}");
        assert!(msg.iter().any(|m| m.contains("own → own")), "{msg:?}");
    }

    /// `(name, text)` of `n` descriptors `p0 → p1 → … → p(n-1)`, the last extending `last`.
    fn chain(n: usize, last: Option<&str>) -> Vec<(String, String)> {
        (0..n)
            .map(|i| {
                let base = if i + 1 < n {
                    Some(format!("p{}", i + 1))
                } else {
                    last.map(str::to_owned)
                };
                let extends = base.map_or_else(String::new, |b| format!("extends: {b}\n"));
                (format!("p{i}"), format!("name: P{i}\n{extends}"))
            })
            .collect()
    }

    fn resolve_owned(files: &[(String, String)]) -> (Vec<Descriptor>, Diagnostics) {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        resolve_all(&refs, &[])
    }

    /// Hardening round 2, defect 1: 7,000 links overflowed the stack.
    #[test]
    fn a_chain_of_ten_thousand_variants_resolves_without_recursion() {
        let mut files = chain(10_000, None);
        files.last_mut().unwrap().1 = BASE.to_owned();
        let (out, diags) = resolve_owned(&files);
        assert!(diags.is_empty(), "{:?}", diags.codes().first());
        assert_eq!(out.len(), 10_000);
        let top = out.iter().find(|d| d.id == "p0").unwrap();
        assert_eq!(
            level(top, "resilience.health_checks"),
            (Level::Native, Some("p9999".into())),
            "the top of the chain inherits from its far end"
        );
    }

    /// Hardening round 2, defect 2: each of 5,000 members repeated the whole chain.
    #[test]
    fn a_long_cycle_is_one_short_error() {
        let files = chain(5_000, Some("p0"));
        let (out, diags) = resolve_owned(&files);
        assert!(out.is_empty());
        assert_eq!(
            diags.codes(),
            vec![("extends-cycle", "p0.yaml:2:10".into())]
        );
        let d = diags.iter().next().unwrap();
        assert!(d.message.len() < 200, "{}", d.message);
        assert!(
            d.message
                .ends_with("p0 → p1 → p2 → … 4994 more … → p4997 → p4998 → p4999 → p0"),
            "{}",
            d.message
        );
        assert!(d.help.as_deref().unwrap().contains("5000 descriptors"));
    }

    #[test]
    fn a_variant_of_a_descriptor_with_errors_says_so() {
        let broken = "name: Broken\nrequirements:\n  resilience:\n    health_checks: sometimes\n";
        let (out, diags) = resolve_all(
            &[
                ("broken", broken),
                ("ours", "name: Ours\nextends: broken\n"),
            ],
            &[],
        );
        assert!(out.is_empty());
        assert_eq!(
            diags.codes(),
            vec![
                ("bad-level", "broken.yaml:4:20".into()),
                ("base-has-errors", "ours.yaml:2:10".into())
            ]
        );
    }
}
