//! Where the handling of a reported problem is kept: on the result that reported it, or on an
//! earlier result of the same association and month that reported the same problem. An
//! association that sends a corrected result keeps the bureau's answer to its problems: the
//! officer does not see them again as 未处理.

use std::collections::BTreeMap;

use selfcheck_core::VerifiedResult;

use crate::month::Month;
use crate::review::{Handling, Reviews};
use crate::verdict::Verdict;

/// Every accepted result by association and month, latest first: gathered once, since the desk
/// holds thousands and each problem looks here.
#[derive(Debug, Clone, Default)]
pub struct ProblemHistory<'a> {
    sent: BTreeMap<(&'a str, Month), Vec<&'a VerifiedResult>>,
}

impl<'a> ProblemHistory<'a> {
    /// The accepted results among `verdicts`, by association and month.
    pub fn new(verdicts: &'a [Verdict]) -> ProblemHistory<'a> {
        let mut sent: BTreeMap<(&str, Month), Vec<&VerifiedResult>> = BTreeMap::new();
        for verdict in verdicts {
            if let (Some(result), Some(month)) = (verdict.accepted(), verdict.month())
                && let Some(code) = result.credit_code()
            {
                sent.entry((code.as_str(), month)).or_default().push(result);
            }
        }
        for results in sent.values_mut() {
            results.sort_by_key(|result| std::cmp::Reverse(result.issued.unix_seconds()));
            results.dedup_by(|a, b| a.digest == b.digest);
        }
        ProblemHistory { sent }
    }

    /// The association's results for `month` signed before `result` that reported the same
    /// problem as its problem numbered `number` (from 1): the same title at the same number,
    /// latest first. Their handling counts for it until it has its own.
    pub fn earlier(&self, result: &VerifiedResult, month: Month, number: u32) -> Vec<&'a str> {
        let Some(code) = result.credit_code() else { return Vec::new() };
        let place = usize::try_from(number).unwrap_or(usize::MAX).wrapping_sub(1);
        let Some(problem) = result.answers.monthly().problems.get(place) else { return Vec::new() };
        let same = |other: &&&VerifiedResult| {
            other.issued.unix_seconds() < result.issued.unix_seconds()
                && other.answers.monthly().problems.get(place).is_some_and(|earlier| earlier.title == problem.title)
        };
        let results = self.sent.get(&(code.as_str(), month)).map_or(&[][..], Vec::as_slice);
        results.iter().filter(same).map(|other| other.digest.as_str()).collect()
    }

    /// How the problem numbered `number` of `result` is handled: as set on it, or else as set
    /// on the latest earlier result that reported it ([`ProblemHistory::earlier`]).
    pub fn handling<'r>(
        &self,
        reviews: Option<&'r Reviews>,
        result: &VerifiedResult,
        month: Month,
        number: u32,
    ) -> Option<&'r Handling> {
        let earlier = self.earlier(result, month, number);
        reviews?.handling_among(std::iter::once(result.digest.as_str()).chain(earlier), number)
    }
}
