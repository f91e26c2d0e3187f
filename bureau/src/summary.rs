//! The bureau's signed summary: a ranking, a matrix or the year's summary, with where every
//! rectification notice stands, signed with the bureau's own key as a Verifiable Credential
//! (`eddsa-jcs-2022`, like a result), listing the SHA-256 of every file it was computed from (the
//! notices included), so that anyone holding the same files can compute it again and compare.
//!
//! Its clock is its `validFrom`: the verdicts it summarizes were given at that time, so
//! reproducing it later gives the same verdicts. Files are matched by digest, whatever their
//! names.

use std::collections::HashMap;

use selfcheck_core::catalogue::Catalogue;
use selfcheck_core::credential::sign_document;
use selfcheck_core::error::{Document, Error, Problem, ProblemKind};
use selfcheck_core::json::{self, Json};
use selfcheck_core::keys::{AssociationKey, PublicKey};
use selfcheck_core::notice::{VerifiedNotice, verify_notice};
use selfcheck_core::register::KeyRegister;
use selfcheck_core::text::Lang;
use selfcheck_core::time::Timestamp;
use selfcheck_core::wire::read::{Reader, index, join};
use selfcheck_core::wire::{
    INPUT_ROLES, SUMMARY_FORMAT, SUMMARY_FORMATS, SUMMARY_KINDS, SUMMARY_SUBJECT_TYPE, SUMMARY_TYPE, SummaryDoc,
    SummaryInputDoc, SummarySettingsDoc, SummarySubjectDoc,
};

use super::analysis::{Analysis, Rules, Settings};
use super::document::{matrix_json, notices_json, ranking_json};
use super::expected::ExpectedList;
use super::export::ExportSource;
use super::input::{Input, InputRole};
use super::month::{Deadline, Month, MonthRange};
use super::review::Reviews;
use super::verdict::{Verdict, examine};
use super::year::{ModelRule, year_json};

/// The largest summary accepted: a ranking of every association and the digests of tens of
/// thousands of files.
pub const MAX_SUMMARY_BYTES: usize = 16 * 1024 * 1024;

/// What a summary carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SummaryKind {
    /// The ranking.
    Ranking,
    /// The association × month matrix.
    Matrix,
    /// The year's summary (阶段性总结), as [`year_json`] writes it.
    Year(YearSummary),
}

/// Which year's summary: the year, the rule that names 示范 candidates, and the language of its
/// words (its tables are signed as they are printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearSummary {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The rule for 示范 candidates.
    pub rule: ModelRule,
    /// The language of its titles, headers and words.
    pub lang: Lang,
}

impl SummaryKind {
    /// `ranking`, `matrix` or `year`.
    pub fn code(self) -> &'static str {
        match self {
            SummaryKind::Ranking => "ranking",
            SummaryKind::Matrix => "matrix",
            SummaryKind::Year(_) => "year",
        }
    }

    /// The kind read from its word: `ranking` or `matrix` (a year's summary needs its year, rule
    /// and language: [`SummaryKind::Year`]).
    pub fn from_code(code: &str) -> Option<SummaryKind> {
        match code {
            "ranking" => Some(SummaryKind::Ranking),
            "matrix" => Some(SummaryKind::Matrix),
            _ => None,
        }
    }

    /// The kind in a word of `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::words::summary_kind(self, lang)
    }

    /// What a summary of this kind carries, in words of `lang`: the kind with its `rows` when
    /// counted (排名，6 行), or the year of a year's summary (2026 年阶段性总结).
    pub fn describe(self, rows: Option<usize>, lang: Lang) -> String {
        crate::words::summary_content(self, rows, lang)
    }
}

/// The content a summary of `kind` carries, computed from `source`: the same function signs
/// and reproduces.
fn content(kind: SummaryKind, source: ExportSource<'_>) -> Json {
    match kind {
        SummaryKind::Ranking => ranking_json(source.analysis, source.verdicts, source.reviews),
        SummaryKind::Matrix => matrix_json(source.analysis),
        SummaryKind::Year(year) => year_json(source, year.year, year.rule, year.lang),
    }
}

fn settings_doc(analysis: &Analysis, kind: SummaryKind) -> SummarySettingsDoc {
    let year = match kind {
        SummaryKind::Year(year) => Some(year),
        SummaryKind::Ranking | SummaryKind::Matrix => None,
    };
    SummarySettingsDoc {
        months: analysis.months.map(|months| months.to_string()),
        deadline: analysis.settings.deadline.map(Deadline::day),
        longest_period_days: analysis.settings.longest_period_days,
        ranking_month: analysis.settings.ranking_month.map(|month| month.to_string()),
        year: year.map(|year| u32::try_from(year.year).unwrap_or(0)),
        model_months: year.map(|year| year.rule.months),
        language: year.map(|year| if year.lang == Lang::En { "en" } else { "zh" }.to_owned()),
        require_sm2: analysis.settings.require_sm2.then_some(true),
    }
}

/// Signs a summary of `kind` over `source` with the bureau's `key`, at the analysis's clock
/// (`analysis.settings.now` becomes `validFrom`: compute the verdicts, the analysis and the
/// notices' tracks at the time of signing), in the current format (`selfcheck-summary/3`) with
/// where each notice of `source.notices` stands. The inputs listed are every verdict's file, then
/// `source.others`, then each notice followed that `source.others` does not list (named as the
/// desk saves it).
///
/// # Errors
/// [`crate::Error::SummaryInputMissing`] when the analysis used a register, an expected list or
/// reviews whose file is not among `source.others`: nobody could reproduce it.
/// [`crate::Error::EarlierRules`] when the analysis was computed under [`Rules::V1`], which is
/// kept only to compute summaries of the first format again.
pub fn sign_summary(
    kind: SummaryKind,
    source: ExportSource<'_>,
    key: &AssociationKey,
    random_id: [u8; 16],
) -> Result<String, crate::Error> {
    if source.analysis.settings.rules != Rules::V2 {
        return Err(crate::Error::EarlierRules);
    }
    let has = |role| source.others.iter().any(|input| input.role == role);
    let used_register = source.verdicts.iter().any(|verdict| verdict.key_status.is_some());
    let used_expected = source.analysis.rows.iter().any(|row| row.expected);
    // Reviews rank, accept a notice's criteria, and handle the problems of the year's summary.
    let used_reviews = source.reviews.is_some() && (kind != SummaryKind::Matrix || !source.notices.is_empty());
    for (used, role) in
        [(used_register, InputRole::Register), (used_expected, InputRole::Expected), (used_reviews, InputRole::Review)]
    {
        if used && !has(role) {
            return Err(crate::Error::SummaryInputMissing(role));
        }
    }
    let issued = source.analysis.settings.now.clone();
    let listed =
        |digest: &str| source.others.iter().any(|input| input.role == InputRole::Notice && input.sha256 == digest);
    let notices =
        source.notices.iter().map(|track| track.notice).filter(|notice| !listed(&notice.digest)).map(Input::of_notice);
    let inputs = source
        .verdicts
        .iter()
        .map(|verdict| Input::of_file(&verdict.file))
        .chain(source.others.iter().cloned())
        .chain(notices)
        .map(|input| SummaryInputDoc { name: input.name, sha256: input.sha256, role: input.role.code().to_owned() })
        .collect();
    let subject = SummarySubjectDoc {
        kind: SUMMARY_SUBJECT_TYPE.to_owned(),
        format: SUMMARY_FORMAT.to_owned(),
        summary_kind: kind.code().to_owned(),
        settings: settings_doc(source.analysis, kind),
        inputs,
        content: content(kind, source),
        notices: Some(notices_json(source.notices)),
    };
    let document = SummaryDoc::unsigned(SUMMARY_TYPE, key.public().did(), &issued, random_id, subject);
    Ok(sign_document(&document, key, &issued))
}

/// A summary whose signature holds: what the holder of [`VerifiedSummary::key`] signed. Whether
/// that key is the bureau's is for the reader to check against the fingerprint the bureau
/// publishes; whether it says what its files say is for [`VerifiedSummary::reproduce`].
#[derive(Debug, Clone)]
pub struct VerifiedSummary {
    /// The key that signed it.
    pub key: PublicKey,
    /// When it was signed, and the clock of its verdicts.
    pub issued: Timestamp,
    /// The credential's id.
    pub id: String,
    /// What it carries.
    pub kind: SummaryKind,
    /// The settings of its analysis.
    pub settings: Settings,
    /// Every file it was computed from, in order.
    pub inputs: Vec<Input>,
    /// The ranking, the matrix or the year's summary, as signed.
    pub content: Json,
    /// Where each rectification notice stood, as signed (`selfcheck-summary/3`; `None` in
    /// earlier formats, which had none).
    pub notices: Option<Json>,
    /// Lowercase hex SHA-256 of the canonical form of the whole signed document.
    pub digest: String,
}

/// Verifies a signed summary: its format, the `eddsa-jcs-2022` proof, and that it is not signed
/// later than the verifier's clock `now`.
///
/// # Errors
/// As reading a result: [`Error::TooLarge`], [`Error::Json`], [`Error::WrongDocument`],
/// [`Error::Malformed`] (every field problem by path), [`Error::BadTimestamp`], the proof errors
/// of [`verify_proof`], [`Error::VerificationMethodMismatch`], [`Error::NotYetValid`].
pub fn verify_summary(json: &str, now: &Timestamp) -> Result<VerifiedSummary, Error> {
    let value = selfcheck_core::wire::expect_document(json, Document::Summary, MAX_SUMMARY_BYTES)?;
    let mut reader = Reader::new();
    let document = SummaryDoc::read(&mut reader, &value);
    selfcheck_core::credential::check_envelope(
        &mut reader,
        &value,
        (&document.context, &document.types, &document.id),
        SUMMARY_TYPE,
    );
    let subject = &document.credential_subject;
    let at = "credentialSubject";
    if subject.kind != SUMMARY_SUBJECT_TYPE && !subject.kind.is_empty() {
        reader.problem(join(at, "type"), ProblemKind::MustBe(SUMMARY_SUBJECT_TYPE.into()));
    }
    if !SUMMARY_FORMATS.contains(&subject.format.as_str()) && !subject.format.is_empty() {
        reader.problem(join(at, "format"), ProblemKind::MustBe(SUMMARY_FORMAT.into()));
    }
    // A summary is computed again under the rules of the format it was signed in.
    let rules = if subject.format == SUMMARY_FORMATS[0] { Rules::V1 } else { Rules::V2 };
    let settings_at = join(at, "settings");
    for (at, problem) in format_problems(subject, at) {
        reader.problem(at, problem);
    }
    let months = subject.settings.months.as_deref().map(|text| {
        MonthRange::parse(text)
            .ok_or_else(|| Problem::new(join(&settings_at, "months"), ProblemKind::BadMonth(text.into())))
    });
    let ranking_month = subject.settings.ranking_month.as_deref().map(|text| {
        Month::parse(text)
            .ok_or_else(|| Problem::new(join(&settings_at, "ranking_month"), ProblemKind::BadMonth(text.into())))
    });
    let month_problems = [months.clone().and_then(Result::err), ranking_month.clone().and_then(Result::err)];
    reader.problems.extend(month_problems.into_iter().flatten());
    for (position, input) in subject.inputs.iter().enumerate() {
        if !selfcheck_core::credential::is_sha256_hex(&input.sha256) {
            reader.problem(join(&index(&join(at, "inputs"), position), "sha256"), ProblemKind::BadFileDigest);
        }
    }
    if !reader.problems.is_empty() {
        return Err(Error::Malformed { what: Document::Summary, problems: reader.problems });
    }
    let (key, issued) = selfcheck_core::credential::verify_issued(&value, &document, now)?;
    let subject = document.credential_subject;
    let settings = Settings {
        now: issued.clone(),
        months: months.and_then(Result::ok),
        deadline: subject.settings.deadline.and_then(Deadline::new),
        longest_period_days: subject.settings.longest_period_days,
        ranking_month: ranking_month.and_then(Result::ok),
        rules,
        require_sm2: subject.settings.require_sm2 == Some(true),
    };
    let inputs = subject
        .inputs
        .into_iter()
        .map(|input| Input {
            name: input.name,
            sha256: input.sha256,
            role: InputRole::from_code(&input.role).unwrap_or(InputRole::File),
        })
        .collect();
    let kind = match subject.summary_kind.as_str() {
        "year" => SummaryKind::Year(YearSummary {
            year: i32::try_from(subject.settings.year.unwrap_or(0)).unwrap_or(0),
            rule: ModelRule { months: subject.settings.model_months.unwrap_or(1) },
            lang: Lang::from_tag(subject.settings.language.as_deref().unwrap_or("zh")),
        }),
        code => SummaryKind::from_code(code).unwrap_or(SummaryKind::Ranking),
    };
    Ok(VerifiedSummary {
        key,
        issued,
        id: document.id,
        kind,
        settings,
        inputs,
        content: subject.content,
        notices: subject.notices,
        digest: selfcheck_core::canonical::hex(&selfcheck_core::canonical::canonical_sha256(&value)),
    })
}

/// What a subject carries that its format does not have, or lacks that it asks for: a year's
/// summary, notices and a notice input only from `selfcheck-summary/3`, where the notices are
/// required, and a year's summary names its year, rule and language.
fn format_problems(subject: &SummarySubjectDoc, at: &str) -> Vec<(String, ProblemKind)> {
    let mut problems = Vec::new();
    let settings_at = join(at, "settings");
    let settings = &subject.settings;
    let year_settings = [
        ("year", settings.year.is_some()),
        ("model_months", settings.model_months.is_some()),
        ("language", settings.language.is_some()),
    ];
    if subject.format != SUMMARY_FORMAT && settings.require_sm2.is_some() {
        problems.push((join(&settings_at, "require_sm2"), ProblemKind::UnknownField));
    }
    if subject.format == SUMMARY_FORMAT {
        if subject.notices.is_none() {
            problems.push((join(at, "notices"), ProblemKind::MissingField));
        }
        for (field, given) in year_settings {
            if subject.summary_kind == "year" && !given {
                problems.push((join(&settings_at, field), ProblemKind::MissingField));
            } else if subject.summary_kind != "year" && given {
                problems.push((join(&settings_at, field), ProblemKind::UnknownField));
            }
        }
    } else if SUMMARY_FORMATS.contains(&subject.format.as_str()) {
        // Format 3 added the last kind and the last role.
        const EARLIER_KINDS: &[&str] = SUMMARY_KINDS.split_at(SUMMARY_KINDS.len() - 1).0;
        if subject.summary_kind == "year" {
            let found = subject.summary_kind.clone();
            problems.push((join(at, "kind"), ProblemKind::NotOneOf { allowed: EARLIER_KINDS, found }));
        }
        if subject.notices.is_some() {
            problems.push((join(at, "notices"), ProblemKind::UnknownField));
        }
        for (field, given) in year_settings {
            if given {
                problems.push((join(&settings_at, field), ProblemKind::UnknownField));
            }
        }
        const EARLIER_ROLES: &[&str] = INPUT_ROLES.split_at(INPUT_ROLES.len() - 1).0;
        for (position, input) in subject.inputs.iter().enumerate() {
            if input.role == "notice" {
                let found = input.role.clone();
                let role_at = join(&index(&join(at, "inputs"), position), "role");
                problems.push((role_at, ProblemKind::NotOneOf { allowed: EARLIER_ROLES, found }));
            }
        }
    }
    problems
}

/// Whether a summary is what its files say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reproduction {
    /// Computed again from the same files, it is the same.
    Reproduced,
    /// These inputs were not among the files given.
    MissingInputs(Vec<Input>),
    /// Computed again, it differs; the first difference.
    Differs {
        /// Where, as a path in the content (`[3].score`, `rows[12].cells[4]`).
        at: String,
        /// What the summary says there.
        signed: String,
        /// What the files give.
        computed: String,
    },
}

impl Reproduction {
    /// A stable code: `reproduced`, `missing-inputs`, `differs`.
    pub fn code(&self) -> &'static str {
        match self {
            Reproduction::Reproduced => "reproduced",
            Reproduction::MissingInputs(_) => "missing-inputs",
            Reproduction::Differs { .. } => "differs",
        }
    }

    /// The outcome in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::words::reproduction(self, lang)
    }
}

impl VerifiedSummary {
    /// How many rows its content has: ranked associations, or matrix rows; a year's summary
    /// has tables instead (`None`).
    pub fn rows(&self) -> Option<usize> {
        match self.kind {
            SummaryKind::Ranking => Some(self.content.as_array().map_or(0, <[Json]>::len)),
            SummaryKind::Matrix => Some(self.content.get("rows").and_then(Json::as_array).map_or(0, <[Json]>::len)),
            SummaryKind::Year(_) => None,
        }
    }

    /// Computes the summary again from `files` (name and bytes; any names, any order, extra
    /// files ignored: each input is found by its SHA-256) with the built-in `catalogues` and
    /// those among the inputs, and compares it with what was signed.
    ///
    /// # Errors
    /// When an input found by its digest cannot be read as what it was used as (a register, an
    /// expected list, a review file, a catalogue, a rectification notice, verified at the
    /// summary's clock): that error.
    pub fn reproduce(&self, files: &[(&str, &[u8])], catalogues: &[&Catalogue]) -> Result<Reproduction, Error> {
        let by_digest: HashMap<String, &[u8]> =
            files.iter().map(|(_, bytes)| (selfcheck_core::credential::sha256_hex(bytes), *bytes)).collect();
        let missing: Vec<Input> =
            self.inputs.iter().filter(|input| !by_digest.contains_key(&input.sha256)).cloned().collect();
        if !missing.is_empty() {
            return Ok(Reproduction::MissingInputs(missing));
        }
        let bytes_of = |input: &Input| by_digest[&input.sha256];
        let text_of = |input: &Input, what: Document| {
            selfcheck_core::json::decode(bytes_of(input))
                .map(str::to_owned)
                .map_err(|error| Error::Json { what, error })
        };
        let mut register = None;
        let mut expected = None;
        let mut reviews = None;
        let mut custom: Vec<Catalogue> = Vec::new();
        for input in &self.inputs {
            match input.role {
                InputRole::File | InputRole::Notice => {}
                InputRole::Register => register = Some(KeyRegister::parse(&text_of(input, Document::Register)?)?),
                InputRole::Expected => expected = Some(ExpectedList::from_bytes(bytes_of(input))?),
                InputRole::Review => reviews = Some(Reviews::from_json(&text_of(input, Document::Review)?)?),
                InputRole::Catalogue => custom.push(Catalogue::from_json(&text_of(input, Document::Catalogue)?)?),
            }
        }
        let mut all: Vec<&Catalogue> = catalogues.to_vec();
        all.extend(custom.iter());
        let notices: Vec<VerifiedNotice> = self
            .inputs
            .iter()
            .filter(|input| input.role == InputRole::Notice)
            .map(|input| verify_notice(&text_of(input, Document::Notice)?, &all, &self.issued))
            .collect::<Result<_, Error>>()?;
        let verdicts: Vec<Verdict> = self
            .inputs
            .iter()
            .filter(|input| input.role == InputRole::File)
            .map(|input| {
                examine(&input.name, bytes_of(input), &all, &self.issued)
                    .judge_with(register.as_ref(), self.settings.require_sm2)
            })
            .collect();
        let analysis = Analysis::compute(&verdicts, expected.as_ref(), self.settings.clone());
        let others: Vec<Input> = self.inputs.iter().filter(|input| input.role != InputRole::File).cloned().collect();
        let tracks = crate::track_notices(&notices, &verdicts, reviews.as_ref(), &self.issued);
        let source = ExportSource {
            analysis: &analysis,
            verdicts: &verdicts,
            reviews: reviews.as_ref(),
            others: &others,
            notices: &tracks,
        };
        let computed = content(self.kind, source);
        let differs = difference(&self.content, &computed, "").or_else(|| {
            let signed = self.notices.as_ref()?;
            difference(signed, &notices_json(source.notices), "notices")
        });
        Ok(match differs {
            None => Reproduction::Reproduced,
            Some((at, signed, computed)) => Reproduction::Differs { at, signed, computed },
        })
    }
}

/// The first place where what was signed and what the files give differ: objects member by
/// member, arrays item by item and then by length.
fn difference(signed: &Json, computed: &Json, at: &str) -> Option<(String, String, String)> {
    match (signed, computed) {
        (Json::Object(signed), Json::Object(computed)) => {
            let keys = signed.keys().chain(computed.keys().filter(|key| !signed.contains_key(key)));
            keys.into_iter().find_map(|key| {
                let (a, b) = (signed.get(key).unwrap_or(&Json::Null), computed.get(key).unwrap_or(&Json::Null));
                difference(a, b, &join(at, key))
            })
        }
        (Json::Array(signed), Json::Array(computed)) => signed
            .iter()
            .zip(computed)
            .enumerate()
            .find_map(|(position, (a, b))| difference(a, b, &index(at, position)))
            .or_else(|| {
                (signed.len() != computed.len())
                    .then(|| (format!("{at}.length"), signed.len().to_string(), computed.len().to_string()))
            }),
        _ if signed == computed => None,
        _ => {
            let show = |value: &Json| value.as_str().map_or_else(|| json::compact(value), str::to_owned);
            Some((at.to_owned(), show(signed), show(computed)))
        }
    }
}
