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
