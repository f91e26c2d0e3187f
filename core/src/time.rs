//! Timestamps for signed results, computed from a Unix time the host passes in (the core
//! has no clock), and the calendar arithmetic behind them.

use std::fmt;

use crate::error::{Error, TimestampProblem};

/// The first year a result can be signed in: the campaign's notice is of 2013.
pub const FIRST_YEAR: i64 = 2013;
/// The last year a timestamp may name.
pub const LAST_YEAR: i64 = 9999;

/// A UTC instant to the second, written `YYYY-MM-DDTHH:MM:SSZ` (an XML Schema dateTimeStamp),
/// or as read: RFC 3339 with a zone, from 2013 to 9999, no leap second, at most nine digits of
/// fractional seconds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    // First, so that timestamps order by instant.
    unix: i64,
    text: String,
}

impl Timestamp {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(seconds: u64) -> Timestamp {
        let seconds = i64::try_from(seconds).unwrap_or(i64::MAX).min(max_unix_seconds());
        let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        let text =
            format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60);
        Timestamp { unix: seconds, text }
    }

    /// Checks an RFC 3339 date-time with a time zone, as `validFrom` and `created` must be.
    ///
    /// # Errors
    /// [`Error::BadTimestamp`] saying whether the form, the year (2013 to 9999), a leap second
    /// or too long a fraction is wrong.
    pub fn parse(text: &str) -> Result<Timestamp, Error> {
        parse(text).map(|unix| Timestamp { unix, text: text.to_owned() }).map_err(Error::BadTimestamp)
    }

    /// The timestamp's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The date part as written, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.text[..10]
    }

    /// Seconds since 1970-01-01T00:00:00Z (fractions dropped).
    pub fn unix_seconds(&self) -> i64 {
        self.unix
    }

    /// The calendar date in Beijing time (UTC+8), `YYYY-MM-DD`: the day an association signed.
    pub fn beijing_date(&self) -> Date {
        let (year, month, day) = civil_from_days((self.unix + 8 * 3600).div_euclid(86_400));
        Date(format!("{year:04}-{month:02}-{day:02}"))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn max_unix_seconds() -> i64 {
    days_from_civil(LAST_YEAR, 12, 31) * 86_400 + 86_399
}

/// Howard Hinnant's days-from-civil algorithm for the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, when it is a real one.
pub fn days_from_date(date: &str) -> Option<i64> {
    if !is_date(date) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| date[range].parse::<i64>().ok();
    Some(days_from_civil(number(0..4)?, number(5..7)?, number(8..10)?))
}

/// The Unix seconds of an RFC 3339 date-time with a zone, or what is wrong with it.
fn parse(text: &str) -> Result<i64, TimestampProblem> {
    let form = || TimestampProblem::Form(text.to_owned());
    let bytes = text.as_bytes();
    // `get`, not indexing: byte 10 may fall inside a character (found by the result fuzz target).
    let date = text.get(..10).ok_or_else(form)?;
    if bytes.len() < 20 || bytes[10] != b'T' || bytes[13] != b':' || bytes[16] != b':' {
        return Err(form());
    }
    let number = |range: std::ops::Range<usize>| -> Result<i64, TimestampProblem> {
        let part = text.get(range).ok_or_else(form)?;
        if part.bytes().all(|byte| byte.is_ascii_digit()) { part.parse().map_err(|_| form()) } else { Err(form()) }
    };
    let year = number(0..4)?;
    if !is_date(date) {
        return Err(form());
    }
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if hour > 23 || minute > 59 || second > 60 {
        return Err(form());
    }
    if second == 60 {
        return Err(TimestampProblem::LeapSecond(text.to_owned()));
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return Err(form());
        }
        if count > 9 {
            return Err(TimestampProblem::Fraction(text.to_owned()));
        }
        rest = &fraction[count..];
    }
    let offset = match rest.as_bytes() {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(rest_range(text, rest, 1..3))?, number(rest_range(text, rest, 4..6))?);
            if hours > 23 || minutes > 59 {
                return Err(form());
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return Err(form()),
    };
    let unix =
        days_from_civil(year, number(5..7)?, number(8..10)?) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let (utc_year, _, _) = civil_from_days(unix.div_euclid(86_400));
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || !(FIRST_YEAR..=LAST_YEAR).contains(&utc_year) {
        return Err(TimestampProblem::OutOfRange(text.to_owned()));
    }
    Ok(unix)
}

/// The byte range in `text` of `range` within its tail `rest`.
fn rest_range(text: &str, rest: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text.len() - rest.len();
    start + range.start..start + range.end
}

/// A calendar day, written `YYYY-MM-DD` as every document and the notice write dates, and
/// checked to be a real day. Made only by [`Date::parse`] (or from a [`Timestamp`]), so a `Date`
/// is never an unchecked text; days so written sort as they follow each other.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(String);

impl Date {
    /// The day `text` names, when it is a real day written `YYYY-MM-DD`.
    ///
    /// ```
    /// use selfcheck_core::time::Date;
    ///
    /// assert_eq!(Date::parse("2026-02-28").unwrap().as_str(), "2026-02-28");
    /// assert!(Date::parse("2026-02-29").is_none());
    /// assert!(Date::parse("2026-2-28").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        is_date(text).then(|| Date(text.to_owned()))
    }

    /// The day as written, `YYYY-MM-DD`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        days_from_date(&self.0).unwrap_or_default()
    }
}

/// A date as written, or empty when it is not given: how a form shows a date the person has not
/// filled in yet.
pub fn date_text(date: Option<&Date>) -> &str {
    date.map_or("", Date::as_str)
}

/// The days of a period from `from` to `to`, both included: the one count of a period's length
/// that the result's warnings and the bureau's anomalies use.
///
/// ```
/// use selfcheck_core::time::{Date, period_days};
///
/// let day = |text| Date::parse(text).unwrap();
/// assert_eq!(period_days(&day("2026-10-01"), &day("2026-10-31")), 31);
/// assert_eq!(period_days(&day("2026-10-01"), &day("2026-12-31")), 92);
/// ```
pub fn period_days(from: &Date, to: &Date) -> i64 {
    to.days() - from.days() + 1
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for Date {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1900 && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_become_utc_timestamps_and_back() {
        for (seconds, text) in [
            (1_388_534_400, "2014-01-01T00:00:00Z"),
            (1_677_281_798, "2023-02-24T23:36:38Z"),
            (1_795_795_199, "2026-11-27T15:59:59Z"),
        ] {
            let timestamp = Timestamp::from_unix_seconds(seconds);
            assert_eq!(timestamp.as_str(), text);
            assert_eq!(Timestamp::parse(text).unwrap().unix_seconds(), seconds as i64);
        }
        assert_eq!(Timestamp::from_unix_seconds(0).as_str(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix_seconds(951_782_400).as_str(), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn offsets_name_the_same_instant_and_beijing_dates_follow_utc_plus_8() {
        let utc = Timestamp::parse("2026-11-30T16:30:00Z").unwrap();
        let beijing = Timestamp::parse("2026-12-01T00:30:00+08:00").unwrap();
        assert_eq!(utc.unix_seconds(), beijing.unix_seconds());
        assert_eq!(utc.beijing_date(), "2026-12-01");
        assert_eq!(Timestamp::parse("2026-11-30T15:59:59Z").unwrap().beijing_date(), "2026-11-30");
        assert_eq!(Timestamp::parse("2026-11-30T16:30:00.123456789Z").unwrap().unix_seconds(), utc.unix_seconds());
    }

    #[test]
    fn only_rfc3339_with_a_zone_within_2013_to_9999_is_accepted() {
        for good in
            ["2023-02-24T23:36:38Z", "2023-02-24T23:36:38.123Z", "2023-02-24T23:36:38+08:00", "9999-12-31T23:59:59Z"]
        {
            assert!(Timestamp::parse(good).is_ok(), "{good}");
        }
        let problem = |text: &str| match Timestamp::parse(text) {
            Err(Error::BadTimestamp(problem)) => problem,
            other => panic!("{text}: {other:?}"),
        };
        for bad in [
            "2023-02-24",
            "2023-02-24T23:36:38",
            "2023-02-30T00:00:00Z",
            "2023-02-24T24:00:00Z",
            "2023-02-24T23:36:38.Z",
            "2023-02-24T23:36:38+24:00",
            // Regression: a character across byte 10 made the check panic.
            "2026-12-\u{202e}27T15:06:27Z",
            "2026-12-2\u{e9}T15:06:27Z",
        ] {
            assert!(matches!(problem(bad), TimestampProblem::Form(_)), "{bad}");
        }
        assert!(matches!(problem("2012-12-31T23:59:59Z"), TimestampProblem::OutOfRange(_)));
        assert!(matches!(problem("2013-01-01T07:00:00+08:00"), TimestampProblem::OutOfRange(_)));
        assert!(matches!(problem("2016-12-31T23:59:60Z"), TimestampProblem::LeapSecond(_)));
        assert!(matches!(problem("2023-02-24T23:36:38.1234567891Z"), TimestampProblem::Fraction(_)));
    }

    #[test]
    fn calendar_days_count_from_1970() {
        assert_eq!(days_from_date("1970-01-01"), Some(0));
        assert_eq!(days_from_date("2026-12-01").map(|days| days * 86_400), Some(1_796_083_200));
        assert_eq!(days_from_date("2026-02-30"), None);
    }
}

/// A civil date and time in Beijing time (China Standard Time, UTC+8 all year): how a Chinese
/// office reads the time of a signature, on screen and on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeijingTime {
    /// Year, e.g. 2026.
    pub year: i64,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
    /// Hour, 0 to 23.
    pub hour: u32,
    /// Minute, 0 to 59.
    pub minute: u32,
}

/// Seconds Beijing time is ahead of UTC; China has kept no daylight saving time since 1991.
const BEIJING_OFFSET_SECONDS: i64 = 8 * 3600;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Timestamp {
    /// The instant in Beijing time, to the minute (seconds and fractions are dropped, as a
    /// clock on the wall shows it). Any offset the timestamp carries is taken into account.
    ///
    /// ```
    /// use selfcheck_core::{Lang, Timestamp};
    ///
    /// let signed = Timestamp::parse("2026-12-01T03:46:59Z").unwrap();
    /// assert_eq!(signed.beijing().format(Lang::Zh), "2026年12月1日 11:46");
    /// assert_eq!(signed.beijing().format(Lang::En), "1 December 2026, 11:46");
    /// // Late in the UTC evening it is already the next day in Beijing.
    /// let late = Timestamp::parse("2026-12-31T20:05:00-02:00").unwrap();
    /// assert_eq!(late.beijing().format(Lang::Zh), "2027年1月1日 06:05");
    /// ```
    pub fn beijing(&self) -> BeijingTime {
        let seconds = self.unix_seconds() + BEIJING_OFFSET_SECONDS;
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        let rest = seconds.rem_euclid(86_400);
        BeijingTime {
            year,
            month: month as u32,
            day: day as u32,
            hour: (rest / 3600) as u32,
            minute: (rest % 3600 / 60) as u32,
        }
    }
}

impl BeijingTime {
    /// The date and time as tables show them, in either language: `2026-12-01 11:46`.
    pub fn short(&self) -> String {
        format!("{:04}-{:02}-{:02} {:02}:{:02}", self.year, self.month, self.day, self.hour, self.minute)
    }

    /// The date and time the way readers of `lang` write them: `2026年12月1日 11:46` in
    /// Chinese, `1 December 2026, 11:46` in English (both on the 24-hour clock).
    pub fn format(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Zh => {
                format!("{}年{}月{}日 {:02}:{:02}", self.year, self.month, self.day, self.hour, self.minute)
            }
            crate::Lang::En => format!(
                "{} {} {}, {:02}:{:02}",
                self.day,
                MONTH_NAMES[(self.month as usize).clamp(1, 12) - 1],
                self.year,
                self.hour,
                self.minute
            ),
        }
    }
}

#[cfg(test)]
mod beijing_tests {
    use super::Timestamp;
    use crate::Lang;

    fn beijing(text: &str, lang: Lang) -> String {
        Timestamp::parse(text).unwrap().beijing().format(lang)
    }

    #[test]
    fn utc_becomes_beijing_time_written_the_chinese_way() {
        assert_eq!(beijing("2026-12-01T03:46:00Z", Lang::Zh), "2026年12月1日 11:46");
        assert_eq!(beijing("2026-11-05T02:30:00Z", Lang::Zh), "2026年11月5日 10:30");
        // 16:00 UTC is midnight in Beijing: the next day, across a month and a year.
        assert_eq!(beijing("2026-12-31T16:00:00Z", Lang::Zh), "2027年1月1日 00:00");
        assert_eq!(beijing("2028-02-28T16:30:00Z", Lang::Zh), "2028年2月29日 00:30");
        assert_eq!(beijing("2026-12-01T03:46:59.999Z", Lang::En), "1 December 2026, 11:46");
    }

    #[test]
    fn offsets_and_fractions_are_honoured() {
        assert_eq!(beijing("2026-12-01T11:46:00+08:00", Lang::Zh), "2026年12月1日 11:46");
        assert_eq!(beijing("2026-12-01T05:16:00+01:30", Lang::Zh), "2026年12月1日 11:46");
        assert_eq!(beijing("2026-11-30T22:46:00.5-05:00", Lang::Zh), "2026年12月1日 11:46");
        assert_eq!(beijing("2013-12-31T16:00:00Z", Lang::En), "1 January 2014, 00:00");
    }
}
