//! What only signatures make visible, reported as anomalies: files that are each valid but
//! together (or against the calendar) are worth a look. Each has a stable code and a message in
//! both languages.
//!
//! | code | what |
//! | --- | --- |
//! | `same-file-twice` | the same result (or the same bytes) in two or more files |
//! | `same-answers-for-two-periods` | an association's results for different periods carry exactly the same answers, notes and evidence: one result re-signed for another month |
//! | `key-for-several-associations` | one key signed results naming two or more credit codes |
//! | `key-changed` | an association's results of one year are signed by two or more keys |
//! | `periods-overlap` | two different accepted results of an association cover overlapping periods |
//! | `period-in-future` | a result signed before the end of the period it reports on |
//! | `period-too-long` | a period longer than the bureau expects of a monthly report |
//!
//! Key anomalies look at every file whose signature holds (the key and what it signed are then
//! certain, whoever holds the key); the others at accepted results. Copies count once.

use std::collections::{BTreeMap, BTreeSet};

use selfcheck_core::canonical::{canonical_sha256, hex};
use selfcheck_core::credential::ResultWarning;
use selfcheck_core::text::Lang;

use super::settings::Settings;
use super::verdict::Verdict;
use selfcheck_core::time::period_days;

/// An anomaly and the files (indexes into the verdicts) it concerns, in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anomaly {
    /// What.
    pub kind: AnomalyKind,
    /// The files concerned.
    pub files: Vec<usize>,
}

/// The kinds of anomaly, with what each message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnomalyKind {
    /// The same result, or the same bytes, in several files.
    SameFileTwice {
        /// How many files.
        copies: u32,
    },
    /// Results of one association for different periods carry the same answers.
    SameAnswersForTwoPeriods {
        /// The credit code.
        credit_code: String,
        /// The periods, `(from, to)`, earliest first.
        periods: Vec<(String, String)>,
    },
    /// One key signed for several credit codes.
    KeyForSeveralAssociations {
        /// The key's fingerprint.
        fingerprint: String,
        /// The credit codes, in order.
        credit_codes: Vec<String>,
    },
    /// An association's key changed within a year.
    KeyChanged {
        /// The credit code.
        credit_code: String,
        /// The year of the months reported on.
        year: i32,
        /// The fingerprints, in the order first used.
        fingerprints: Vec<String>,
    },
    /// Two accepted results of an association cover overlapping periods.
    PeriodsOverlap {
        /// The credit code.
        credit_code: String,
        /// The first period, `(from, to)`.
        first: (String, String),
        /// The second period.
        second: (String, String),
    },
    /// Signed before the end of the period it reports on.
    PeriodInFuture {
        /// The credit code.
        credit_code: String,
        /// The period's last day.
        period_to: String,
        /// The signing date, Beijing time.
        signed: String,
    },
    /// A period longer than expected.
    PeriodTooLong {
        /// The credit code.
        credit_code: String,
        /// First day.
        from: String,
        /// Last day.
        to: String,
        /// Its days.
        days: i64,
        /// The longest expected.
        limit: u32,
    },
}

impl Anomaly {
    /// A stable code for scripts and bindings.
    pub fn code(&self) -> &'static str {
        match self.kind {
            AnomalyKind::SameFileTwice { .. } => "same-file-twice",
            AnomalyKind::SameAnswersForTwoPeriods { .. } => "same-answers-for-two-periods",
            AnomalyKind::KeyForSeveralAssociations { .. } => "key-for-several-associations",
            AnomalyKind::KeyChanged { .. } => "key-changed",
            AnomalyKind::PeriodsOverlap { .. } => "periods-overlap",
            AnomalyKind::PeriodInFuture { .. } => "period-in-future",
            AnomalyKind::PeriodTooLong { .. } => "period-too-long",
        }
    }

    /// What kind of anomaly it is, in a few words of `lang` (beside the code in tables).
    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::anomaly_label(&self.kind, lang)
    }

    /// The anomaly in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::words::anomaly(&self.kind, lang)
    }

    /// The credit code it concerns, when it concerns one association.
    pub fn credit_code(&self) -> Option<&str> {
        match &self.kind {
            AnomalyKind::SameAnswersForTwoPeriods { credit_code, .. }
            | AnomalyKind::KeyChanged { credit_code, .. }
            | AnomalyKind::PeriodsOverlap { credit_code, .. }
            | AnomalyKind::PeriodInFuture { credit_code, .. }
            | AnomalyKind::PeriodTooLong { credit_code, .. } => Some(credit_code),
            AnomalyKind::SameFileTwice { .. } | AnomalyKind::KeyForSeveralAssociations { .. } => None,
        }
    }
}

/// Every anomaly among `verdicts`, by kind in the order of the table above, then by first file.
pub(crate) fn find_anomalies(verdicts: &[Verdict], copy_of: &[Option<usize>], settings: &Settings) -> Vec<Anomaly> {
    let mut anomalies = Vec::new();
    same_files(copy_of, &mut anomalies);
    let originals: Vec<usize> = (0..verdicts.len()).filter(|&index| copy_of[index].is_none()).collect();
    let signed: Vec<usize> = originals.iter().copied().filter(|&index| verdicts[index].signer.is_some()).collect();
    let accepted: Vec<usize> =
        originals.iter().copied().filter(|&index| verdicts[index].accepted().is_some()).collect();
    same_answers(verdicts, &accepted, &mut anomalies);
    keys(verdicts, &signed, &mut anomalies);
    overlaps(verdicts, &accepted, &mut anomalies);
    periods(verdicts, &accepted, settings, &mut anomalies);
    anomalies
}

fn same_files(copy_of: &[Option<usize>], anomalies: &mut Vec<Anomaly>) {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (index, original) in copy_of.iter().enumerate() {
        if let Some(original) = original {
            groups.entry(*original).or_insert_with(|| vec![*original]).push(index);
        }
    }
    for files in groups.into_values() {
        anomalies.push(Anomaly { kind: AnomalyKind::SameFileTwice { copies: files.len() as u32 }, files });
    }
}

fn code_of(verdict: &Verdict) -> Option<&str> {
    verdict.claim.as_ref().filter(|claim| claim.credit_code_valid).map(|claim| claim.credit_code.as_str())
}

fn period_of(verdict: &Verdict) -> (String, String) {
    verdict.claim.as_ref().map(|claim| (claim.period_from.clone(), claim.period_to.clone())).unwrap_or_default()
}

fn same_answers(verdicts: &[Verdict], accepted: &[usize], anomalies: &mut Vec<Anomaly>) {
    // (code, catalogue, digest of the answers) → the results with them.
    let mut groups: BTreeMap<(&str, &str, String), Vec<usize>> = BTreeMap::new();
    for &index in accepted {
        let (Some(result), Some(code)) = (verdicts[index].accepted(), code_of(&verdicts[index])) else { continue };
        let answers = selfcheck_core::wire::entries_json(&result.answers.to_doc(&result.catalogue).answers);
        let digest = hex(&canonical_sha256(&answers));
        groups.entry((code, result.catalogue.digest(), digest)).or_default().push(index);
    }
    let mut found: Vec<Anomaly> = Vec::new();
    for ((code, _, _), files) in groups {
        let periods: BTreeSet<(String, String)> = files.iter().map(|&index| period_of(&verdicts[index])).collect();
        if periods.len() >= 2 {
            found.push(Anomaly {
                kind: AnomalyKind::SameAnswersForTwoPeriods {
                    credit_code: code.to_owned(),
                    periods: periods.into_iter().collect(),
                },
                files,
            });
        }
    }
    found.sort_by_key(|anomaly| anomaly.files[0]);
    anomalies.extend(found);
}

/// Distinct values (in the order first seen) and the files they come from.
type Seen<'a> = (Vec<&'a str>, Vec<usize>);

fn keys(verdicts: &[Verdict], signed: &[usize], anomalies: &mut Vec<Anomaly>) {
    let mut by_key: BTreeMap<&str, Seen<'_>> = BTreeMap::new();
    let mut by_code_year: BTreeMap<(&str, i32), Seen<'_>> = BTreeMap::new();
    let mut by_time: Vec<usize> = signed.to_vec();
    by_time.sort_by_key(|&index| (verdicts[index].signer.as_ref().map(|signer| signer.issued.clone()), index));
    for index in by_time {
        let verdict = &verdicts[index];
        let (Some(signer), Some(code)) = (&verdict.signer, code_of(verdict)) else { continue };
        let (codes, files) = by_key.entry(signer.fingerprint.as_str()).or_default();
        if !codes.contains(&code) {
            codes.push(code);
        }
        files.push(index);
        if let Some(month) = verdict.month() {
            let (fingerprints, files) = by_code_year.entry((code, month.year())).or_default();
            if !fingerprints.contains(&signer.fingerprint.as_str()) {
                fingerprints.push(signer.fingerprint.as_str());
            }
            files.push(index);
        }
    }
    let mut found: Vec<Anomaly> = Vec::new();
    for (fingerprint, (mut codes, mut files)) in by_key {
        if codes.len() >= 2 {
            codes.sort_unstable();
            files.sort_unstable();
            found.push(Anomaly {
                kind: AnomalyKind::KeyForSeveralAssociations {
                    fingerprint: fingerprint.to_owned(),
                    credit_codes: codes.into_iter().map(str::to_owned).collect(),
                },
                files,
            });
        }
    }
    found.sort_by_key(|anomaly| anomaly.files[0]);
    anomalies.append(&mut found);
    for ((code, year), (fingerprints, mut files)) in by_code_year {
        if fingerprints.len() >= 2 {
            files.sort_unstable();
            found.push(Anomaly {
                kind: AnomalyKind::KeyChanged {
                    credit_code: code.to_owned(),
                    year,
                    fingerprints: fingerprints.into_iter().map(str::to_owned).collect(),
                },
                files,
            });
        }
    }
    found.sort_by_key(|anomaly| anomaly.files[0]);
    anomalies.extend(found);
}

fn overlaps(verdicts: &[Verdict], accepted: &[usize], anomalies: &mut Vec<Anomaly>) {
    let mut by_code: BTreeMap<&str, Vec<(String, String, usize)>> = BTreeMap::new();
    for &index in accepted {
        let Some(code) = code_of(&verdicts[index]) else { continue };
        let (from, to) = period_of(&verdicts[index]);
        by_code.entry(code).or_default().push((from, to, index));
    }
    let mut found = Vec::new();
    for (code, mut periods) in by_code {
        periods.sort();
        // The period reaching furthest so far: each later one starting before its end overlaps it.
        let mut reach: Option<&(String, String, usize)> = None;
        for period in &periods {
            if let Some(earlier) = reach
                && period.0 <= earlier.1
            {
                found.push(Anomaly {
                    kind: AnomalyKind::PeriodsOverlap {
                        credit_code: code.to_owned(),
                        first: (earlier.0.clone(), earlier.1.clone()),
                        second: (period.0.clone(), period.1.clone()),
                    },
                    files: vec![earlier.2.min(period.2), earlier.2.max(period.2)],
                });
            }
            if reach.is_none_or(|earlier| period.1 > earlier.1) {
                reach = Some(period);
            }
        }
    }
    found.sort_by_key(|anomaly: &Anomaly| anomaly.files.clone());
    anomalies.extend(found);
}

fn periods(verdicts: &[Verdict], accepted: &[usize], settings: &Settings, anomalies: &mut Vec<Anomaly>) {
    let mut too_long = Vec::new();
    for &index in accepted {
        let verdict = &verdicts[index];
        let (Some(result), Some(code)) = (verdict.accepted(), code_of(verdict)) else { continue };
        for warning in &result.warnings {
            if let ResultWarning::SignedBeforePeriodEnds { signed, period_to } = warning {
                anomalies.push(Anomaly {
                    kind: AnomalyKind::PeriodInFuture {
                        credit_code: code.to_owned(),
                        period_to: period_to.clone(),
                        signed: signed.clone(),
                    },
                    files: vec![index],
                });
            }
        }
        let profile = &result.answers.profile();
        if let (Some(from), Some(to)) = (profile.period_from(), profile.period_to())
            && let days = period_days(from, to)
            && days > i64::from(settings.longest_period_days)
        {
            too_long.push(Anomaly {
                kind: AnomalyKind::PeriodTooLong {
                    credit_code: code.to_owned(),
                    from: from.as_str().to_owned(),
                    to: to.as_str().to_owned(),
                    days,
                    limit: settings.longest_period_days,
                },
                files: vec![index],
            });
        }
    }
    anomalies.extend(too_long);
}
