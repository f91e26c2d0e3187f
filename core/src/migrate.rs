//! Answers carried over to a later version of their catalogue. A version that only rewords
//! the catalogue asks the same questions: a draft begun under the earlier one keeps every
//! answer, note and piece of evidence, matched by criterion and sub-item id.
//!
//! Signed results are never carried over (they verify against the version they pin, forever);
//! what is carried over is work in progress: a draft kept in a browser or a draft file, or the
//! answers of an earlier result taken as the start of the next one.

use crate::answers::Answers;
use crate::catalogue::{Catalogue, Kind};
use crate::error::Error;
use crate::wire::ProfileDoc;

/// Whether `from` and `to` ask the same questions: the same criteria (ids, in order), each of
/// the same kind with the same checklist sub-items (ids, in order) and the same choice of
/// "not applicable". Titles, guidance, clauses and points may differ.
pub fn same_questions(from: &Catalogue, to: &Catalogue) -> bool {
    from.id() == to.id()
        && from.criteria().len() == to.criteria().len()
        && from.criteria().iter().zip(to.criteria()).all(|(old, new)| {
            let same_kind = match (&old.kind, &new.kind) {
                (Kind::Scale, Kind::Scale) | (Kind::Binary, Kind::Binary) => true,
                (Kind::Checklist(old_items), Kind::Checklist(new_items)) => {
                    old_items.len() == new_items.len()
                        && old_items.iter().zip(new_items).all(|(old_item, new_item)| old_item.id == new_item.id)
                }
                _ => false,
            };
            old.id == new.id && same_kind && old.not_applicable == new.not_applicable
        })
}

/// The answers, checked against `from`, as answers to `to`: every entry (answer, note,
/// evidence) and the profile kept.
///
/// # Errors
///
/// [`Error::CatalogueMismatch`] when the two catalogues do not ask the same questions
/// ([`same_questions`]): answers are never guessed onto a different question.
///
/// ```
/// use selfcheck_core::migrate::carry_over;
/// use selfcheck_core::{Answers, Catalogue, Response};
///
/// let all = Catalogue::builtins();
/// let (first, current) = (&all[0], Catalogue::builtin());
/// let mut answers = Answers::blank(first);
/// answers.set_response(first, 0, Some(Response::Partly)).unwrap();
/// let carried = carry_over(first, &answers, current).unwrap();
/// assert_eq!(carried.catalogue_digest(), current.digest());
/// assert_eq!(carried.entry(0).unwrap().response, Some(Response::Partly));
/// ```
pub fn carry_over(from: &Catalogue, answers: &Answers, to: &Catalogue) -> Result<Answers, Error> {
    if !same_questions(from, to) {
        return Err(Error::CatalogueMismatch { expected: to.to_string(), found: from.to_string() });
    }
    let mut doc = answers.to_doc(from);
    doc.catalogue = to.reference();
    Answers::from_doc(to, &doc)
}

/// A draft read against `catalogue`, carried over when it was begun under an earlier built-in
/// version that asks the same questions. Returns the answers, the profile as typed, and the
/// earlier catalogue when the draft was carried over (so that the user can be told).
///
/// # Errors
///
/// What [`Answers::from_draft_json`] finds; a draft of another catalogue, or of an earlier
/// version that asks different questions, stays a [`Error::CatalogueMismatch`].
pub fn read_draft(
    catalogue: &Catalogue,
    json: &str,
) -> Result<(Answers, ProfileDoc, Option<&'static Catalogue>), Error> {
    let mismatch = match Answers::from_draft_json(catalogue, json) {
        Ok((answers, profile)) => return Ok((answers, profile, None)),
        Err(error @ Error::CatalogueMismatch { .. }) => error,
        Err(error) => return Err(error),
    };
    // The strict reader has accepted the text up to the catalogue reference; read just that.
    let Ok(value) = crate::json::parse(json) else { return Err(mismatch) };
    let field =
        |name: &str| value.get("catalogue").and_then(|reference| reference.get(name)).and_then(|text| text.as_str());
    let (Some(id), Some(version)) = (field("id"), field("version")) else { return Err(mismatch) };
    let digest = field("digest");
    let earlier = Catalogue::builtins().iter().find(|builtin| {
        builtin.id() == id
            && builtin.version() == version
            && digest.is_none_or(|digest| digest == builtin.digest())
            && builtin.digest() != catalogue.digest()
    });
    let Some(earlier) = earlier.filter(|earlier| same_questions(earlier, catalogue)) else { return Err(mismatch) };
    let (answers, profile) = Answers::from_draft_json(earlier, json)?;
    Ok((carry_over(earlier, &answers, catalogue)?, profile, Some(earlier)))
}

#[cfg(test)]
mod tests {
    use super::{carry_over, read_draft, same_questions};
    use crate::answers::{Answers, Evidence, Response};
    use crate::catalogue::Catalogue;
    use crate::error::Error;

    fn first_and_current() -> (&'static Catalogue, &'static Catalogue) {
        let all = Catalogue::builtins();
        (&all[0], Catalogue::builtin())
    }

    #[test]
    fn every_builtin_version_asks_the_questions_of_the_current_one() {
        for builtin in Catalogue::builtins() {
            assert!(same_questions(builtin, Catalogue::builtin()), "{}", builtin.version());
        }
    }

    #[test]
    fn a_draft_of_the_first_version_keeps_everything_in_the_current_one() {
        let (first, current) = first_and_current();
        let mut answers = Answers::blank(first);
        let c8 = first.index_of("C8").unwrap();
        let b1 = first.index_of("B1").unwrap();
        answers.set_response(first, c8, Some(Response::No)).unwrap();
        answers.set_response(first, b1, Some(Response::Checked([1, 3].into_iter().collect()))).unwrap();
        answers.set_note_at(c8, "账外资金已于十月并入法定账簿").unwrap();
        answers.add_evidence_at(b1, Evidence::Link("https://www.example.org.cn/xxgk".into())).unwrap();
        let mut doc = answers.to_doc(first);
        doc.profile.name = "广东省示例行业协会".into();
        doc.profile.credit_code = "51440000500003128".into(); // half typed: a draft may be
        let json = crate::json::compact(&doc.to_json());

        let (carried, profile, from) = read_draft(current, &json).unwrap();
        if first.digest() == current.digest() {
            assert!(from.is_none());
        } else {
            assert_eq!(from.map(Catalogue::version), Some(first.version()));
        }
        assert_eq!(carried.catalogue_digest(), current.digest());
        assert_eq!(profile.credit_code, "51440000500003128");
        assert_eq!(carried.entries(), carry_over(first, &answers, current).unwrap().entries());
        assert_eq!(carried.entry(c8).unwrap().note, "账外资金已于十月并入法定账簿");
        assert_eq!(carried.entry(b1).unwrap().response, Some(Response::Checked([1, 3].into_iter().collect())));
    }

    #[test]
    fn other_catalogues_and_different_questions_are_refused() {
        let (first, current) = first_and_current();
        // A catalogue of its own (built-in ids are not for others) with the current one's
        // criteria, the first scale criterion asked as yes or no.
        let reworded = crate::catalogue::BUILTIN_JSON
            .replacen("\"id\":\"gd-2013-self-discipline\"", "\"id\":\"reworded\"", 1)
            .replacen("\"kind\":\"scale\"", "\"kind\":\"binary\"", 1);
        let other = Catalogue::from_json(&reworded).unwrap();
        assert!(!same_questions(&other, current));
        let error = carry_over(&other, &Answers::blank(&other), current).unwrap_err();
        assert!(matches!(error, Error::CatalogueMismatch { .. }), "{error}");
        let json = crate::json::compact(&Answers::blank(&other).to_doc(&other).to_json());
        assert!(matches!(read_draft(current, &json), Err(Error::CatalogueMismatch { .. })));
        // A draft naming a known version under a digest that is not its own is not guessed at.
        let mut doc = Answers::blank(first).to_doc(first);
        doc.catalogue.digest = Some("0".repeat(64));
        let json = crate::json::compact(&doc.to_json());
        assert!(matches!(read_draft(current, &json), Err(Error::CatalogueMismatch { .. })));
    }
}
