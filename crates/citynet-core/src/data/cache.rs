//! A compact binary copy of a large dataset file that parsed and validated, so that the
//! next load of the same file skips the RON parse and the validation.
//!
//! An entry is keyed by the file's content (its length and 128-bit xxh3 hash) and the
//! version of citynet that wrote it, and carries a checksum of its head and of each part.
//! Nothing in it is trusted: a wrong magic, version, key or checksum, a length that runs
//! past the end, text that is not UTF-8 or bytes left over all make [`decode`] give up,
//! and the caller parses the file as if there were no entry, then writes a fresh one.
//! Only a dataset with no problems at all is written, so an entry found stands for a file
//! that validated.
//!
//! The members, nearly all of a large file, are written in parts of 4,096 members, each
//! a table of fixed-size records and one text, with its own checksum (the rest of the
//! dataset, a few kilobytes, is JSON in the head, with the table of parts). Two threads
//! read and decode the parts at once, straight from the file: an order of magnitude faster
//! than parsing the RON, and the entry's bytes are never all in memory. A command that asks
//! one question of a large list may have the parts sifted as they are decoded
//! ([`read_sifted`]): only the members that could answer it are built.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use super::members::{LeftOut, Members};
use super::model::{Dataset, Member, MemberKind, Network, Text};

/// Raised whenever the layout below changes, together with [`Member`]'s fields (which
/// `put_member` and `member` list exhaustively, so that a new field fails to compile here).
const FORMAT: u32 = 3;

const MAGIC: &[u8; 14] = b"citynet-cache\n";

/// Files smaller than this parse in a few milliseconds: not worth an entry.
pub const MIN_BYTES: usize = 1 << 20;

/// Entries kept in the cache directory; older ones are removed when a new one is written.
const KEEP: usize = 4;

/// What an entry must match: the file's content and the program reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub hash: u128,
    pub len: u64,
    pub version: String,
}

impl Key {
    pub fn of(bytes: &[u8], version: &str) -> Key {
        Key {
            hash: xxh3_128(bytes),
            len: bytes.len() as u64,
            version: version.to_string(),
        }
    }

    /// The key of a dataset made of this one's with one network's roster read from
    /// another file, `table` being that file's key: the network is part of it, so that
    /// one file read as two networks' rosters, or read onto another base, is two entries.
    pub fn joined(&self, network: &str, table: &Key) -> Key {
        let mut bytes = Vec::with_capacity(64 + network.len());
        bytes.extend_from_slice(&self.hash.to_le_bytes());
        bytes.extend_from_slice(&self.len.to_le_bytes());
        // The length first, so that no two (network, table) pairs run together alike.
        let len = u64::try_from(network.len()).unwrap_or(u64::MAX);
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(network.as_bytes());
        bytes.extend_from_slice(&table.hash.to_le_bytes());
        bytes.extend_from_slice(&table.len.to_le_bytes());
        Key {
            hash: xxh3_128(&bytes),
            len: self.len.saturating_add(table.len),
            version: self.version.clone(),
        }
    }

    /// The entry's file name in the cache directory.
    pub fn file_name(&self) -> String {
        format!("{:032x}.bin", self.hash)
    }
}

/// The key of the regular file at `path`, hashed as it is read a piece at a time, so
/// that a load that finds its entry never holds the file's text; `None` for anything but
/// a regular file of [`MIN_BYTES`] to `max` bytes (a pipe cannot be read twice, and the
/// caller reads the file again when there is no entry).
pub fn key_of_file(path: &Path, version: &str, max: u64) -> Option<Key> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() < MIN_BYTES as u64 {
        return None;
    }
    hash_file(path, version, max)
}

/// [`key_of_file`] of a file of any size up to `max`: one part of a dataset read from
/// several files, which is worth an entry when they are large together.
pub fn hash_file(path: &Path, version: &str, max: u64) -> Option<Key> {
    use std::io::Read;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > max {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?.take(max.saturating_add(1));
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    let mut chunk = vec![0u8; 1 << 18];
    let mut len = 0u64;
    loop {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                hash.update(&chunk[..n]);
                len += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    (len <= max).then(|| Key {
        hash: hash.digest128(),
        len,
        version: version.to_string(),
    })
}

/// The dataset of the entry for `key` in `dir`, if there is one that checks out.
///
/// The entry is decoded as it is read, a piece at a time, and its checksum checked at
/// the end: the members it holds never sit in memory twice (as bytes and decoded), and
/// nothing decoded is returned before the whole entry has checked out.
pub fn read(dir: &Path, key: &Key) -> Option<Dataset> {
    read_sifted(dir, key, None)
}

/// Whether a one-off load keeps a member, given its name, other names and country code.
pub type Keep = Box<dyn Fn(&str, &[&str], &str) -> bool + Sync>;

/// Which members of each roster a one-off load keeps, given the dataset's head (every
/// network, and each roster without its members): one entry per roster, in order, `None`
/// (or no entry) keeping all of them.
pub type Sift<'a> = &'a dyn Fn(&Dataset) -> Vec<Option<Keep>>;

/// [`read`], keeping of a roster only the members that `sift` says to, and noting what
/// its index needs of the rest ([`Members::sifted`]): for a command that asks one
/// question of a large list and never shows most of it.
pub fn read_sifted(dir: &Path, key: &Key, sift: Option<Sift>) -> Option<Dataset> {
    let path = dir.join(key.file_name());
    let len = std::fs::metadata(&path).ok()?.len();
    decode_from(Entry::File(&path), len, key, sift)
}

/// Writes `dataset`'s entry for `key` into `dir` (made if missing), atomically: a reader
/// sees the old entry, no entry or the whole new one. Older entries beyond the few kept
/// are removed. Failing to write a cache never fails a load: the error is for the caller
/// to ignore or report.
pub fn write(dir: &Path, key: &Key, dataset: &Dataset) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    // Written a part at a time: the entry is never in memory twice, as parts and whole.
    let (start, parts) = encoded(dataset, key);
    let path = dir.join(key.file_name());
    let temp = dir.join(format!(".{}.{}.tmp", key.file_name(), std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(&start)?;
        for part in &parts {
            f.write_all(part)?;
        }
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, &path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    prune(dir, &path);
    Ok(path)
}

/// Removes all but the [`KEEP`] newest entries, never `keep`.
fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin") && p != keep)
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, p) in found.into_iter().skip(KEEP - 1) {
        let _ = std::fs::remove_file(p);
    }
}

/// The entry for `dataset` under `key`.
pub fn encode(dataset: &Dataset, key: &Key) -> Vec<u8> {
    let (mut out, parts) = encoded(dataset, key);
    out.reserve_exact(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend_from_slice(&part);
    }
    out
}

/// The entry for `dataset` under `key`, as its start (the header and the head) and the
/// parts that follow it.
fn encoded(dataset: &Dataset, key: &Key) -> (Vec<u8>, Vec<Vec<u8>>) {
    // Copied without the members, which would double what a first load holds.
    let rest = Dataset {
        title: dataset.title.clone(),
        as_of: dataset.as_of.clone(),
        sources: dataset.sources.clone(),
        networks: dataset
            .networks
            .iter()
            .map(Network::without_members)
            .collect(),
    };
    let members: Vec<&[Member]> = dataset
        .networks
        .iter()
        .filter_map(|n| Some(&n.roster.as_ref()?.members[..]))
        .collect();
    // The head: the rest of the dataset, small and with many optional fields, as JSON,
    // then each roster's table of parts.
    let mut head = Vec::new();
    put_bytes(&mut head, &serde_json::to_vec(&rest).unwrap_or_default());
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for list in members {
        let chunks: Vec<&[Member]> = list.chunks(PART_MEMBERS).collect();
        put_u32(&mut head, chunks.len() as u32);
        for chunk in chunks {
            let part = encode_part(chunk);
            put_u32(&mut head, chunk.len() as u32);
            head.extend_from_slice(&(part.len() as u64).to_le_bytes());
            head.extend_from_slice(&xxh3_64(&part).to_le_bytes());
            parts.push(part);
        }
    }
    let mut out = Vec::with_capacity(head.len() + 80);
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, FORMAT);
    put_bytes(&mut out, key.version.as_bytes());
    out.extend_from_slice(&key.hash.to_le_bytes());
    out.extend_from_slice(&key.len.to_le_bytes());
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_64(&head).to_le_bytes());
    out.extend_from_slice(&head);
    (out, parts)
}

/// Members per part: a part is read whole, checked and decoded in one go, so it is kept
/// small (a few hundred kilobytes), and a large roster has enough of them to split
/// between two threads.
const PART_MEMBERS: usize = 4096;

/// The dataset in `bytes`, when they are a whole, sound entry for `key`.
pub fn decode(bytes: &[u8], key: &Key) -> Option<Dataset> {
    decode_from(Entry::Bytes(bytes), bytes.len() as u64, key, None)
}

/// [`decode`], sifted as [`read_sifted`] is.
pub fn decode_sifted(bytes: &[u8], key: &Key, sift: Sift) -> Option<Dataset> {
    decode_from(Entry::Bytes(bytes), bytes.len() as u64, key, Some(sift))
}

/// Where an entry is read from: any part of it can be read on its own, so that two
/// threads can decode two parts at once.
#[derive(Clone, Copy)]
enum Entry<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Entry<'a> {
    /// The entry's bytes from `at` on.
    fn from(self, at: u64) -> Option<Box<dyn Read + 'a>> {
        match self {
            Entry::File(path) => {
                use std::io::{Seek, SeekFrom};
                let mut file = std::fs::File::open(path).ok()?;
                file.seek(SeekFrom::Start(at)).ok()?;
                Some(Box::new(file))
            }
            Entry::Bytes(bytes) => Some(Box::new(bytes.get(usize::try_from(at).ok()?..)?)),
        }
    }
}

/// One part of a roster's members: how many, and where and how long its bytes are.
#[derive(Clone, Copy)]
struct Part {
    members: usize,
    at: u64,
    len: u64,
    checksum: u64,
}

/// The dataset in `entry`, `len` bytes long, when it is a whole, sound entry for `key`.
/// With `sift`, a roster's members are sifted as [`read_sifted`] says.
fn decode_from(entry: Entry, len: u64, key: &Key, sift: Option<Sift>) -> Option<Dataset> {
    let mut source = entry.from(0)?;
    // The header: magic, format, version, key, and the head's length and checksum. The
    // version is citynet's own, a few bytes: a longer one is not an entry.
    let fixed = read_exact(&mut source, MAGIC.len() + 8, len)?;
    let mut c = Cursor::new(&fixed);
    if c.take(MAGIC.len())? != MAGIC || c.u32()? != FORMAT {
        return None;
    }
    let version_len = c.u32()? as usize;
    if version_len > 256 {
        return None;
    }
    let header_len = (fixed.len() + version_len + 40) as u64;
    let rest = read_exact(&mut source, version_len + 40, len - fixed.len() as u64)?;
    let mut c = Cursor::new(&rest);
    if c.take(version_len)? != key.version.as_bytes()
        || c.u128()? != key.hash
        || c.u64()? != key.len
    {
        return None;
    }
    let head_len = c.u64()?;
    let head_checksum = c.u64()?;
    // The head is a few kilobytes: read whole, checked, then walked.
    let head = read_exact(
        &mut source,
        usize::try_from(head_len).ok()?,
        len - header_len,
    )?;
    if xxh3_64(&head) != head_checksum {
        return None;
    }
    let mut at = header_len + head_len;
    let mut r = Cursor::new(&head);
    let mut dataset: Dataset = serde_json::from_slice(r.bytes()?).ok()?;
    let mut rosters: Vec<Vec<Part>> = Vec::new();
    for _ in dataset.networks.iter().filter(|n| n.roster.is_some()) {
        let k = r.u32()? as usize;
        // Each part's line in the table takes 20 bytes: a count past what is left is a lie.
        if k > r.left() / 20 {
            return None;
        }
        let mut parts = Vec::with_capacity(k);
        for _ in 0..k {
            let members = r.u32()? as usize;
            let (part_len, checksum) = (r.u64()?, r.u64()?);
            // Each member takes a record: a count past what the part can hold is a lie.
            if members as u64 > part_len / RECORD as u64 {
                return None;
            }
            parts.push(Part {
                members,
                at,
                len: part_len,
                checksum,
            });
            at = at.checked_add(part_len)?;
        }
        rosters.push(parts);
    }
    if r.left() != 0 || at != len {
        return None;
    }
    let keeps = sift.map_or_else(Vec::new, |sift| sift(&dataset));
    let networks = dataset
        .networks
        .iter_mut()
        .filter_map(|n| n.roster.as_mut());
    for (r, (roster, parts)) in networks.zip(&rosters).enumerate() {
        let n: usize = parts.iter().map(|p| p.members).sum();
        // The parts before the middle member on one thread, the rest on another.
        let split = parts
            .iter()
            .scan(0, |sum, p| {
                *sum += p.members;
                Some(*sum)
            })
            .position(|sum| sum * 2 >= n)
            .map_or(parts.len(), |i| i + 1);
        let (first, second) = parts.split_at(split);
        if let Some(keep) = keeps.get(r).and_then(Option::as_ref) {
            let sift = |parts: &[Part]| {
                let (mut kept, mut left) = (Vec::new(), LeftOut::default());
                decode_parts(entry, parts, &mut |m: Raw| {
                    if keep(m.name, m.aka, m.country) {
                        kept.push(m.member());
                    } else {
                        let (population, since) = (m.population.is_some(), m.since.is_some());
                        left.note(m.name, m.country, m.tier, population, since, m.geonames);
                    }
                    Some(())
                })
                .map(|()| (kept, left))
            };
            let (one, two) = crate::parallel::join(n, || sift(first), || sift(second));
            let ((mut kept, mut left), (more, rest)) = (one?, two?);
            kept.extend(more);
            left.merge(rest);
            roster.members = Members::sifted(kept, left);
            continue;
        }
        let mut members: Vec<Member> = Vec::with_capacity(n);
        members.resize_with(n, Member::default);
        let (a, b) = members.split_at_mut(first.iter().map(|p| p.members).sum());
        let fill = |parts: &[Part], out: &mut [Member]| {
            let mut slots = out.iter_mut();
            decode_parts(entry, parts, &mut |m: Raw| {
                *slots.next()? = m.member();
                Some(())
            })
        };
        let (one, two) = crate::parallel::join(n, || fill(first, a), || fill(second, b));
        one?;
        two?;
        roster.members = members.into();
    }
    Some(dataset)
}

/// Decodes `parts` (which follow one another in the entry), in order, handing `each`
/// every member: `None` unless every one of them checks out and `each` takes it.
fn decode_parts(
    entry: Entry,
    parts: &[Part],
    each: &mut impl FnMut(Raw) -> Option<()>,
) -> Option<()> {
    let Some(first) = parts.first() else {
        return Some(());
    };
    let mut source = entry.from(first.at)?;
    let mut bytes = Vec::new();
    for part in parts {
        bytes.resize(usize::try_from(part.len).ok()?, 0);
        source.read_exact(&mut bytes).ok()?;
        if xxh3_64(&bytes) != part.checksum {
            return None;
        }
        decode_part(&bytes, part.members, each)?;
    }
    Some(())
}

/// A member as a part writes it, its text still in the part.
struct Raw<'a> {
    name: &'a str,
    country: &'a str,
    tier: &'a str,
    lat: f64,
    lon: f64,
    aka: &'a [&'a str],
    kind: MemberKind,
    population: Option<u64>,
    since: Option<u16>,
    joined: Option<&'a str>,
    id: Option<&'a str>,
    placeholder: bool,
    geonames: Option<u32>,
    main_city: Option<u32>,
}

impl Raw<'_> {
    fn member(&self) -> Member {
        Member {
            name: self.name.into(),
            country: self.country.into(),
            tier: self.tier.into(),
            lat: self.lat,
            lon: self.lon,
            aka: self.aka.iter().map(|&a| Text::from(a)).collect(),
            kind: self.kind,
            population: self.population,
            since: self.since,
            joined: self.joined.map(Text::from),
            id: self.id.map(Text::from),
            placeholder: self.placeholder,
            geonames: self.geonames,
            main_city: self.main_city,
        }
    }
}

/// The bytes of one record in a part: every field of a member at a fixed place, its text
/// as lengths (each text follows the one before it in the part's text).
const RECORD: usize = 60;

/// Flags in a record, for its optional fields.
const HAS_POPULATION: u8 = 1;
const HAS_SINCE: u8 = 2;
const HAS_JOINED: u8 = 4;
const HAS_ID: u8 = 8;
const PLACEHOLDER: u8 = 16;
const HAS_GEONAMES: u8 = 32;
const HAS_MAIN_CITY: u8 = 64;

/// A part: how many members, other names and bytes of text; a record per member; the
/// length of each other name, in order; then all the text, in the order it is read (each
/// member's name, country, tier, date and id, then its other names), which is checked to
/// be UTF-8 once, not string by string.
fn encode_part(members: &[Member]) -> Vec<u8> {
    let mut records = Vec::with_capacity(members.len() * RECORD);
    let mut akas = Vec::new();
    let mut text = Vec::new();
    let mut put_text = |out: &mut Vec<u8>, s: &str| {
        // A text past 4 GiB fails to decode, and the file is then parsed as if there
        // were no entry.
        put_u32(out, u32::try_from(s.len()).unwrap_or(u32::MAX));
        text.extend_from_slice(s.as_bytes());
    };
    for m in members {
        // Every field by name: a field added to `Member` fails to compile here, so that it
        // is not silently dropped from the cache (then raise FORMAT).
        let Member {
            name,
            country,
            tier,
            lat,
            lon,
            aka,
            kind,
            population,
            since,
            joined,
            id,
            placeholder,
            geonames,
            main_city,
        } = m;
        let flag = |on: bool, f: u8| if on { f } else { 0 };
        let flags = flag(population.is_some(), HAS_POPULATION)
            | flag(since.is_some(), HAS_SINCE)
            | flag(joined.is_some(), HAS_JOINED)
            | flag(id.is_some(), HAS_ID)
            | flag(*placeholder, PLACEHOLDER)
            | flag(geonames.is_some(), HAS_GEONAMES)
            | flag(main_city.is_some(), HAS_MAIN_CITY);
        put_text(&mut records, name);
        put_text(&mut records, country);
        put_text(&mut records, tier);
        records.extend_from_slice(&lat.to_le_bytes());
        records.extend_from_slice(&lon.to_le_bytes());
        put_u32(&mut records, u32::try_from(aka.len()).unwrap_or(u32::MAX));
        records.push(kind_code(*kind));
        records.push(flags);
        records.extend_from_slice(&since.unwrap_or(0).to_le_bytes());
        records.extend_from_slice(&population.unwrap_or(0).to_le_bytes());
        put_text(&mut records, joined.as_deref().unwrap_or(""));
        put_text(&mut records, id.as_deref().unwrap_or(""));
        put_u32(&mut records, geonames.unwrap_or(0));
        put_u32(&mut records, main_city.unwrap_or(0));
        for a in aka {
            put_text(&mut akas, a);
        }
    }
    let mut out = Vec::with_capacity(12 + records.len() + akas.len() + text.len());
    put_u32(&mut out, u32::try_from(members.len()).unwrap_or(u32::MAX));
    put_u32(&mut out, u32::try_from(akas.len() / 4).unwrap_or(u32::MAX));
    put_u32(&mut out, u32::try_from(text.len()).unwrap_or(u32::MAX));
    out.extend_from_slice(&records);
    out.extend_from_slice(&akas);
    out.extend_from_slice(&text);
    out
}

/// Decodes the part `bytes`, which must hold `expected` members, handing `each` every
/// one in turn.
fn decode_part(
    bytes: &[u8],
    expected: usize,
    each: &mut impl FnMut(Raw) -> Option<()>,
) -> Option<()> {
    let mut head = Cursor::new(bytes);
    let members = head.u32()? as usize;
    let akas = head.u32()? as usize;
    let text_len = head.u32()? as usize;
    if members != expected {
        return None;
    }
    let records = head.take(members.checked_mul(RECORD)?)?;
    let akas = head.take(akas.checked_mul(4)?)?;
    let text = simdutf8::basic::from_utf8(head.take(text_len)?).ok()?;
    if head.left() != 0 {
        return None;
    }
    // Where the next text starts. A length that does not end on a char boundary, or runs
    // past the text, fails here.
    let mut read = 0usize;
    let mut text_at = |c: &mut Cursor| -> Option<&str> {
        let len = c.u32()? as usize;
        let t = text.get(read..read.checked_add(len)?)?;
        read += len;
        Some(t)
    };
    let mut akas = Cursor::new(akas);
    let mut aka: Vec<&str> = Vec::new();
    for record in records.chunks_exact(RECORD) {
        let mut c = Cursor::new(record);
        let name = text_at(&mut c)?;
        let country = text_at(&mut c)?;
        let tier = text_at(&mut c)?;
        let lat = f64::from_le_bytes(c.array()?);
        let lon = f64::from_le_bytes(c.array()?);
        let aka_count = c.u32()? as usize;
        let kind = kind_of(c.u8()?)?;
        let flags = c.u8()?;
        if flags & 0x80 != 0 {
            return None;
        }
        let on = |f: u8| flags & f != 0;
        let since = u16::from_le_bytes(c.array()?);
        let population = u64::from_le_bytes(c.array()?);
        let joined = text_at(&mut c)?;
        let id = text_at(&mut c)?;
        let geonames = c.u32()?;
        let main_city = c.u32()?;
        // Each other name is four bytes of the table: a count past it is a lie.
        if aka_count > akas.left() / 4 {
            return None;
        }
        aka.clear();
        for _ in 0..aka_count {
            aka.push(text_at(&mut akas)?);
        }
        each(Raw {
            name,
            country,
            tier,
            lat,
            lon,
            aka: &aka,
            kind,
            population: on(HAS_POPULATION).then_some(population),
            since: on(HAS_SINCE).then_some(since),
            joined: on(HAS_JOINED).then_some(joined),
            id: on(HAS_ID).then_some(id),
            placeholder: on(PLACEHOLDER),
            geonames: on(HAS_GEONAMES).then_some(geonames),
            main_city: on(HAS_MAIN_CITY).then_some(main_city),
        })?;
    }
    (akas.left() == 0 && read == text.len()).then_some(())
}

/// Reads fixed-size fields off a slice.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, at: 0 }
    }

    /// Bytes not yet read.
    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(b)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.array()?))
    }

    /// Bytes written after their length.
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

fn kind_code(kind: MemberKind) -> u8 {
    match kind {
        MemberKind::City => 0,
        MemberKind::Metropolitan => 1,
        MemberKind::Region => 2,
        MemberKind::District => 3,
        MemberKind::Community => 4,
        MemberKind::Group => 5,
    }
}

fn kind_of(code: u8) -> Option<MemberKind> {
    Some(match code {
        0 => MemberKind::City,
        1 => MemberKind::Metropolitan,
        2 => MemberKind::Region,
        3 => MemberKind::District,
        4 => MemberKind::Community,
        5 => MemberKind::Group,
        _ => return None,
    })
}

/// The next `n` bytes of `source`, of which `left` remain in the entry: `None` when the
/// entry is shorter (checked before anything is allocated) or the read fails.
fn read_exact(source: &mut dyn Read, n: usize, left: u64) -> Option<Vec<u8>> {
    if n as u64 > left {
        return None;
    }
    let mut bytes = vec![0; n];
    source.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::PARALLEL_FROM;

    fn sample() -> (Dataset, Key) {
        let text = crate::data::parse::EMBEDDED_DIRECTORY.1;
        let mut d = crate::data::parse::embedded_from_ron().expect("assets parse");
        // Every optional field set somewhere.
        if let Some(m) = d
            .networks
            .iter_mut()
            .find_map(|n| n.roster.as_mut())
            .and_then(|r| r.members.first_mut())
        {
            m.joined = Some("2001-02-03".into());
            m.id = Some("X1".into());
            m.placeholder = true;
            m.geonames = Some(7);
            m.main_city = Some(9);
            m.population = Some(u64::MAX);
            m.since = Some(2001);
            m.aka = vec!["é".into(), Text::default()];
            m.kind = MemberKind::Group;
        }
        (d, Key::of(text.as_bytes(), "9.9.9"))
    }

    #[test]
    fn a_joined_key_differs_by_network_base_and_table() {
        let base = Key::of(b"base", "1");
        let table = Key::of(b"name,country\n", "1");
        let k = base.joined("eurocities", &table);
        assert_eq!(k, base.joined("eurocities", &table));
        assert_ne!(k, base.joined("c40", &table));
        assert_ne!(k, Key::of(b"other", "1").joined("eurocities", &table));
        assert_ne!(
            k,
            base.joined("eurocities", &Key::of(b"name,country\r\n", "1"))
        );
        assert_eq!(k.version, "1");
    }

    #[test]
    fn an_entry_decodes_to_the_dataset_it_was_written_from() {
        let (d, key) = sample();
        let bytes = encode(&d, &key);
        assert_eq!(decode(&bytes, &key).as_ref(), Some(&d));
    }

    #[test]
    fn an_entry_decodes_across_every_boundary_of_its_reads() {
        // A roster of several parts, split between two threads, one of whose names is
        // longer than the rest of its part together.
        let (mut d, key) = sample();
        if let Some(r) = d.networks.iter_mut().find_map(|n| n.roster.as_mut()) {
            // Long enough to be written in two parts.
            let copy = r.members.to_vec();
            while r.members.len() < PARALLEL_FROM {
                r.members.extend(copy.iter().cloned());
            }
            if let Some(m) = r.members.last_mut() {
                m.name = "Ł".repeat(300_000).into();
            }
        }
        let bytes = encode(&d, &key);
        assert!(bytes.len() > 4 << 18, "{} bytes", bytes.len());
        assert_eq!(decode(&bytes, &key).as_ref(), Some(&d));
        // Damage anywhere in either part (or the table saying where they are) is caught.
        for at in (bytes.len() / 10..bytes.len()).step_by(bytes.len() / 13) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x55;
            assert!(decode(&bad, &key).is_none(), "byte {at} flipped");
        }
    }

    /// The members of `part`, when it holds `n` and checks out.
    fn part_members(part: &[u8], n: usize) -> Option<Vec<Member>> {
        let mut out = Vec::new();
        decode_part(part, n, &mut |m: Raw| {
            out.push(m.member());
            Some(())
        })?;
        Some(out)
    }

    #[test]
    fn a_part_points_only_at_whole_chars_of_its_own_text() {
        let (d, _) = sample();
        let members = &d
            .networks
            .iter()
            .find_map(|n| n.roster.as_ref())
            .expect("a roster")
            .members;
        let some = &members[..members.len().min(50)];
        let part = encode_part(some);
        assert_eq!(part_members(&part, some.len()).as_deref(), Some(some));
        // One member fewer than the part holds.
        assert!(part_members(&part, some.len() - 1).is_none());
        // The first name's length changed: off a char boundary, into the next name, or
        // past the text.
        let name = some[0].name.clone();
        for delta in [1i64, -1, 1 << 30] {
            let mut bad = part.clone();
            let at = 12;
            let len = i64::from(u32::from_le_bytes(bad[at..at + 4].try_into().expect("4")));
            let changed = u32::try_from(len + delta).expect("fits");
            bad[at..at + 4].copy_from_slice(&changed.to_le_bytes());
            let decoded = part_members(&bad, some.len());
            assert!(decoded.is_none_or(|d| d[0].name != name), "{delta}");
        }
        // An unknown flag.
        let mut bad = part.clone();
        bad[12 + 4 * 3 + 16 + 4 + 1] |= 0x80;
        assert!(part_members(&bad, some.len()).is_none());
    }

    #[test]
    fn any_other_key_or_any_damage_is_refused() {
        let (d, key) = sample();
        let bytes = encode(&d, &key);
        let other = |f: &dyn Fn(&mut Key)| {
            let mut k = key.clone();
            f(&mut k);
            decode(&bytes, &k)
        };
        assert!(other(&|k| k.version = "9.9.10".into()).is_none());
        assert!(other(&|k| k.hash ^= 1).is_none());
        assert!(other(&|k| k.len += 1).is_none());
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], &key).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, &key).is_none());
        // Every byte flipped in turn, in a sample of places: the header or the checksum
        // catches it.
        for at in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x55;
            assert!(decode(&bad, &key).is_none(), "byte {at} flipped");
        }
    }

    #[test]
    fn a_file_hashed_piece_by_piece_has_the_key_of_its_bytes() {
        let dir = std::env::temp_dir().join(format!("citynet-key-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("big.ron");
        let bytes: Vec<u8> = (0..MIN_BYTES * 2 + 12_345)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        std::fs::write(&file, &bytes).expect("writes");
        assert_eq!(
            key_of_file(&file, "v", u64::MAX),
            Some(Key::of(&bytes, "v"))
        );
        assert_eq!(key_of_file(&file, "v", 1 << 20), None, "past the limit");
        std::fs::write(&file, &bytes[..100]).expect("writes");
        assert_eq!(
            key_of_file(&file, "v", u64::MAX),
            None,
            "too small to cache"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn entries_are_written_whole_and_the_oldest_pruned() {
        let dir = std::env::temp_dir().join(format!("citynet-cache-test-{}", std::process::id()));
        let (d, key) = sample();
        for i in 0..6u128 {
            let k = Key {
                hash: i,
                ..key.clone()
            };
            write(&dir, &k, &d).expect("writes");
            assert_eq!(read(&dir, &k).as_ref(), Some(&d));
        }
        let left = std::fs::read_dir(&dir).expect("dir").count();
        assert_eq!(left, KEEP);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
