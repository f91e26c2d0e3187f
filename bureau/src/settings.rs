//! How the bureau reviews a set of results: the clock, the months shown, the deadline, the
//! longest period before it is an anomaly, the month ranked, and the rules (those of each summary
//! format stay built in, so that a signed summary can be reproduced forever).

use selfcheck_core::time::Timestamp;

use super::month::{Deadline, Month, MonthRange};

/// The longest period of a monthly report before it is an anomaly: 31 days.
pub const DEFAULT_LONGEST_PERIOD_DAYS: u32 = 31;
/// The most months the matrix shows when the months are not given: two years, ending with the
/// latest month a result reports on.
pub const AUTOMATIC_MONTHS: usize = 24;

/// The rules an analysis follows. Current analyses follow [`Rules::V2`]; a signed summary of
/// an earlier format is computed again with the rules it was signed under, which stay built in
/// so that it can be reproduced forever.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Rules {
    /// The rules of `selfcheck-summary/1`: each association's result ranked by its score alone,
    /// whatever its completeness or vetoes; an association not on the expected list missing every
    /// month shown before its first file.
    V1,
    /// The rules of `selfcheck-summary/2`: the ranking follows each result's [`selfcheck_core::report::Standing`]
    /// (complete results without a veto ranked by score, then vetoed ones, then incomplete ones,
    /// the latter two without a rank number); with an expected list, the months before the first
    /// file of an association not on it are [`crate::CellStatus::Unlisted`] and count for nothing.
    #[default]
    V2,
}

/// How the bureau reviews a set of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The review's clock: a month whose result is not due yet is "not due", not "missing". A
    /// signed summary uses its own signing time, so that anyone can reproduce it.
    pub now: Timestamp,
    /// The months of the matrix; `None`: from the first to the last month the accepted results
    /// report on (or, with none accepted, that any result claims), at most
    /// [`AUTOMATIC_MONTHS`], ending with the last.
    pub months: Option<MonthRange>,
    /// When a month's result is due; `None`: no result is late, and a month is due once it
    /// has ended.
    pub deadline: Option<Deadline>,
    /// A period longer than this many days is an anomaly.
    pub longest_period_days: u32,
    /// The month the ranking and the province's figures are of; `None`: each association's
    /// latest accepted result.
    pub ranking_month: Option<Month>,
    /// The rules: [`Rules::V2`] unless a summary of an earlier format is reproduced.
    pub rules: Rules,
    /// Whether a result must carry the second signature in China's national algorithms
    /// (SM2/SM3): without it, it is refused ([`crate::Reason::Sm2Required`]).
    pub require_sm2: bool,
}

impl Settings {
    /// The defaults at the clock `now`: months from the results, no deadline, 31 days, each
    /// association's latest result.
    pub fn new(now: Timestamp) -> Settings {
        Settings {
            now,
            months: None,
            deadline: None,
            longest_period_days: DEFAULT_LONGEST_PERIOD_DAYS,
            ranking_month: None,
            rules: Rules::V2,
            require_sm2: false,
        }
    }
}
