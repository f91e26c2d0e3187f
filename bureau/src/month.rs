//! Months of the monthly reporting the notice asks for: which month a result reports on, ranges
//! of months, and the bureau's deadline.
//!
//! **A result's month is the calendar month of the last day of its period** (`period.to`): a
//! report for 2026-10-01 to 2026-10-31 is October's; one for 2026-10-15 to 2026-11-14 is
//! November's. A period spanning several months counts **once**, in the month it ends: the notice
//! asks for a report every month (各行业协会每个月要将活动进展情况报……), so a quarterly result does
//! not stand in for the two months before its last, which show as missing; a period longer than
//! the bureau expects (one month, [`super::DEFAULT_LONGEST_PERIOD_DAYS`] days, by default) is
//! also reported as an anomaly.

use std::fmt;

use selfcheck_core::time::Date;

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    // Months since year 0: orders and steps simply.
    index: i32,
}

impl Month {
    /// The month `month` (1–12) of `year` (1900–9999).
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1900..=9999).contains(&year) && (1..=12).contains(&month))
            .then(|| Month { index: year * 12 + month as i32 - 1 })
    }

    /// The month of a `YYYY-MM-DD` date, when it is a real date.
    pub fn of_date(date: &str) -> Option<Month> {
        if !selfcheck_core::time::is_date(date) {
            return None;
        }
        Month::new(date[..4].parse().ok()?, date[5..7].parse().ok()?)
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let bytes = text.as_bytes();
        if bytes.len() != 7
            || bytes[4] != b'-'
            || !text[..4].bytes().chain(text[5..].bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        Month::new(text[..4].parse().ok()?, text[5..].parse().ok()?)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// The month of the year, 1–12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        Month { index: self.index + 1 }
    }

    /// The month `months` later (earlier when negative), within 1900–9999.
    pub fn plus(self, months: i32) -> Option<Month> {
        let index = self.index.checked_add(months)?;
        Month::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    }

    /// How many months from `self` to `later` (0 when the same, negative when earlier).
    pub fn months_until(self, later: Month) -> i32 {
        later.index - self.index
    }

    /// The `YYYY-MM-DD` of day `day` of this month, the day clamped to the month's length.
    pub fn day(self, day: u32) -> String {
        let length = match self.month() {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if selfcheck_core::time::is_date(&format!("{:04}-02-29", self.year())) => 29,
            _ => 28,
        };
        format!("{self}-{:02}", day.clamp(1, length))
    }

    /// The last day of the month, `YYYY-MM-DD`.
    pub fn last_day(self) -> String {
        self.day(31)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// The month a result for the period `from`–`to` reports on: the month of `to` (see the
/// module's documentation).
pub fn report_month(period_to: &str) -> Option<Month> {
    Month::of_date(period_to)
}

/// The most months a range may hold: ten years, far more than a review looks at, and few enough
/// that a matrix of every association stays small.
pub const MAX_MONTHS: usize = 120;

/// Consecutive months, first to last, both included: at most [`MAX_MONTHS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRange {
    /// The first month.
    pub first: Month,
    /// The last month.
    pub last: Month,
}

impl MonthRange {
    /// The months from `first` to `last`; `None` when `last` is before `first` or the range is
    /// longer than [`MAX_MONTHS`].
    pub fn new(first: Month, last: Month) -> Option<MonthRange> {
        (first <= last && first.months_until(last) < MAX_MONTHS as i32).then_some(MonthRange { first, last })
    }

    /// Reads `YYYY-MM..YYYY-MM` (or one `YYYY-MM`).
    pub fn parse(text: &str) -> Option<MonthRange> {
        match text.split_once("..") {
            Some((first, last)) => MonthRange::new(Month::parse(first.trim())?, Month::parse(last.trim())?),
            None => Month::parse(text.trim()).map(|month| MonthRange { first: month, last: month }),
        }
    }

    /// Whether `month` is one of them.
    pub fn contains(&self, month: Month) -> bool {
        (self.first..=self.last).contains(&month)
    }

    /// How many months.
    pub fn len(&self) -> usize {
        self.first.months_until(self.last) as usize + 1
    }

    /// Never empty; for clippy's sake.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The position of `month` in the range.
    pub fn position(&self, month: Month) -> Option<usize> {
        self.contains(month).then(|| self.first.months_until(month) as usize)
    }

    /// The months in order.
    pub fn months(&self) -> impl Iterator<Item = Month> + '_ {
        (0..self.len()).map(|offset| Month { index: self.first.index + offset as i32 })
    }
}

impl fmt::Display for MonthRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.first, self.last)
    }
}

/// The bureau's deadline: a month's result is due by this day of the **following** month
/// (Beijing time), 1–28 so that every month has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    day: u32,
}

impl Deadline {
    /// Day `day` (1–28) of the following month.
    pub fn new(day: u32) -> Option<Deadline> {
        (1..=28).contains(&day).then_some(Deadline { day })
    }

    /// The day of the following month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The last day on which `month`'s result is on time, `YYYY-MM-DD`.
    pub fn due(self, month: Month) -> String {
        month.next().day(self.day)
    }

    /// Whether a result for `month` signed on `signed` (`YYYY-MM-DD`, Beijing time) is late.
    /// The signing time is the only time a signature vouches for: the day a file reached the
    /// bureau is not in it.
    pub fn is_late(self, month: Month, signed: &Date) -> bool {
        signed.as_str() > self.due(month).as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn a_result_reports_on_the_month_its_period_ends_in() {
        assert_eq!(report_month("2026-10-31"), Some(month("2026-10")));
        assert_eq!(report_month("2026-11-14"), Some(month("2026-11")));
        assert_eq!(report_month("2026-13-01"), None);
    }

    #[test]
    fn months_step_across_years_and_read_as_written() {
        assert_eq!(month("2026-12").next(), month("2027-01"));
        assert_eq!(month("2026-12").to_string(), "2026-12");
        assert_eq!(month("2024-02").last_day(), "2024-02-29");
        assert_eq!(month("2026-02").last_day(), "2026-02-28");
        for bad in ["2026-13", "2026-1", "26-01", "2026/01", "2026-00", "１２３４-01"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let range = MonthRange::parse("2025-11..2026-02").unwrap();
        let months: Vec<String> = range.months().map(|month| month.to_string()).collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(range.position(month("2026-01")), Some(2));
        assert_eq!(MonthRange::parse("2026-02..2025-11"), None);
        assert_eq!(MonthRange::parse("2017-01..2026-12").map(|range| range.len()), Some(MAX_MONTHS));
        assert_eq!(MonthRange::parse("2016-12..2026-12"), None, "longer than ten years");
        assert_eq!(MonthRange::parse("2026-03").map(|range| range.len()), Some(1));
    }

    #[test]
    fn the_deadline_falls_in_the_following_month_and_a_day_after_it_is_late() {
        let deadline = Deadline::new(10).unwrap();
        assert_eq!(deadline.due(month("2026-12")), "2027-01-10");
        let day = |text| Date::parse(text).unwrap();
        assert!(!deadline.is_late(month("2026-10"), &day("2026-11-10")));
        assert!(deadline.is_late(month("2026-10"), &day("2026-11-11")));
        assert_eq!(Deadline::new(0), None);
        assert_eq!(Deadline::new(29), None);
    }
}
