//! The city pivot: one city across rosters, its card, and comparisons.

use citynet::app::{Action, App, Focus, Right, update};
use citynet::embedded::embedded;
use citynet::theme::Theme;
use citynet::ui;
use citynet_core::cities::{Cities, Comparison};
use ratatui::layout::Rect;

fn data_and_cities() -> (citynet_core::data::Dataset, Cities) {
    let d = embedded().expect("embedded dataset loads");
    let c = Cities::build(&d);
    (d, c)
}

fn net(d: &citynet_core::data::Dataset, id: &str) -> usize {
    d.networks.iter().position(|n| n.id == id).expect(id)
}

fn names(c: &Cities, ids: &[usize]) -> Vec<String> {
    ids.iter().map(|&i| c.cities[i].name.to_string()).collect()
}

#[test]
fn c40_and_eurocities_share_sixteen_cities() {
    let (d, c) = data_and_cities();
    let both = c.select(&[net(&d, "c40"), net(&d, "eurocities")], &[]);
    assert_eq!(
        names(&c, &both),
        [
            "Amsterdam",
            "Athens",
            "Barcelona",
            "Berlin",
            "Copenhagen",
            "Istanbul",
            "Lisbon",
            "London",
            "Madrid",
            "Milan",
            "Oslo",
            "Paris",
            "Rome",
            "Rotterdam",
            "Stockholm",
            "Warsaw"
        ]
    );
}

#[test]
fn same_name_in_another_country_is_another_city() {
    let (d, c) = data_and_cities();
    let citynet_core::lookup::Lookup::Ambiguous(londons) = c.lookup("london", &[]) else {
        panic!("two Londons must ask");
    };
    let mut found: Vec<(String, Vec<String>)> = londons
        .iter()
        .map(|&i| {
            let city = &c.cities[i];
            let nets = city
                .networks()
                .iter()
                .map(|&n| d.networks[n].id.clone())
                .collect();
            (city.country.clone(), nets)
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("CA".to_string(), vec!["uccn".to_string()]),
            (
                "GB".to_string(),
                [
                    "c40",
                    "ccdr",
                    "covenant-of-mayors",
                    "eurocities",
                    "healthy-cities-partnership"
                ]
                .map(String::from)
                .to_vec()
            ),
        ]
    );
    let citynet_core::lookup::Lookup::Ambiguous(granadas) = c.lookup("granada", &[]) else {
        panic!("two Granadas must ask");
    };
    let granadas: Vec<String> = granadas
        .iter()
        .map(|&i| c.cities[i].country.clone())
        .collect();
    assert_eq!(granadas.len(), 2);
    assert!(granadas.contains(&"ES".to_string()) && granadas.contains(&"NI".to_string()));
}

#[test]
fn regions_stay_their_own_entities() {
    let (d, c) = data_and_cities();
    let euro = net(&d, "eurocities");
    let r = d.networks[euro].roster.as_ref().expect("roster");
    let seat = |name: &str| citynet_core::cities::Seat {
        network: euro,
        member: r.members.iter().position(|m| m.name == name).expect(name) as u32,
    };
    let brussels = c.of(seat("Brussels")).expect("city");
    let region = c.of(seat("Brussels Capital Region")).expect("city");
    assert_ne!(brussels, region);
    assert_eq!(c.cities[region].seats.len(), 1);
}

#[test]
fn every_roster_row_belongs_to_exactly_one_city() {
    let (d, c) = data_and_cities();
    let rows: usize = d
        .networks
        .iter()
        .filter_map(|n| n.roster.as_ref())
        .map(|r| r.members.len())
        .sum();
    let seats: usize = c.cities.iter().map(|x| x.seats.len()).sum();
    assert_eq!(rows, seats);
    // Eurocities, C40, UCCN, Covenant of Mayors, Partnership for Healthy Cities, Peace in
    // Our Cities, Cities Coalition for Digital Rights.
    assert_eq!(rows, 202 + 97 + 382 + 11_972 + 73 + 20 + 26);
}

#[test]
fn a_comparison_partitions_the_cities() {
    let (d, c) = data_and_cities();
    let nets = [net(&d, "c40"), net(&d, "eurocities"), net(&d, "uccn")];
    let cmp = Comparison::new(&c, &nets);
    assert!(names(&c, &cmp.all).contains(&"Milan".to_string()));
    let in_any = c
        .cities
        .iter()
        .filter(|x| nets.iter().any(|&n| x.is_in(n)))
        .count();
    let parts = cmp.all.len() + cmp.some.len() + cmp.only.iter().map(Vec::len).sum::<usize>();
    assert_eq!(parts, in_any, "every city is in exactly one part");
    // Two networks: all = the intersection, only = the differences.
    let two = Comparison::new(&c, &nets[..2]);
    assert_eq!(two.all.len(), 16);
    assert!(two.some.is_empty());
    assert_eq!(two.only[0].len(), c.select(&[nets[0]], &[nets[1]]).len());
}

/// Every way of choosing one to three of `nets`, in every order.
fn choices(nets: &[usize]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for &a in nets {
        out.push(vec![a]);
        for &b in nets.iter().filter(|&&b| b != a) {
            out.push(vec![a, b]);
            for &c in nets.iter().filter(|&&c| c != a && c != b) {
                out.push(vec![a, b, c]);
            }
        }
    }
    out
}

#[test]
fn the_fast_comparison_is_the_city_by_city_one() {
    let (d, c) = data_and_cities();
    let nets = [net(&d, "c40"), net(&d, "eurocities"), net(&d, "uccn")];
    let generated = citynet_testdata::pivot_dataset(6_000, 3, 7);
    let g = Cities::build(&generated);
    assert!(
        !Comparison::new(&g, &[0, 1]).all.is_empty(),
        "the generated rosters overlap"
    );
    for (cities, nets) in [(&c, nets.to_vec()), (&g, vec![0, 1, 2])] {
        for chosen in choices(&nets) {
            let fast = Comparison::new(cities, &chosen);
            assert_eq!(fast, Comparison::walking(cities, &chosen), "{chosen:?}");
        }
    }
    // The same network twice is not a comparison the fast way can make; the slow way
    // answers it.
    let twice = [nets[0], nets[0]];
    assert_eq!(Comparison::new(&c, &twice), Comparison::walking(&c, &twice));
}

fn app() -> App {
    App::new(
        embedded().expect("loads"),
        Theme::mono(),
        Rect::new(0, 0, 120, 40),
    )
}

fn type_text(a: &mut App, s: &str) {
    for ch in s.chars() {
        update(a, Action::Input(ch));
    }
}

#[test]
fn enter_on_a_member_opens_its_card_and_enter_there_jumps_to_another_roster() {
    let mut a = app();
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "eurocities");
    update(&mut a, Action::AcceptInput);
    update(&mut a, Action::Open);
    update(&mut a, Action::StartFilter);
    type_text(&mut a, "milan");
    update(&mut a, Action::AcceptInput);
    update(&mut a, Action::Open);
    let card = a.card().expect("card open");
    let city = &a.cities().cities[card.city];
    assert_eq!(city.name, "Milan");
    // C40, CC4DR, the Covenant ("Milano"), Eurocities, the Partnership, UCCN.
    assert_eq!(city.networks().len(), 6);
    let s = ui::status_text(&a);
    assert!(!s.is_empty());
    // The cursor starts on Eurocities (where we came from); move to UCCN and go.
    let uccn = net(&a.data, "uccn");
    while a.cities().cities[card.city].seats[a.card().expect("open").selected].network != uccn {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::Open);
    assert!(a.card().is_none());
    let (t, n, r, _) = a.open_roster().expect("roster");
    assert_eq!(n.id, "uccn");
    let member = t.search.member(t.selected).expect("a row");
    assert_eq!(r.members[member as usize].name, "Milan");
    assert_eq!(a.focus, Focus::Members);
}

#[test]
fn jumping_to_a_city_in_several_rosters_opens_its_card() {
    let mut a = app();
    update(&mut a, Action::OpenJump);
    type_text(&mut a, "barcelona");
    update(&mut a, Action::AcceptInput);
    let card = a.card().expect("card");
    assert_eq!(a.cities().cities[card.city].name, "Barcelona");
}

#[test]
fn marking_networks_and_comparing() {
    let mut a = app();
    update(&mut a, Action::Compare);
    assert!(ui::status_text(&a).contains("Mark two or more"));
    for id in ["c40", "eurocities"] {
        update(&mut a, Action::First);
        while a.data.networks[a.selected_network().expect("sel")].id != id {
            update(&mut a, Action::Down);
        }
        update(&mut a, Action::Mark);
    }
    update(&mut a, Action::Compare);
    assert_eq!(a.right, Right::Compare);
    let lines: Vec<String> = ui::compare::lines(&a)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(lines[1], "in all: 16", "{lines:?}");
    assert!(lines.iter().any(|l| l == "only in C40: 81"), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("In all of C40 and Eurocities (16)"))
    );
    assert!(lines.iter().any(|l| l.trim_start().starts_with("Milan")));
    // y copies the comparison shown, not the selected network.
    update(&mut a, Action::CopySelection);
    let copied = a.clipboard.take().expect("copied").text;
    assert!(
        copied.starts_with("Comparing C40, Eurocities\nin all: 16\n"),
        "{copied}"
    );
    assert!(copied.contains("\n  Milan, Italy (IT)\n"), "{copied}");
    assert_eq!(copied.lines().count(), lines.len());
    // A network without a roster cannot be marked.
    update(&mut a, Action::Back);
    update(&mut a, Action::First);
    while a.data.networks[a.selected_network().expect("sel")].id != "iclei" {
        update(&mut a, Action::Down);
    }
    update(&mut a, Action::Mark);
    assert_eq!(a.compare.len(), 2);
    assert!(ui::status_text(&a).contains("no member list"));
}
