//! Timestamps for signed results, computed from a Unix time the host passes in (the core
//! has no clock).

use std::fmt;

use crate::error::Error;

/// A UTC instant to the second, written `YYYY-MM-DDTHH:MM:SSZ` (an XML Schema dateTimeStamp).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(seconds: u64) -> Timestamp {
        let days = seconds / 86_400;
        let rest = seconds % 86_400;
        let (year, month, day) = civil_from_days(days);
        Timestamp(format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60))
    }

    /// Checks an RFC 3339 date-time with a time zone, as `validFrom` and `created` must be.
    pub fn parse(text: &str) -> Result<Timestamp, Error> {
        if is_rfc3339(text) { Ok(Timestamp(text.to_owned())) } else { Err(Error::BadTimestamp(text.to_owned())) }
    }

    /// The timestamp's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date part, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        &self.0[..10]
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Howard Hinnant's days-to-civil algorithm for the proleptic Gregorian calendar.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `get`, not indexing: byte 10 may fall inside a character (found by the result fuzz target).
    if bytes.len() < 20 || !text.get(..10).is_some_and(crate::answers::is_date) || bytes[10] != b'T' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>, max: u32| {
        text.get(range)
            .is_some_and(|part| part.bytes().all(|b| b.is_ascii_digit()) && part.parse::<u32>().is_ok_and(|n| n <= max))
    };
    if !(digits(11..13, 23) && bytes[13] == b':' && digits(14..16, 59) && bytes[16] == b':' && digits(17..19, 60)) {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    match rest.as_bytes() {
        [b'Z'] => true,
        [b'+' | b'-', ..] if rest.len() == 6 => {
            rest.as_bytes()[3] == b':' && digits_in(&rest[1..3], 23) && digits_in(&rest[4..6], 59)
        }
        _ => false,
    }
}

fn digits_in(part: &str, max: u32) -> bool {
    part.bytes().all(|b| b.is_ascii_digit()) && part.parse::<u32>().is_ok_and(|n| n <= max)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn unix_seconds_become_utc_timestamps() {
        assert_eq!(Timestamp::from_unix_seconds(0).as_str(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix_seconds(951_782_400).as_str(), "2000-02-29T00:00:00Z");
        assert_eq!(Timestamp::from_unix_seconds(1_677_281_798).as_str(), "2023-02-24T23:36:38Z");
        assert_eq!(Timestamp::from_unix_seconds(1_795_795_199).as_str(), "2026-11-27T15:59:59Z");
    }

    #[test]
    fn only_rfc3339_with_a_zone_is_accepted() {
        for good in ["2023-02-24T23:36:38Z", "2023-02-24T23:36:38.123Z", "2023-02-24T23:36:38+08:00"] {
            assert!(Timestamp::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "2023-02-24",
            "2023-02-24T23:36:38",
            "2023-02-30T00:00:00Z",
            "2023-02-24T24:00:00Z",
            "2023-02-24T23:36:38.Z",
            // Regression: a character across byte 10 made the check panic.
            "2026-12-\u{202e}27T15:06:27Z",
            "2026-12-2\u{e9}T15:06:27Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
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
        let text = self.as_str();
        let number =
            |range: std::ops::Range<usize>| text.get(range).and_then(|part| part.parse::<i64>().ok()).unwrap_or(0);
        // `Timestamp` only holds checked RFC 3339 text, so every part is where it is read.
        let days = days_from_civil(number(0..4), number(5..7), number(8..10));
        let mut seconds = days * 86_400 + number(11..13) * 3600 + number(14..16) * 60 + number(17..19);
        let zone = text.rfind(['Z', '+', '-']).filter(|&at| at >= 19).map_or("Z", |at| &text[at..]);
        if let [sign @ (b'+' | b'-'), ..] = zone.as_bytes() {
            let offset = zone[1..3].parse::<i64>().unwrap_or(0) * 3600 + zone[4..6].parse::<i64>().unwrap_or(0) * 60;
            seconds -= if *sign == b'+' { offset } else { -offset };
        }
        seconds += BEIJING_OFFSET_SECONDS;
        let (year, month, day) = civil_from_days_signed(seconds.div_euclid(86_400));
        let rest = seconds.rem_euclid(86_400);
        BeijingTime { year, month, day, hour: (rest / 3600) as u32, minute: (rest % 3600 / 60) as u32 }
    }
}

impl BeijingTime {
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

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01, which may be negative.
fn civil_from_days_signed(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod beijing_tests {
    use super::{Timestamp, days_from_civil};
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
        assert_eq!(beijing("1969-12-31T16:00:00Z", Lang::En), "1 January 1970, 00:00");
    }

    #[test]
    fn day_counts_agree_with_the_utc_formatter() {
        for seconds in [0_u64, 951_782_400, 1_677_281_798, 1_795_795_199, 4_102_444_800] {
            let utc = Timestamp::from_unix_seconds(seconds);
            let date = utc.date();
            let days =
                days_from_civil(date[..4].parse().unwrap(), date[5..7].parse().unwrap(), date[8..].parse().unwrap());
            assert_eq!(days, (seconds / 86_400) as i64, "{utc}");
        }
    }
}
