//! Answers: the association profile and one entry per criterion, checked against a catalogue.

use crate::catalogue::{Catalogue, Criterion, Kind};
use crate::credit_code::{CreditCode, CreditCodeWarning};
use crate::error::{Document, Error, Problem, ProblemKind};
pub use crate::evidence::{Evidence, MAX_EVIDENCE, MAX_FIELD_CHARS, MAX_NOTE_CHARS, is_http_url};
use crate::evidence::{check_evidence, evidence_doc};
use crate::monthly::{MonthlyReport, NoticeReply, check_monthly, check_reply};
use crate::time::Date;
use crate::wire::read::Reader;
use crate::wire::{
    ANSWERS_FORMAT, ANSWERS_FORMAT_2, ANSWERS_FORMATS, AnswersDoc, ContactDoc, EntryDoc, EvidenceDoc, PeriodDoc,
    ProfileDoc, ValueDoc,
};

/// The largest answers document accepted, checked before parsing.
pub const MAX_ANSWERS_BYTES: usize = 2 * 1024 * 1024;
/// An answer to one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// Fully met.
    Yes,
    /// Partly met: half the points (scale criteria only).
    Partly,
    /// Not met.
    No,
    /// Does not apply: the points leave the maximum.
    NotApplicable,
    /// The checklist sub-items met.
    Checked(ItemsMet),
}

/// The sub-items of a checklist that are met, by their place in the criterion's list (a
/// catalogue has at most [`crate::catalogue::MAX_CHECKLIST_ITEMS`], 64). Made from the items'
/// ids with [`Response::checklist`], or place by place with [`ItemsMet::with`]; a set naming a
/// place its checklist lacks is refused where answers are given ([`response_fits`]).
///
/// ```
/// use selfcheck_core::{Catalogue, Response};
/// use selfcheck_core::answers::ItemsMet;
///
/// let criterion = Catalogue::builtin().criterion("A4").unwrap();
/// let Response::Checked(met) = Response::checklist(criterion, &["A4.1", "A4.3"]).unwrap() else { unreachable!() };
/// assert_eq!(met, ItemsMet::NONE.with(0, true).with(2, true));
/// assert_eq!((met.len(), met.contains(2), met.contains(1)), (2, true, false));
/// assert_eq!(met.met_items(criterion).map(|item| item.id.as_str()).collect::<Vec<_>>(), ["A4.1", "A4.3"]);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ItemsMet(u64);

/// The set of the places given (from 0; those past 64 are left out).
impl FromIterator<usize> for ItemsMet {
    fn from_iter<T: IntoIterator<Item = usize>>(places: T) -> ItemsMet {
        places.into_iter().fold(ItemsMet::NONE, |met, place| met.with(place, true))
    }
}

impl ItemsMet {
    /// None met.
    pub const NONE: ItemsMet = ItemsMet(0);

    /// Every item of a checklist of `items` items (64 at most count).
    pub fn all(items: usize) -> ItemsMet {
        ItemsMet(if items >= 64 { u64::MAX } else { (1u64 << items) - 1 })
    }

    /// Whether the item at `place` (from 0) is met; false past 64.
    pub fn contains(self, place: usize) -> bool {
        place < 64 && self.0 & (1 << place) != 0
    }

    /// The same set with the item at `place` met or not; unchanged past 64.
    #[must_use]
    pub fn with(self, place: usize, met: bool) -> ItemsMet {
        match (place < 64, met) {
            (false, _) => self,
            (true, true) => ItemsMet(self.0 | 1 << place),
            (true, false) => ItemsMet(self.0 & !(1 << place)),
        }
    }

    /// How many items are met.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether none is met.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The items of `criterion`'s checklist that are met, in its order.
    pub fn met_items(self, criterion: &Criterion) -> impl Iterator<Item = &crate::catalogue::Item> {
        criterion.items().iter().enumerate().filter(move |(place, _)| self.contains(*place)).map(|(_, item)| item)
    }

    /// One past the last place met (0 when none), to check it against a checklist's length.
    fn end(self) -> usize {
        64 - self.0.leading_zeros() as usize
    }

    /// Reads the ids of `criterion`'s items met, noting each unknown or repeated id in
    /// `problems` (at the criterion's id); an unknown id is not noted when the criterion has no
    /// items (the caller says it is no checklist).
    fn from_ids<'a>(
        criterion: &Criterion,
        ids: impl IntoIterator<Item = &'a str>,
        problems: &mut Vec<Problem>,
    ) -> ItemsMet {
        let items = criterion.items();
        let mut met = ItemsMet::NONE;
        for id in ids {
            match items.iter().position(|item| item.id == id) {
                Some(place) if met.contains(place) => {
                    problems.push(Problem::new(&criterion.id, ProblemKind::DuplicateItem(id.to_owned())));
                }
                Some(place) => met = met.with(place, true),
                None if items.is_empty() => {}
                None => problems.push(Problem::new(&criterion.id, ProblemKind::UnknownItem(id.to_owned()))),
            }
        }
        met
    }
}

impl Response {
    /// A checklist's answer from the ids of the sub-items met (none: an empty list).
    ///
    /// # Errors
    /// [`Error::InvalidAnswers`] when the criterion is not a checklist, or an id is not one of
    /// its sub-items or is listed twice.
    pub fn checklist(criterion: &Criterion, met: &[&str]) -> Result<Response, Error> {
        if criterion.items().is_empty() {
            return Err(Error::InvalidAnswers(vec![Problem::new(&criterion.id, ProblemKind::NotAChecklist)]));
        }
        let mut problems = Vec::new();
        let checked = ItemsMet::from_ids(criterion, met.iter().copied(), &mut problems);
        if problems.is_empty() { Ok(Response::Checked(checked)) } else { Err(Error::InvalidAnswers(problems)) }
    }
}

/// Builds a checked [`Profile`] in code, without the wire types.
///
/// ```
/// use selfcheck_core::{Answers, Catalogue, ProfileBuilder};
///
/// let profile = ProfileBuilder::new("广东省某某行业协会", "514400005000031282")
///     .period("2026-11-01", "2026-11-30")
///     .contact("张三", "020-12345678", "zhangsan@example.org.cn")
///     .build()
///     .unwrap();
/// let answers = Answers::blank(Catalogue::builtin()).with_profile(profile);
/// assert_eq!(answers.profile().credit_code().unwrap().as_str(), "514400005000031282");
/// ```
#[derive(Debug, Clone, Default)]
pub struct ProfileBuilder {
    doc: ProfileDoc,
}

impl ProfileBuilder {
    /// A profile of the association named `name` with the unified social credit code `credit_code`.
    pub fn new(name: &str, credit_code: &str) -> ProfileBuilder {
        ProfileBuilder {
            doc: ProfileDoc { name: name.to_owned(), credit_code: credit_code.to_owned(), ..ProfileDoc::default() },
        }
    }

    /// The period assessed, both days inclusive, `YYYY-MM-DD`.
    pub fn period(mut self, from: &str, to: &str) -> ProfileBuilder {
        self.doc.period = PeriodDoc { from: from.to_owned(), to: to.to_owned() };
        self
    }

    /// Who to contact about the self-assessment.
    pub fn contact(mut self, person: &str, phone: &str, email: &str) -> ProfileBuilder {
        self.doc.contact = ContactDoc { person: person.to_owned(), phone: phone.to_owned(), email: email.to_owned() };
        self
    }

    /// The checked profile.
    ///
    /// # Errors
    /// [`Error::InvalidAnswers`] listing every field that is wrong (credit code, dates, lengths,
    /// control characters, e-mail address).
    pub fn build(self) -> Result<Profile, Error> {
        let mut problems = Vec::new();
        let profile = check_profile(&self.doc, &mut problems);
        if !profile.contact_email.is_empty() && !is_email(&profile.contact_email) {
            problems.push(Problem::new("profile.contact.email", ProblemKind::BadEmail(profile.contact_email.clone())));
        }
        if problems.is_empty() { Ok(profile) } else { Err(Error::InvalidAnswers(problems)) }
    }
}

/// One criterion's answer, note and evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The answer; `None` while open.
    pub response: Option<Response>,
    /// Free-text note.
    pub note: String,
    /// Supporting evidence.
    pub evidence: Vec<Evidence>,
}

/// The association's profile; empty fields are not filled in yet.
///
/// A `Profile` is always checked: it comes from [`ProfileBuilder::build`], from a document read by
/// [`Answers::from_json`] or a verified result, or is the empty [`Profile::default`]. Its fields
/// are read through accessors, so that no code can put an unchecked date or credit code into
/// answers that are then signed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub(crate) name: String,
    pub(crate) credit_code: Option<CreditCode>,
    pub(crate) contact_person: String,
    pub(crate) contact_phone: String,
    pub(crate) contact_email: String,
    pub(crate) period_from: Option<Date>,
    pub(crate) period_to: Option<Date>,
}

impl Profile {
    /// Registered name, trimmed; empty when not filled in.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Unified social credit code (normalized), when given.
    pub fn credit_code(&self) -> Option<&CreditCode> {
        self.credit_code.as_ref()
    }

    /// Contact person.
    pub fn contact_person(&self) -> &str {
        &self.contact_person
    }

    /// Contact telephone.
    pub fn contact_phone(&self) -> &str {
        &self.contact_phone
    }

    /// Contact e-mail.
    pub fn contact_email(&self) -> &str {
        &self.contact_email
    }

    /// First day of the period assessed, when given.
    pub fn period_from(&self) -> Option<&Date> {
        self.period_from.as_ref()
    }

    /// Last day of the period assessed, when given.
    pub fn period_to(&self) -> Option<&Date> {
        self.period_to.as_ref()
    }

    /// The profile as its wire document, as typed back (a date not given is empty).
    pub fn to_doc(&self) -> ProfileDoc {
        let date = |date: &Option<Date>| date.as_ref().map_or_else(String::new, |date| date.as_str().to_owned());
        ProfileDoc {
            name: self.name.clone(),
            credit_code: self.credit_code.as_ref().map(|code| code.as_str().to_owned()).unwrap_or_default(),
            contact: ContactDoc {
                person: self.contact_person.clone(),
                phone: self.contact_phone.clone(),
                email: self.contact_email.clone(),
            },
            period: PeriodDoc { from: date(&self.period_from), to: date(&self.period_to) },
        }
    }

    /// A builder holding this profile's fields, to change some of them and check the whole again.
    ///
    /// ```
    /// use selfcheck_core::ProfileBuilder;
    ///
    /// let profile = ProfileBuilder::new("广东省某某行业协会", "514400005000031282").build().unwrap();
    /// let later = profile.to_builder().period("2026-12-01", "2026-12-31").build().unwrap();
    /// assert_eq!(later.period_to().unwrap(), &"2026-12-31");
    /// assert_eq!(later.name(), profile.name());
    /// ```
    pub fn to_builder(&self) -> ProfileBuilder {
        ProfileBuilder { doc: self.to_doc() }
    }
}

/// Answers checked against one catalogue: one entry per criterion, in catalogue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    catalogue_digest: String,
    pub(crate) profile: Profile,
    entries: Vec<Entry>,
    monthly: MonthlyReport,
    reply: Option<NoticeReply>,
}

impl Answers {
    /// Blank answers for `catalogue`: every criterion open.
    pub fn blank(catalogue: &Catalogue) -> Answers {
        Answers {
            catalogue_digest: catalogue.digest().to_owned(),
            profile: Profile::default(),
            entries: vec![Entry::default(); catalogue.criteria().len()],
            monthly: MonthlyReport::default(),
            reply: None,
        }
    }

    /// Reads an answers document and checks it against `catalogue`, reporting every problem at once.
    ///
    /// # Errors
    /// [`Error::TooLarge`] over [`MAX_ANSWERS_BYTES`], [`Error::Json`] when it is not JSON,
    /// [`Error::WrongDocument`] for another kind of document (a signed result, a catalogue),
    /// [`Error::Malformed`] for fields of the wrong shape, [`Error::CatalogueMismatch`] when it
    /// answers another catalogue, and [`Error::InvalidAnswers`] listing every answer that does
    /// not fit the catalogue.
    pub fn from_json(catalogue: &Catalogue, json: &str) -> Result<Answers, Error> {
        Answers::from_doc(catalogue, &parse_answers_doc(json, Document::Answers)?)
    }

    /// Checks a parsed answers document against `catalogue`.
    ///
    /// # Errors
    /// As [`Answers::from_json`], less the reading.
    pub fn from_doc(catalogue: &Catalogue, doc: &AnswersDoc) -> Result<Answers, Error> {
        let has_part_of_2 = doc.monthly.is_some() || doc.rectification.is_some();
        let format = if has_part_of_2 { ANSWERS_FORMAT_2 } else { ANSWERS_FORMAT };
        if !ANSWERS_FORMATS.contains(&doc.format.as_str()) || (has_part_of_2 && doc.format != format) {
            return Err(Error::Malformed {
                what: Document::Answers,
                problems: vec![Problem::new("format", ProblemKind::MustBe(format.to_owned()))],
            });
        }
        let reference = &doc.catalogue;
        let digest_matches = reference.digest.as_deref().is_none_or(|digest| digest == catalogue.digest());
        if reference.id != catalogue.id() || reference.version != catalogue.version() || !digest_matches {
            return Err(Error::CatalogueMismatch {
                expected: catalogue.to_string(),
                found: match &reference.digest {
                    Some(digest) => format!("{}@{} ({digest})", reference.id, reference.version),
                    None => format!("{}@{}", reference.id, reference.version),
                },
            });
        }
        let mut problems = Vec::new();
        let profile = check_profile(&doc.profile, &mut problems);
        let mut entries = vec![Entry::default(); catalogue.criteria().len()];
        for (id, entry_doc) in &doc.answers {
            match catalogue.index_of(id) {
                Some(index) => {
                    entries[index] = check_entry(&catalogue.criteria()[index], entry_doc, &mut problems);
                }
                None => problems.push(Problem::new(id, ProblemKind::UnknownCriterion)),
            }
        }
        let monthly =
            doc.monthly.as_ref().map(|monthly| check_monthly(catalogue, monthly, &mut problems)).unwrap_or_default();
        let reply = doc.rectification.as_ref().map(|reply| check_reply(catalogue, reply, &mut problems));
        if !problems.is_empty() {
            return Err(Error::InvalidAnswers(problems));
        }
        Ok(Answers { catalogue_digest: catalogue.digest().to_owned(), profile, entries, monthly, reply })
    }

    /// The digest of the catalogue these answers were checked against.
    pub fn catalogue_digest(&self) -> &str {
        &self.catalogue_digest
    }

    /// The entries, in catalogue order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of the criterion at `index` (catalogue order).
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// Sets the answer of the criterion at `index` after checking it against the criterion;
    /// `None` makes it open again.
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when the answers are of another catalogue, and
    /// [`Error::InvalidAnswers`] when `index` is beyond the catalogue's criteria or the answer
    /// does not fit the criterion; the answers are then unchanged.
    pub fn set_response(
        &mut self,
        catalogue: &Catalogue,
        index: usize,
        response: Option<Response>,
    ) -> Result<(), Error> {
        self.fits(catalogue)?;
        let criterion = catalogue.criteria().get(index).ok_or_else(|| {
            Error::InvalidAnswers(vec![Problem::new(index.to_string(), ProblemKind::UnknownCriterion)])
        })?;
        if let Some(response) = response
            && let Err(kind) = response_fits(criterion, response)
        {
            return Err(Error::InvalidAnswers(vec![Problem::new(&criterion.id, kind)]));
        }
        self.entries[index].response = response;
        Ok(())
    }

    /// Answers the criterion with id `criterion`.
    ///
    /// ```
    /// use selfcheck_core::{Answers, Catalogue, Response};
    ///
    /// let catalogue = Catalogue::builtin();
    /// let mut answers = Answers::blank(catalogue);
    /// answers.set(catalogue, "A1", Response::Yes).unwrap();
    /// let checklist = Response::checklist(catalogue.criterion("B1").unwrap(), &["B1.1", "B1.3"]).unwrap();
    /// answers.set(catalogue, "B1", checklist).unwrap();
    /// assert!(answers.set(catalogue, "Z9", Response::Yes).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidAnswers`] when the catalogue has no such criterion or the answer does not
    /// fit it (`partly` on a yes-or-no criterion, not applicable where it always applies, …).
    pub fn set(&mut self, catalogue: &Catalogue, criterion: &str, response: Response) -> Result<(), Error> {
        let index = self.index_in(catalogue, criterion)?;
        self.set_response(catalogue, index, Some(response))
    }

    /// Sets the note of the criterion with the id `criterion`.
    ///
    /// ```
    /// use selfcheck_core::{Answers, Catalogue, Evidence};
    ///
    /// let catalogue = Catalogue::builtin();
    /// let mut answers = Answers::blank(catalogue);
    /// answers.set_note(catalogue, "A1", "方案见理事会纪要").unwrap();
    /// answers.add_evidence(catalogue, "A1", Evidence::Link("https://www.example.org.cn/fa".into())).unwrap();
    /// let a1 = catalogue.index_of("A1").unwrap();
    /// assert_eq!(answers.entry(a1).unwrap().note, "方案见理事会纪要");
    /// assert!(answers.set_note(catalogue, "Z9", "").is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when the answers are of another catalogue, and
    /// [`Error::InvalidAnswers`] when the catalogue has no such criterion or the note is longer
    /// than [`MAX_NOTE_CHARS`].
    pub fn set_note(&mut self, catalogue: &Catalogue, criterion: &str, note: &str) -> Result<(), Error> {
        let index = self.index_in(catalogue, criterion)?;
        self.set_note_at(index, note)
    }

    /// Adds a piece of evidence to the criterion with the id `criterion` after checking it.
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when the answers are of another catalogue, and
    /// [`Error::InvalidAnswers`] when the catalogue has no such criterion, the criterion already
    /// has [`MAX_EVIDENCE`] pieces, or the link or file record is malformed.
    pub fn add_evidence(&mut self, catalogue: &Catalogue, criterion: &str, evidence: Evidence) -> Result<(), Error> {
        let index = self.index_in(catalogue, criterion)?;
        self.add_evidence_at(index, evidence)
    }

    /// Removes the `position`-th piece of evidence (from 0) of the criterion with the id
    /// `criterion`; a position past its evidence changes nothing.
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when the answers are of another catalogue, and
    /// [`Error::InvalidAnswers`] when the catalogue has no such criterion.
    pub fn remove_evidence(&mut self, catalogue: &Catalogue, criterion: &str, position: usize) -> Result<(), Error> {
        let index = self.index_in(catalogue, criterion)?;
        self.remove_evidence_at(index, position);
        Ok(())
    }

    /// Checks that these answers are of `catalogue`: its digest, and an entry per criterion.
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when they are not.
    pub fn fits(&self, catalogue: &Catalogue) -> Result<(), Error> {
        if self.catalogue_digest == catalogue.digest() && self.entries.len() == catalogue.criteria().len() {
            Ok(())
        } else {
            Err(Error::CatalogueMismatch { expected: catalogue.to_string(), found: self.catalogue_digest.clone() })
        }
    }

    /// The index of the criterion `criterion` of `catalogue`, these answers being of it.
    fn index_in(&self, catalogue: &Catalogue, criterion: &str) -> Result<usize, Error> {
        self.fits(catalogue)?;
        catalogue
            .index_of(criterion)
            .ok_or_else(|| Error::InvalidAnswers(vec![Problem::new(criterion, ProblemKind::UnknownCriterion)]))
    }

    /// The answers as pretty-printed JSON (`selfcheck-answers/1`); [`Answers::from_json`] reads
    /// it back.
    pub fn to_json_string(&self, catalogue: &Catalogue) -> String {
        crate::json::pretty(&self.to_doc(catalogue).to_json())
    }

    /// Who is answering.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Replaces the profile with one built and checked by [`ProfileBuilder`].
    pub fn with_profile(mut self, profile: Profile) -> Answers {
        self.profile = profile;
        self
    }

    /// Reads a draft: the entries are checked strictly, the profile is returned as typed
    /// (a draft's profile may be half filled in or wrong) and left empty in the answers.
    ///
    /// # Errors
    /// As [`Answers::from_json`], with the document named a draft.
    pub fn from_draft_json(catalogue: &Catalogue, json: &str) -> Result<(Answers, ProfileDoc), Error> {
        let mut doc = parse_answers_doc(json, Document::Draft)?;
        let profile = std::mem::take(&mut doc.profile);
        Ok((Answers::from_doc(catalogue, &doc)?, profile))
    }

    /// Replaces the profile with a checked one; the answers are kept when it is invalid.
    ///
    /// # Errors
    /// [`Error::InvalidAnswers`] listing every field of `doc` that is wrong (credit code,
    /// dates, lengths, control characters); the profile is then unchanged.
    pub fn set_profile(&mut self, doc: &ProfileDoc) -> Result<(), Error> {
        let mut problems = Vec::new();
        let profile = check_profile(doc, &mut problems);
        if !problems.is_empty() {
            return Err(Error::InvalidAnswers(problems));
        }
        self.profile = profile;
        Ok(())
    }

    /// Sets the note of the criterion at `index` (catalogue order); [`Answers::set_note`] takes
    /// its id.
    ///
    /// # Errors
    /// [`Error::InvalidAnswers`] when `index` is beyond the criteria or the note is longer than
    /// [`MAX_NOTE_CHARS`].
    pub fn set_note_at(&mut self, index: usize, note: &str) -> Result<(), Error> {
        let entry = self.entries.get_mut(index).ok_or_else(|| unknown_index(index))?;
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::InvalidAnswers(vec![Problem::new(
                "note",
                ProblemKind::TooLong { limit: MAX_NOTE_CHARS },
            )]));
        }
        entry.note = note.to_owned();
        Ok(())
    }

    /// Adds a piece of evidence to the criterion at `index` (catalogue order) after checking it;
    /// [`Answers::add_evidence`] takes its id.
    ///
    /// # Errors
    /// [`Error::InvalidAnswers`] when `index` is beyond the criteria, the criterion already has
    /// [`MAX_EVIDENCE`] pieces, or the link or file record is malformed.
    pub fn add_evidence_at(&mut self, index: usize, evidence: Evidence) -> Result<(), Error> {
        let entry = self.entries.get_mut(index).ok_or_else(|| unknown_index(index))?;
        let mut problems = Vec::new();
        if entry.evidence.len() >= MAX_EVIDENCE {
            problems.push(Problem::new("evidence", ProblemKind::TooMuchEvidence { limit: MAX_EVIDENCE }));
        }
        let doc = match &evidence {
            Evidence::Link(url) => EvidenceDoc::Link { url: url.clone() },
            Evidence::File { name, size, sha256 } => {
                EvidenceDoc::File { name: name.clone(), size: *size, sha256: sha256.clone() }
            }
        };
        let checked = check_evidence("evidence", &doc, &mut problems);
        if !problems.is_empty() {
            return Err(Error::InvalidAnswers(problems));
        }
        entry.evidence.push(checked);
        Ok(())
    }

    /// Removes the `position`-th piece of evidence of the criterion at `index` (catalogue
    /// order); [`Answers::remove_evidence`] takes its id.
    pub fn remove_evidence_at(&mut self, index: usize, position: usize) {
        if let Some(entry) = self.entries.get_mut(index)
            && position < entry.evidence.len()
        {
            entry.evidence.remove(position);
        }
    }

    /// Whether nothing at all has been entered: no answer, note or evidence.
    pub fn is_empty(&self) -> bool {
        self.entries.iter().all(|entry| entry.response.is_none() && entry.note.is_empty() && entry.evidence.is_empty())
            && self.monthly.is_empty()
            && self.reply.is_none()
    }

    /// This month's report to the bureau (empty until given).
    pub fn monthly(&self) -> &MonthlyReport {
        &self.monthly
    }

    /// Sets this month's report to the bureau, checked against `catalogue`: every problem at
    /// once, and the answers left as they were when there is one.
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when the answers belong to another catalogue;
    /// [`Error::InvalidAnswers`] listing each field that is too long, an area the catalogue
    /// does not have, a problem without a title or with a line break in it, too many problems,
    /// or evidence that is not a link or a file's digest.
    pub fn set_monthly(&mut self, catalogue: &Catalogue, monthly: MonthlyReport) -> Result<(), Error> {
        self.fits(catalogue)?;
        let mut problems = Vec::new();
        let checked = check_monthly(catalogue, &monthly.to_doc(), &mut problems);
        if !problems.is_empty() {
            return Err(Error::InvalidAnswers(problems));
        }
        self.monthly = checked;
        Ok(())
    }

    /// The reply to a rectification notice, when the answers carry one.
    pub fn notice_reply(&self) -> Option<&NoticeReply> {
        self.reply.as_ref()
    }

    /// Sets (or, with `None`, removes) the reply to a rectification notice, checked against
    /// `catalogue`; the answers are left as they were when it does not fit.
    ///
    /// # Errors
    /// [`Error::CatalogueMismatch`] when the answers belong to another catalogue;
    /// [`Error::InvalidAnswers`] for a notice digest that is not 64 lowercase hex digits, an
    /// item that is not a criterion of the catalogue, a note too long, or bad evidence.
    pub fn set_notice_reply(&mut self, catalogue: &Catalogue, reply: Option<NoticeReply>) -> Result<(), Error> {
        self.fits(catalogue)?;
        let Some(reply) = reply else {
            self.reply = None;
            return Ok(());
        };
        let mut problems = Vec::new();
        let checked = check_reply(catalogue, &reply.to_doc(), &mut problems);
        if !problems.is_empty() {
            return Err(Error::InvalidAnswers(problems));
        }
        self.reply = Some(checked);
        Ok(())
    }

    /// Warnings that do not stop scoring: an unusual credit code.
    pub fn warnings(&self) -> Vec<CreditCodeWarning> {
        self.profile.credit_code.as_ref().map(CreditCode::warnings).unwrap_or_default()
    }

    /// The answers as a wire document for `catalogue` (the one they were checked against).
    pub fn to_doc(&self, catalogue: &Catalogue) -> AnswersDoc {
        let mut answers = std::collections::BTreeMap::new();
        for (criterion, entry) in catalogue.criteria().iter().zip(&self.entries) {
            if entry.response.is_none() && entry.note.is_empty() && entry.evidence.is_empty() {
                continue;
            }
            let (value, checked) = match entry.response {
                None => (None, None),
                Some(Response::Yes) => (Some(ValueDoc::Yes), None),
                Some(Response::Partly) => (Some(ValueDoc::Partly), None),
                Some(Response::No) => (Some(ValueDoc::No), None),
                Some(Response::NotApplicable) => (Some(ValueDoc::Na), None),
                Some(Response::Checked(met)) => {
                    (None, Some(met.met_items(criterion).map(|item| item.id.clone()).collect()))
                }
            };
            let evidence = entry.evidence.iter().map(evidence_doc).collect();
            answers.insert(
                criterion.id.clone(),
                EntryDoc { value, checked, note: entry.note.clone(), evidence, ..EntryDoc::default() },
            );
        }
        let profile = &self.profile;
        let monthly = (!self.monthly.is_empty()).then(|| self.monthly.to_doc());
        let rectification = self.reply.as_ref().map(NoticeReply::to_doc);
        let format = if monthly.is_some() || rectification.is_some() { ANSWERS_FORMAT_2 } else { ANSWERS_FORMAT };
        AnswersDoc {
            format: format.to_owned(),
            catalogue: catalogue.reference(),
            profile: profile.to_doc(),
            answers,
            monthly,
            rectification,
        }
    }
}

fn unknown_index(index: usize) -> Error {
    Error::InvalidAnswers(vec![Problem::new(index.to_string(), ProblemKind::UnknownCriterion)])
}

fn parse_answers_doc(json: &str, what: Document) -> Result<AnswersDoc, Error> {
    let value = crate::wire::parse_document(json, what, MAX_ANSWERS_BYTES)?;
    let found = crate::wire::detect(&value);
    // A document that declares another format is of another kind; one that declares none is
    // an answers document missing its format, reported field by field.
    if found != Document::Answers && (found != Document::UnknownJson || value.get("format").is_some()) {
        return Err(Error::WrongDocument { expected: what, found });
    }
    let mut reader = Reader::new();
    let doc = AnswersDoc::read(&mut reader, &value, "");
    reader.finish(doc).map_err(|problems| Error::Malformed { what, problems })
}

/// Whether `response` is an allowed answer to `criterion`.
///
/// # Errors
/// The [`ProblemKind`] saying why it does not fit (not applicable where the criterion always
/// applies, `partly` on a yes-or-no criterion, a checklist bit beyond its items, …).
pub fn response_fits(criterion: &Criterion, response: Response) -> Result<(), ProblemKind> {
    match (&criterion.kind, response) {
        (_, Response::NotApplicable) if !criterion.not_applicable => Err(ProblemKind::NotApplicableNotAllowed),
        (_, Response::NotApplicable) => Ok(()),
        (Kind::Checklist(_), Response::Checked(met)) => {
            if met.end() > criterion.items().len() {
                Err(ProblemKind::UnknownItem(format!("{}.{}", criterion.id, met.end())))
            } else {
                Ok(())
            }
        }
        (Kind::Checklist(_), _) => Err(ProblemKind::ChecklistNeedsChecked),
        (_, Response::Checked(_)) => Err(ProblemKind::NotAChecklist),
        (Kind::Binary, Response::Partly) => Err(ProblemKind::PartlyNotAllowed),
        (Kind::Scale | Kind::Binary, Response::Yes | Response::Partly | Response::No) => Ok(()),
    }
}

fn check_entry(criterion: &Criterion, doc: &EntryDoc, problems: &mut Vec<Problem>) -> Entry {
    let at = criterion.id.as_str();
    let response = match (doc.value, &doc.checked) {
        (Some(_), Some(_)) => {
            problems.push(Problem::new(at, ProblemKind::ValueAndChecked));
            None
        }
        (None, None) => None,
        (Some(value), None) => Some(match value {
            ValueDoc::Yes => Response::Yes,
            ValueDoc::Partly => Response::Partly,
            ValueDoc::No => Response::No,
            ValueDoc::Na => Response::NotApplicable,
        }),
        (None, Some(checked)) => {
            Some(Response::Checked(ItemsMet::from_ids(criterion, checked.iter().map(String::as_str), problems)))
        }
    };
    let response = response.filter(|&response| match response_fits(criterion, response) {
        Ok(()) => true,
        Err(kind) => {
            problems.push(Problem::new(at, kind));
            false
        }
    });
    if doc.note.chars().count() > MAX_NOTE_CHARS {
        problems.push(Problem::new(format!("{at}.note"), ProblemKind::TooLong { limit: MAX_NOTE_CHARS }));
    }
    if doc.evidence.len() > MAX_EVIDENCE {
        problems.push(Problem::new(format!("{at}.evidence"), ProblemKind::TooMuchEvidence { limit: MAX_EVIDENCE }));
    }
    let evidence =
        doc.evidence.iter().map(|evidence| check_evidence(&format!("{at}.evidence"), evidence, problems)).collect();
    Entry { response, note: doc.note.clone(), evidence }
}

/// Checks a profile as typed: the domain profile (invalid fields left empty) and what is wrong.
pub fn check_profile(doc: &ProfileDoc, problems: &mut Vec<Problem>) -> Profile {
    let fields = [
        ("profile.name", &doc.name),
        ("profile.contact.person", &doc.contact.person),
        ("profile.contact.phone", &doc.contact.phone),
        ("profile.contact.email", &doc.contact.email),
    ];
    for (at, value) in fields {
        if value.chars().count() > MAX_FIELD_CHARS {
            problems.push(Problem::new(at, ProblemKind::TooLong { limit: MAX_FIELD_CHARS }));
        }
        // One line of plain text: a line break or an escape sequence in a name could pose as
        // another line of a report.
        if value.chars().any(char::is_control) {
            problems.push(Problem::new(at, ProblemKind::ControlCharacters));
        }
    }
    let credit_code = if doc.credit_code.trim().is_empty() {
        None
    } else {
        match CreditCode::parse(&doc.credit_code) {
            Ok(code) => Some(code),
            Err(error) => {
                problems.push(Problem::new("profile.credit_code", ProblemKind::CreditCode(error)));
                None
            }
        }
    };
    let mut date = |at: &str, text: &String| {
        let date = Date::parse(text);
        if date.is_none() && !text.is_empty() {
            problems.push(Problem::new(at, ProblemKind::BadDate(text.clone())));
        }
        date
    };
    let period_from = date("profile.period.from", &doc.period.from);
    let period_to = date("profile.period.to", &doc.period.to);
    if let (Some(from), Some(to)) = (&period_from, &period_to)
        && to < from
    {
        problems.push(Problem::new("profile.period", ProblemKind::PeriodReversed));
    }
    Profile {
        name: doc.name.trim().to_owned(),
        credit_code,
        contact_person: doc.contact.person.trim().to_owned(),
        contact_phone: doc.contact.phone.trim().to_owned(),
        contact_email: doc.contact.email.trim().to_owned(),
        period_from,
        period_to,
    }
}

/// Whether `text` looks like an e-mail address: one `@`, a name before it, and a domain with a
/// dot after it, no spaces. (Whether it is delivered is for the mail system to say.)
pub fn is_email(text: &str) -> bool {
    let Some((name, domain)) = text.split_once('@') else { return false };
    !name.is_empty()
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && !text.chars().any(|character| character.is_whitespace() || character.is_control())
        && text.chars().count() <= 254
}
