//! Times are stored in UTC and shown in Europe/Paris, in French.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The calendar day in Paris at `at` (CET, or CEST from the last Sunday of
/// March to the last Sunday of October, switching at 01:00 UTC).
pub fn paris_date(at: DateTime<Utc>) -> NaiveDate {
    (at + paris_offset(at)).date_naive()
}

/// Paris's offset from UTC at `at`.
pub fn paris_offset(at: DateTime<Utc>) -> Duration {
    let year = at.year();
    let switch = |month| {
        let last_sunday = last_sunday_of(year, month);
        Utc.from_utc_datetime(&last_sunday.and_hms_opt(1, 0, 0).expect("01:00 exists"))
    };
    if at >= switch(3) && at < switch(10) {
        Duration::hours(2)
    } else {
        Duration::hours(1)
    }
}

fn last_sunday_of(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let last_day =
        NaiveDate::from_ymd_opt(next_year, next_month, 1).expect("valid month") - Duration::days(1);
    let back = last_day.weekday().num_days_from_sunday();
    debug_assert_eq!(
        (last_day - Duration::days(i64::from(back))).weekday(),
        Weekday::Sun
    );
    last_day - Duration::days(i64::from(back))
}

/// "27 novembre 2026" ("1er" for the first of the month).
pub fn french_date(date: NaiveDate) -> String {
    let day = match date.day() {
        1 => "1er".to_owned(),
        d => d.to_string(),
    };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}

/// "27 novembre 2026 à 08:05", Paris time.
pub fn french_date_time(at: DateTime<Utc>) -> String {
    let local = at + paris_offset(at);
    // Not `format("%H:%M")`: it parses its format string at every call,
    // and this runs for every message of a conversation.
    format!(
        "{} à {:02}:{:02}",
        french_date(local.date_naive()),
        local.hour(),
        local.minute()
    )
}

/// "publiée aujourd'hui", "publiée hier", "publiée il y a 5 jours", then the date.
pub fn published_ago(published: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (paris_date(now) - paris_date(published)).num_days();
    match days {
        ..=0 => "aujourd'hui".to_owned(),
        1 => "hier".to_owned(),
        2..=30 => format!("il y a {days} jours"),
        _ => format!("le {}", french_date(paris_date(published))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn paris_is_one_hour_ahead_in_winter_and_two_in_summer() {
        assert_eq!(
            paris_offset(utc("2026-01-15T12:00:00Z")),
            Duration::hours(1)
        );
        assert_eq!(
            paris_offset(utc("2026-07-15T12:00:00Z")),
            Duration::hours(2)
        );
        // 2026: summer time from March 29 to October 25, at 01:00 UTC.
        assert_eq!(
            paris_offset(utc("2026-03-29T00:59:00Z")),
            Duration::hours(1)
        );
        assert_eq!(
            paris_offset(utc("2026-03-29T01:00:00Z")),
            Duration::hours(2)
        );
        assert_eq!(
            paris_offset(utc("2026-10-25T01:00:00Z")),
            Duration::hours(1)
        );
    }

    #[test]
    fn a_late_evening_in_utc_is_already_tomorrow_in_paris() {
        assert_eq!(
            paris_date(utc("2026-06-30T22:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
    }

    #[test]
    fn dates_read_the_french_way() {
        assert_eq!(
            french_date(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
            "27 novembre 2026"
        );
        assert_eq!(
            french_date(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()),
            "1er août 2026"
        );
    }

    #[test]
    fn times_read_in_paris_hours_and_minutes_with_two_digits() {
        assert_eq!(
            french_date_time(utc("2026-11-27T07:05:00Z")),
            "27 novembre 2026 à 08:05"
        );
        assert_eq!(
            french_date_time(utc("2026-07-31T22:30:09Z")),
            "1er août 2026 à 00:30"
        );
    }

    #[test]
    fn recent_publications_read_as_days_ago() {
        let now = utc("2026-11-27T10:00:00Z");
        assert_eq!(
            published_ago(utc("2026-11-27T08:00:00Z"), now),
            "aujourd'hui"
        );
        assert_eq!(published_ago(utc("2026-11-26T08:00:00Z"), now), "hier");
        assert_eq!(
            published_ago(utc("2026-11-20T08:00:00Z"), now),
            "il y a 7 jours"
        );
        assert_eq!(
            published_ago(utc("2026-09-01T08:00:00Z"), now),
            "le 1er septembre 2026"
        );
    }
}
