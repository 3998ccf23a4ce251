//! Work over many items, split between two threads when there are enough of them to pay
//! for the second thread and the machine has a second core. One place decides both, for
//! the roster scans, the jump search and validation.

use std::ops::Range;
use std::sync::OnceLock;

/// Below this many items one thread is done before a second would have started.
pub const PARALLEL_FROM: usize = 16_384;

pub(crate) fn two_cores() -> bool {
    static TWO: OnceLock<bool> = OnceLock::new();
    *TWO.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2))
}

/// Whether work over `len` items pays for a second thread: enough of them, and a second
/// core. The helpers below and every rayon pass in the engine ask this.
pub fn pays(len: usize) -> bool {
    len >= PARALLEL_FROM && two_cores()
}

/// `work` over `0..len`, in two halves on two threads when `len` is large and there are
/// two cores, the results in order.
pub fn in_halves<T: Send>(len: usize, work: impl Fn(Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    if !pays(len) {
        return work(0..len);
    }
    let mid = len / 2;
    std::thread::scope(|s| {
        let second = s.spawn(|| work(mid..len));
        let mut out = work(0..mid);
        match second.join() {
            Ok(rest) => out.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    })
}

/// `first` and `second`, at once on two threads when together they cover `len` items, a
/// large number, and there are two cores; else one after the other.
pub fn join<A: Send, B: Send>(
    len: usize,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !pays(len) {
        return (first(), second());
    }
    std::thread::scope(|s| {
        let other = s.spawn(second);
        let a = first();
        match other.join() {
            Ok(b) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// `work` on `items` in place, in two halves on two threads under the same conditions.
pub fn in_halves_mut<T: Send>(items: &mut [T], work: impl Fn(&mut [T]) + Sync) {
    if !pays(items.len()) {
        work(items);
        return;
    }
    let (a, b) = items.split_at_mut(items.len() / 2);
    std::thread::scope(|s| {
        s.spawn(|| work(b));
        work(a);
    });
}
