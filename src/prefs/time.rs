//! Times as the state files write them: UTC, `2026-12-02T15:46:00Z`, readable and sortable
//! as text. Whole seconds since 1970 inside.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A civil date to days since 1970-01-01 (`days_from_civil`).
fn days(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parts(secs: u64) -> (i64, u32, u32, u64, u64, u64) {
    let day = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = civil(day);
    let rest = secs % 86_400;
    (y, m, d, rest / 3600, rest / 60 % 60, rest % 60)
}

/// `2026-12-02T15:46:00Z`.
pub fn format(secs: u64) -> String {
    let (y, m, d, h, mi, s) = parts(secs);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `2026-12-02`.
pub fn date(secs: u64) -> String {
    let (y, m, d, ..) = parts(secs);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `20261202T154600Z`: for file names.
pub fn stamp(secs: u64) -> String {
    let (y, m, d, h, mi, s) = parts(secs);
    format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// Reads what [`format`] writes (a date alone is midnight); `None` for anything else.
pub fn parse(text: &str) -> Option<u64> {
    let t = text.trim();
    let num = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok());
    let (date, clock) = t.split_once('T').unwrap_or((t, "00:00:00Z"));
    let mut ds = date.split('-');
    let y = ds.next()?.parse::<i64>().ok()?;
    let (m, d) = (num(ds.next())?, num(ds.next())?);
    let clock = clock.strip_suffix('Z').unwrap_or(clock);
    let mut cs = clock.split(':');
    let (h, mi, s) = (
        num(cs.next())?,
        num(cs.next())?,
        num(cs.next()).unwrap_or(0),
    );
    if ds.next().is_some()
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
        || h > 23
        || mi > 59
        || s > 60
    {
        return None;
    }
    let day = u64::try_from(days(y, m, d)).ok()?;
    Some(day * 86_400 + u64::from(h) * 3600 + u64::from(mi) * 60 + u64::from(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for secs in [0, 951_782_400, 1_796_226_360, 4_102_444_799] {
            assert_eq!(parse(&format(secs)), Some(secs), "{}", format(secs));
        }
        assert_eq!(format(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(stamp(951_782_461), "20000229T000101Z");
        assert_eq!(parse("2000-02-29"), Some(951_782_400));
        assert_eq!(parse("2000-13-01"), None);
        assert_eq!(parse("yesterday"), None);
    }
}
