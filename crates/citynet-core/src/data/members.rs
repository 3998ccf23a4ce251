//! A roster's members, decoded when first read.
//!
//! Almost every roster is a plain list. The binary's own dataset is the exception: the
//! Covenant of Mayors alone has 11,972 members, and decoding them took four times the
//! whole start-up budget, for a first screen that shows none of them. So a roster can
//! hold its members as a decoder, run once, on whichever thread reads them first (the
//! background index thread, usually); the count is known without decoding.
//!
//! A command that asks one question of a large roster may load only the members that
//! could answer it ([`Members::sifted`]); what the index needs to know of the rest (how
//! many, their tiers, countries and which figures they state) is kept as a [`LeftOut`].

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::countries;
use super::model::{Member, Text};

type Decoder = Box<dyn Fn() -> Vec<Member> + Send + Sync>;

pub struct Members {
    decoded: OnceLock<Vec<Member>>,
    /// How many members the decoder gives, and the decoder; `None` for a plain list.
    deferred: Option<(usize, Decoder)>,
    /// The members a one-off load left out, for a list that is not all there.
    left_out: Option<Box<LeftOut>>,
}

/// What a roster's index reads of the members a one-off load left out: everything that
/// decides its columns and counts, nothing that could match a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeftOut {
    pub members: usize,
    /// Members per tier, as the members name it.
    pub tiers: Vec<(Text, usize)>,
    /// By two-capital country code (`countries::code_slot`): whether a member has it.
    codes: Vec<bool>,
    /// Any other code, once each.
    odd_codes: Vec<Text>,
    /// How many state a population, and a year.
    pub with_population: usize,
    pub with_since: usize,
    /// Their GeoNames ids, where they have one.
    pub geonames: Vec<u32>,
    /// The widest name (`text::name_width`).
    pub widest_name: usize,
}

impl LeftOut {
    /// Counts one member left out.
    pub fn note(
        &mut self,
        name: &str,
        country: &str,
        tier: &str,
        population: bool,
        since: bool,
        geonames: Option<u32>,
    ) {
        self.members += 1;
        self.count_tier(tier, 1);
        match countries::code_slot(country) {
            Some(slot) => {
                if self.codes.is_empty() {
                    self.codes = vec![false; countries::CODE_SLOTS];
                }
                self.codes[slot] = true;
            }
            None => self.add_odd_code(country),
        }
        self.with_population += usize::from(population);
        self.with_since += usize::from(since);
        self.geonames.extend(geonames);
        self.widest_name = crate::text::widest_name(self.widest_name, name);
    }

    fn count_tier(&mut self, tier: &str, count: usize) {
        match self.tiers.iter_mut().find(|(t, _)| t == tier) {
            Some((_, c)) => *c += count,
            None => self.tiers.push((tier.into(), count)),
        }
    }

    fn add_odd_code(&mut self, code: &str) {
        if !self.odd_codes.iter().any(|c| c == code) {
            self.odd_codes.push(code.into());
        }
    }

    /// What `self` and `other` left out together.
    pub fn merge(&mut self, other: LeftOut) {
        self.members += other.members;
        for (tier, count) in &other.tiers {
            self.count_tier(tier, *count);
        }
        if self.codes.is_empty() {
            self.codes = other.codes;
        } else {
            for (mine, theirs) in self.codes.iter_mut().zip(other.codes) {
                *mine |= theirs;
            }
        }
        for code in &other.odd_codes {
            self.add_odd_code(code);
        }
        self.with_population += other.with_population;
        self.with_since += other.with_since;
        self.geonames.extend(other.geonames);
        self.widest_name = self.widest_name.max(other.widest_name);
    }

    /// Their country codes, each once.
    pub fn countries(&self) -> impl Iterator<Item = String> + '_ {
        let codes = self.codes.iter().enumerate().filter(|(_, on)| **on);
        codes
            .map(|(slot, _)| countries::slot_code(slot))
            .chain(self.odd_codes.iter().map(|c| c.to_string()))
    }
}

impl Members {
    /// No members; usable in a `static`.
    pub const fn new() -> Members {
        Members {
            decoded: OnceLock::new(),
            deferred: None,
            left_out: None,
        }
    }

    /// Some of a roster's members: those a one-off load kept, and what it noted of the
    /// rest. Only [`RosterIndex::for_query`](crate::roster::RosterIndex::for_query) for
    /// the query they were kept for answers as it would on the whole list.
    pub fn sifted(kept: Vec<Member>, left_out: LeftOut) -> Members {
        Members {
            left_out: Some(Box::new(left_out)),
            ..Members::from(kept)
        }
    }

    /// What a one-off load left out, when it left any out.
    pub fn left_out(&self) -> Option<&LeftOut> {
        self.left_out.as_deref()
    }

    /// Members that `decode` gives when first read; `len` is how many it gives.
    pub fn deferred(
        len: usize,
        decode: impl Fn() -> Vec<Member> + Send + Sync + 'static,
    ) -> Members {
        Members {
            decoded: OnceLock::new(),
            deferred: Some((len, Box::new(decode))),
            left_out: None,
        }
    }

    /// How many members, without decoding them.
    pub fn len(&self) -> usize {
        match (self.decoded.get(), &self.deferred) {
            (Some(list), _) => list.len(),
            (None, Some((len, _))) => *len,
            (None, None) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether reading the members would decode them first.
    pub fn is_decoded(&self) -> bool {
        self.decoded.get().is_some() || self.deferred.is_none()
    }

    fn list(&self) -> &Vec<Member> {
        self.decoded.get_or_init(|| match &self.deferred {
            Some((_, decode)) => decode(),
            None => Vec::new(),
        })
    }
}

impl Deref for Members {
    type Target = Vec<Member>;

    fn deref(&self) -> &Vec<Member> {
        self.list()
    }
}

impl DerefMut for Members {
    fn deref_mut(&mut self) -> &mut Vec<Member> {
        self.list();
        self.deferred = None;
        self.decoded.get_mut().expect("decoded just above")
    }
}

impl From<Vec<Member>> for Members {
    fn from(list: Vec<Member>) -> Members {
        Members {
            decoded: OnceLock::from(list),
            deferred: None,
            left_out: None,
        }
    }
}

impl FromIterator<Member> for Members {
    fn from_iter<I: IntoIterator<Item = Member>>(iter: I) -> Members {
        Members::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl IntoIterator for Members {
    type Item = Member;
    type IntoIter = std::vec::IntoIter<Member>;

    fn into_iter(self) -> Self::IntoIter {
        self.list();
        self.decoded.into_inner().unwrap_or_default().into_iter()
    }
}

impl<'a> IntoIterator for &'a Members {
    type Item = &'a Member;
    type IntoIter = std::slice::Iter<'a, Member>;

    fn into_iter(self) -> Self::IntoIter {
        self.list().iter()
    }
}

impl<'a> IntoIterator for &'a mut Members {
    type Item = &'a mut Member;
    type IntoIter = std::slice::IterMut<'a, Member>;

    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

impl Default for Members {
    fn default() -> Members {
        Members::new()
    }
}

impl Clone for Members {
    fn clone(&self) -> Members {
        Members {
            left_out: self.left_out.clone(),
            ..Members::from(self.list().clone())
        }
    }
}

impl PartialEq for Members {
    fn eq(&self, other: &Members) -> bool {
        self.list() == other.list() && self.left_out == other.left_out
    }
}

impl fmt::Debug for Members {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.list().fmt(f)
    }
}

impl Serialize for Members {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Members, D::Error> {
        Vec::<Member>::deserialize(d).map(Members::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn member(name: &str) -> Member {
        Member {
            name: name.into(),
            country: "FR".into(),
            tier: "member".into(),
            lat: 0.0,
            lon: 0.0,
            aka: vec![],
            kind: Default::default(),
            population: None,
            since: None,
            joined: None,
            id: None,
            placeholder: false,
            geonames: None,
            main_city: None,
        }
    }

    #[test]
    fn a_deferred_list_is_counted_without_decoding_and_decoded_once() {
        let runs = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&runs);
        let members = Members::deferred(2, move || {
            seen.fetch_add(1, Ordering::SeqCst);
            vec![member("Lyon"), member("Nice")]
        });
        assert_eq!((members.len(), members.is_decoded()), (2, false));
        assert_eq!(runs.load(Ordering::SeqCst), 0);
        let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Lyon", "Nice"]);
        assert_eq!(members[1].name, "Nice");
        let _ = members.first();
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert!(members.is_decoded());
    }

    #[test]
    fn threads_reading_at_once_share_one_decoding() {
        let runs = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&runs);
        let members = Arc::new(Members::deferred(1, move || {
            seen.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(20));
            vec![member("Lyon")]
        }));
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let m = Arc::clone(&members);
                std::thread::spawn(move || m.len() + m.iter().count())
            })
            .collect();
        for r in readers {
            assert_eq!(r.join().expect("reader ends"), 2);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_changed_deferred_list_counts_what_it_holds() {
        let mut members = Members::deferred(2, || vec![member("Lyon"), member("Nice")]);
        members.truncate(1);
        members.push(member("Paris"));
        members.push(member("Metz"));
        assert_eq!(members.len(), 3);
        assert_eq!(
            members,
            Members::from(vec![member("Lyon"), member("Paris"), member("Metz")])
        );
    }

    #[test]
    fn it_reads_and_writes_as_a_plain_list() {
        let members = Members::deferred(1, || vec![member("Lyon")]);
        let json = serde_json::to_string(&members).expect("writes");
        let back: Members = serde_json::from_str(&json).expect("reads");
        assert_eq!(back, members);
        assert!(json.starts_with('['));
    }
}
