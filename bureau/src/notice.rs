//! Where each rectification notice stands (整改中, 已整改, 逾期未整改): the one rule the desk,
//! the exports and `summary` show, from the notice and the association's accepted results.
//!
//! A notice is **rectified** when a result of its association, signed after the notice and by
//! the end of its deadline (Beijing), scores every criterion of the notice at full points (or
//! finds it not applicable), save those the officer accepted as rectified in the review file:
//! the latest such result counts. It is **overdue** when its deadline has passed (Beijing, at the
//! review's clock) without one; otherwise it is **in progress**, with the criteria still below
//! full points (and not accepted) in the latest result since the notice.

use selfcheck_core::notice::VerifiedNotice;
use selfcheck_core::text::Lang;
use selfcheck_core::time::Timestamp;

use crate::review::Reviews;
use crate::verdict::Verdict;

/// Where a notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeState {
    /// 整改中: the deadline has not passed, and no result yet fixes every item.
    InProgress,
    /// 已整改: a result signed by the deadline fixes every item.
    Rectified,
    /// 逾期未整改: the deadline passed without such a result.
    Overdue,
}

impl NoticeState {
    /// A stable code: `in-progress`, `rectified`, `overdue`.
    pub fn code(self) -> &'static str {
        match self {
            NoticeState::InProgress => "in-progress",
            NoticeState::Rectified => "rectified",
            NoticeState::Overdue => "overdue",
        }
    }

    /// The state of a code [`NoticeState::code`] gives; `None` for any other text.
    pub fn from_code(code: &str) -> Option<NoticeState> {
        [NoticeState::InProgress, NoticeState::Rectified, NoticeState::Overdue]
            .into_iter()
            .find(|state| state.code() == code)
    }

    /// The state as the bureau says it.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::words::notice_state(self, lang)
    }
}

/// A notice followed against the results received.
#[derive(Debug, Clone)]
pub struct NoticeTrack<'a> {
    /// The notice.
    pub notice: &'a VerifiedNotice,
    /// Where it stands.
    pub state: NoticeState,
    /// The result that decides it: the one that rectified it, or the latest since the notice.
    pub result: Option<&'a Verdict>,
    /// The notice's criteria still below full points in that result (all of them without one),
    /// save those accepted.
    pub open: Vec<&'a str>,
    /// The notice's criteria the officer accepted as rectified.
    pub accepted: Vec<&'a str>,
    /// Days from the review's day (Beijing) to the deadline: 0 on the day, negative after it.
    pub days_left: i64,
}

/// Follows every notice in `notices` against `verdicts` at `now`, by association (credit
/// code) and then by when each was issued, so that every export lists them in one order
/// whatever order the files came in. The same notice given twice (by its digest) counts once.
pub fn track_all<'a>(
    notices: &'a [VerifiedNotice],
    verdicts: &'a [Verdict],
    reviews: Option<&Reviews>,
    now: &Timestamp,
) -> Vec<NoticeTrack<'a>> {
    let mut unique: Vec<&VerifiedNotice> = notices.iter().collect();
    // The digest last in the order: the same notice twice ends up side by side, and goes.
    unique.sort_by(|a, b| {
        (a.content.credit_code.as_str(), a.issued.unix_seconds(), &a.digest).cmp(&(
            b.content.credit_code.as_str(),
            b.issued.unix_seconds(),
            &b.digest,
        ))
    });
    unique.dedup_by(|a, b| a.digest == b.digest);
    unique.into_iter().map(|notice| track(notice, verdicts, reviews, now)).collect()
}

/// Follows `notice` against `verdicts`, with the criteria `reviews` accept, at the review's
/// clock `now`.
pub fn track<'a>(
    notice: &'a VerifiedNotice,
    verdicts: &'a [Verdict],
    reviews: Option<&Reviews>,
    now: &Timestamp,
) -> NoticeTrack<'a> {
    let accepted: Vec<&'a str> = notice
        .content
        .items
        .iter()
        .map(|item| item.criterion.as_str())
        .filter(|criterion| reviews.is_some_and(|reviews| reviews.acceptance(&notice.digest, criterion).is_some()))
        .collect();
    let deadline_end = notice.content.deadline.days() + 1;
    let days_left = notice.content.deadline.days() - now.beijing_date().days();
    // The association's accepted results signed after the notice, oldest first.
    let mut since: Vec<&Verdict> = verdicts
        .iter()
        .filter(|verdict| {
            verdict.accepted().is_some_and(|result| {
                result.credit_code() == Some(&notice.content.credit_code)
                    && result.issued.unix_seconds() >= notice.issued.unix_seconds()
            })
        })
        .collect();
    since.sort_by_key(|verdict| verdict.accepted().map(|result| result.issued.unix_seconds()));
    let open_in = |verdict: &Verdict| -> Vec<&'a str> {
        let Some(result) = verdict.accepted() else { return Vec::new() };
        notice
            .content
            .items
            .iter()
            .filter(|item| !accepted.contains(&item.criterion.as_str()))
            .filter(|item| {
                let place = result.catalogue.index_of(&item.criterion);
                place.and_then(|place| result.report.outcomes().get(place)).is_none_or(|outcome| outcome.lost() > 0)
            })
            .map(|item| item.criterion.as_str())
            .collect()
    };
    let in_time = |verdict: &&Verdict| {
        verdict.accepted().is_some_and(|result| result.issued.beijing_date().days() < deadline_end)
    };
    let rectifying = since.iter().copied().filter(in_time).rfind(|verdict| open_in(verdict).is_empty());
    if let Some(verdict) = rectifying {
        return NoticeTrack {
            notice,
            state: NoticeState::Rectified,
            result: Some(verdict),
            open: Vec::new(),
            accepted,
            days_left,
        };
    }
    let latest = since.last().copied();
    let open = match latest {
        Some(verdict) => open_in(verdict),
        None => notice
            .content
            .items
            .iter()
            .map(|item| item.criterion.as_str())
            .filter(|criterion| !accepted.contains(criterion))
            .collect(),
    };
    let state = if now.beijing_date().days() >= deadline_end { NoticeState::Overdue } else { NoticeState::InProgress };
    NoticeTrack { notice, state, result: latest, open, accepted, days_left }
}
