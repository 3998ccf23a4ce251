//! Checks every roster's members must pass, shared by the roster dataset tests.

use citynet_core::data::{Member, countries};

/// A known ISO country code, and coordinates with two decimals, as the data promises.
pub fn assert_country_and_two_decimals(m: &Member) {
    assert!(
        countries::name(&m.country).is_some(),
        "{}: unknown country code {}",
        m.name,
        m.country
    );
    for v in [m.lat, m.lon] {
        assert!(
            ((v * 100.0).round() - v * 100.0).abs() < 1e-6,
            "{}: {v} has more than two decimals",
            m.name
        );
    }
}
