//! The network list's orders: by the name shown, by size, by founding year, and each
//! reversed, with networks the order has no value for last either way.

use citynet_core::networks::{NetworkOrder, listed_name, size_of, sort_networks};
use citynet_core::search::fold_into;

fn data() -> citynet_core::data::Dataset {
    citynet::embedded::embedded().expect("embedded dataset loads")
}

fn sorted(data: &citynet_core::data::Dataset, order: NetworkOrder, reverse: bool) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..data.networks.len()).collect();
    sort_networks(data, &mut rows, order, reverse);
    rows
}

fn folded(s: &str) -> String {
    let mut k = String::new();
    fold_into(&mut k, s);
    k
}

#[test]
fn every_order_is_a_permutation() {
    let data = data();
    for order in NetworkOrder::ALL {
        for reverse in [false, true] {
            let mut rows = sorted(&data, order, reverse);
            rows.sort_unstable();
            assert_eq!(rows, (0..data.networks.len()).collect::<Vec<_>>());
        }
    }
}

#[test]
fn by_name_is_the_listed_name_a_to_z_accents_aside_and_reversed_z_to_a() {
    let data = data();
    let names: Vec<String> = sorted(&data, NetworkOrder::Name, false)
        .into_iter()
        .map(|i| folded(listed_name(&data.networks[i])))
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    // Not the dataset's order, which is the directory's by full name ("AIMF" is
    // "International Association of Francophone Mayors" there).
    let dataset: Vec<String> = data
        .networks
        .iter()
        .map(|n| folded(listed_name(n)))
        .collect();
    assert_ne!(names, dataset);
    let mut back = sorted(&data, NetworkOrder::Name, true);
    back.reverse();
    assert_eq!(back, sorted(&data, NetworkOrder::Name, false));
}

#[test]
fn by_size_is_largest_first_and_those_without_a_size_last() {
    let data = data();
    for reverse in [false, true] {
        let sizes: Vec<Option<u64>> = sorted(&data, NetworkOrder::Size, reverse)
            .into_iter()
            .map(|i| size_of(&data.networks[i]))
            .collect();
        let known: Vec<u64> = sizes.iter().map_while(|s| *s).collect();
        assert!(known.len() > 10, "most networks state a size: {sizes:?}");
        assert!(
            sizes[known.len()..].iter().all(Option::is_none),
            "the unknown last: {sizes:?}"
        );
        let ordered = if reverse {
            known.windows(2).all(|w| w[0] <= w[1])
        } else {
            known.windows(2).all(|w| w[0] >= w[1])
        };
        assert!(ordered, "reverse {reverse}: {known:?}");
    }
    // "hundreds of" counts as 100, a list without a figure as its length.
    let energy = data
        .networks
        .iter()
        .find(|n| n.id == "energy-cities")
        .expect("Energy Cities");
    assert_eq!(size_of(energy), Some(100));
}

#[test]
fn by_founding_year_is_oldest_first() {
    let data = data();
    let years: Vec<Option<u16>> = sorted(&data, NetworkOrder::Founded, false)
        .into_iter()
        .map(|i| data.networks[i].first_founded())
        .collect();
    let known: Vec<u16> = years.iter().map_while(|y| *y).collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
    assert!(years[known.len()..].iter().all(Option::is_none));
    assert_eq!(
        NetworkOrder::parse(" Founded "),
        Some(NetworkOrder::Founded)
    );
    assert_eq!(NetworkOrder::parse("age"), None);
}
