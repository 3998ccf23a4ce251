//! ISO 3166-1 alpha-2 codes and the short English names people use for them.

/// (code, name), sorted by code so lookups can binary-search.
pub static COUNTRIES: &[(&str, &str)] = &[
    ("BE", "Belgium"),
    ("DE", "Germany"),
    ("DK", "Denmark"),
    ("FR", "France"),
    ("NL", "Netherlands"),
    ("PL", "Poland"),
];

/// The country's short English name, for an ISO 3166-1 alpha-2 code (case-sensitive: codes
/// are written upper-case in the data).
pub fn name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| COUNTRIES[i].1)
}
