//! Is a coordinate plausible for a country? Answered from OpenStreetMap's country
//! boundaries (the `country-boundaries` crate, ODbL data), not a hand-kept table of boxes.

use std::sync::OnceLock;

use country_boundaries::{BOUNDARIES_ODBL_180X90, BoundingBox, CountryBoundaries, LatLon};

/// How far (in degrees) a point may sit from the country's outline and still count:
/// city centres rounded to two decimals can land in the sea or across a river border.
const SLACK_DEGREES: f64 = 0.3;

/// The crate's boundary data in cells of two degrees. The slack test below is answered
/// cell by cell, so the cells bound how far out a point may pass: with the coarsest data
/// (six degrees) two Palestinian cities with their latitude and longitude swapped, a
/// point off Cyprus, passed as in or near Palestine. The finest (one degree) finds no
/// more in the embedded data and costs a --data load 5 ms and 9 MB more; this, 0.5 ms and
/// 3 MB.
fn boundaries() -> Option<&'static CountryBoundaries> {
    static B: OnceLock<Option<CountryBoundaries>> = OnceLock::new();
    B.get_or_init(|| CountryBoundaries::from_reader(BOUNDARIES_ODBL_180X90).ok())
        .as_ref()
}

/// Whether (lat, lon) is a valid coordinate pair at all.
pub fn in_range(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
}

/// Whether the point lies inside the country's outline, strictly: no slack. Unknown to the
/// boundary data counts as inside, as in [`plausible`].
pub fn inside(iso2: &str, lat: f64, lon: f64) -> bool {
    if !in_range(lat, lon) {
        return false;
    }
    let Some(b) = boundaries() else { return true };
    LatLon::new(lat, lon).is_ok_and(|point| b.is_in(point, iso2))
}

/// Whether the point lies in, or within a short distance of, the country `iso2`.
/// Unknown to the boundary data (a code it does not carry) counts as plausible: the
/// country code itself is checked elsewhere.
pub fn plausible(iso2: &str, lat: f64, lon: f64) -> bool {
    if !in_range(lat, lon) {
        return false;
    }
    let Some(b) = boundaries() else { return true };
    let Ok(point) = LatLon::new(lat, lon) else {
        return false;
    };
    if b.is_in(point, iso2) {
        return true;
    }
    let clamp_lat = |v: f64| v.clamp(-90.0, 90.0);
    let wrap_lon = |v: f64| {
        if v > 180.0 {
            v - 360.0
        } else if v < -180.0 {
            v + 360.0
        } else {
            v
        }
    };
    match BoundingBox::new(
        clamp_lat(lat - SLACK_DEGREES),
        wrap_lon(lon - SLACK_DEGREES),
        clamp_lat(lat + SLACK_DEGREES),
        wrap_lon(lon + SLACK_DEGREES),
    ) {
        Ok(bbox) => b.intersecting_ids(bbox).contains(iso2),
        Err(_) => false,
    }
}

/// A point as a card shows it: `45.46° N, 9.19° E`.
pub fn degrees(lat: f64, lon: f64) -> String {
    let ns = if lat >= 0.0 { 'N' } else { 'S' };
    let ew = if lon >= 0.0 { 'E' } else { 'W' };
    format!("{:.2}° {ns}, {:.2}° {ew}", lat.abs(), lon.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_centres_are_in_their_countries() {
        assert!(plausible("PL", 51.76, 19.46)); // Łódź
        assert!(plausible("IS", 64.15, -21.94)); // Reykjavík
        assert!(plausible("HK", 22.30, 114.17));
        assert!(plausible("CA", 42.98, -81.25)); // London, Ontario
        assert!(plausible("NL", 52.37, 4.90)); // Amsterdam, by the water
    }

    #[test]
    fn inside_has_no_slack() {
        assert!(inside("PL", 51.76, 19.46));
        assert!(!inside("PL", 19.46, 51.76));
        assert!(!inside("GB", 42.98, -81.25));
        assert!(!inside("FR", f64::NAN, 0.0));
    }

    #[test]
    fn swapped_or_wrong_coordinates_are_caught() {
        assert!(!plausible("PL", 19.46, 51.76)); // lat and lon swapped
        assert!(!plausible("GB", 42.98, -81.25)); // London, Ontario is not in the UK
        assert!(!plausible("FR", 91.0, 0.0));
        assert!(!plausible("FR", f64::NAN, 0.0));
        // Khan Younis as the source gives it, latitude and longitude swapped: in the sea
        // between Cyprus and Egypt, three degrees from Gaza.
        assert!(!plausible("PS", 34.30, 31.35));
        assert!(plausible("PS", 31.35, 34.30));
    }
}
