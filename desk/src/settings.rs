//! The review's settings, as `selfcheck summary` takes them: the deadline day, the months of the
//! matrix, the month ranked and the longest period expected. Checked with the core's own readers
//! next to each field, kept in local storage, and handed to the worker, which computes the
//! analysis with them; the exports, the print and the signed summary carry them.

use selfcheck_bureau::{DEFAULT_LONGEST_PERIOD_DAYS, Month, MonthRange};
use serde::{Deserialize, Serialize};

use crate::browser;
use crate::i18n::T;
use crate::protocol::Send;
use crate::protocol::{SettingsMessage, ToWorker};

/// The longest period the desk accepts, in days (ten years), as the command line does.
pub const MOST_DAYS: u32 = 3660;

/// The settings as the bureau left them (kept in local storage as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskSettings {
    /// The day of the following month a month's result is due by; 0: no deadline.
    pub deadline: u32,
    /// The first month of the matrix, `YYYY-MM`; empty with `last`: from the results.
    pub first: String,
    /// The last month of the matrix.
    pub last: String,
    /// The month ranked, `YYYY-MM`; empty: each association's latest result.
    pub ranking_month: String,
    /// A period longer than this many days is an anomaly.
    pub longest: u32,
    /// Whether a result without the second signature (国密签名, SM2/SM3) is refused.
    pub require_sm2: bool,
}

impl Default for DeskSettings {
    fn default() -> DeskSettings {
        DeskSettings {
            deadline: 0,
            first: String::new(),
            last: String::new(),
            ranking_month: String::new(),
            longest: DEFAULT_LONGEST_PERIOD_DAYS,
            require_sm2: false,
        }
    }
}

/// A field the bureau got wrong, and why, in the interface's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// Only one end of the months given.
    MonthsHalf,
    /// A month that is not `YYYY-MM`.
    MonthWritten,
    /// The last month before the first, or more than ten years.
    MonthsRange,
    /// The longest period out of 1 to 3660 days.
    Longest,
}

impl SettingsProblem {
    /// What is wrong, as the interface says it.
    pub fn words(self) -> T {
        match self {
            SettingsProblem::MonthsHalf => T::MonthsHalf,
            SettingsProblem::MonthWritten => T::MonthWritten,
            SettingsProblem::MonthsRange => T::MonthsOutOfRange,
            SettingsProblem::Longest => T::LongestRange,
        }
    }
}

impl DeskSettings {
    /// The settings kept from an earlier visit, or the defaults.
    pub fn load() -> DeskSettings {
        browser::load("settings").and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// The months as the core reads them (`YYYY-MM..YYYY-MM`), empty for "from the results";
    /// the problem when they are not months, or not a range the core takes.
    pub fn months(&self) -> Result<String, SettingsProblem> {
        let (first, last) = (self.first.trim(), self.last.trim());
        match (first.is_empty(), last.is_empty()) {
            (true, true) => return Ok(String::new()),
            (false, false) => {}
            _ => return Err(SettingsProblem::MonthsHalf),
        }
        if Month::parse(first).is_none() || Month::parse(last).is_none() {
            return Err(SettingsProblem::MonthWritten);
        }
        let range = format!("{first}..{last}");
        MonthRange::parse(&range).map(|range| range.to_string()).ok_or(SettingsProblem::MonthsRange)
    }

    /// The longest period, or the problem with it.
    pub fn longest(&self) -> Result<u32, SettingsProblem> {
        if (1..=MOST_DAYS).contains(&self.longest) { Ok(self.longest) } else { Err(SettingsProblem::Longest) }
    }

    /// Hands the settings to the worker when every field is right; the fields' problems else.
    pub fn send(&self, send: &Send) -> Result<(), Vec<SettingsProblem>> {
        let months = self.months();
        let longest = self.longest();
        match (months, longest) {
            (Ok(months), Ok(longest)) => {
                send(ToWorker::Settings(self.message(months, longest)));
                Ok(())
            }
            (months, longest) => Err([months.err(), longest.err()].into_iter().flatten().collect()),
        }
    }

    /// The settings as the worker takes them (also part of its `init`), with the months and the
    /// longest period as checked.
    fn message(&self, months: String, longest: u32) -> SettingsMessage {
        SettingsMessage {
            deadline: self.deadline,
            months,
            ranking_month: self.ranking_month.clone(),
            longest,
            require_sm2: self.require_sm2,
        }
    }

    /// The settings for the worker, with defaults for any field that is wrong (a reload never
    /// starts the desk from settings it refuses).
    pub fn message_or_defaults(&self) -> SettingsMessage {
        self.message(self.months().unwrap_or_default(), self.longest().unwrap_or(DEFAULT_LONGEST_PERIOD_DAYS))
    }
}
