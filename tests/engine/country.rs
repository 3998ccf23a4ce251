//! One country across every member list, on the embedded dataset: Germany's members per
//! network, the same answer for a code and a name, and a country no list has a member in.

use citynet::embedded::embedded;
use citynet_core::cities::Cities;
use citynet_core::country::in_country;
use citynet_core::data::countries;
use citynet_core::lookup::Lookup;
use citynet_core::roster::RosterIndex;

#[test]
fn germany_counts_per_network_sum_to_its_rows() {
    let d = embedded().expect("loads");
    let cities = Cities::build(&d);
    let de = in_country(&d, &cities, "DE", &[]);
    assert!(de.groups.len() >= 3, "several lists have German members");
    let mut rows = 0;
    for g in &de.groups {
        let r = d.networks[g.network].roster.as_ref().expect("a roster");
        let listed = r.members.iter().filter(|m| m.country == "DE").count();
        assert_eq!(g.rows.len(), listed, "{}", d.networks[g.network].id);
        rows += g.rows.len();
    }
    assert_eq!(de.total(), rows);
    assert!(de.cities < de.total(), "Berlin is in several lists");
    assert!(de.cities > 0);
    // The Covenant has by far the most German signatories: it comes first.
    assert_eq!(d.networks[de.groups[0].network].id, "covenant-of-mayors");
    let lists = d.networks.iter().filter(|n| n.roster.is_some()).count();
    assert_eq!(de.searched.len(), lists);
}

#[test]
fn figures_are_the_member_tables() {
    let d = embedded().expect("loads");
    let cities = Cities::build(&d);
    let de = in_country(&d, &cities, "DE", &[]);
    for g in &de.groups {
        let r = d.networks[g.network].roster.as_ref().expect("a roster");
        let index = RosterIndex::new(r);
        for row in &g.rows {
            let i = row.member as usize;
            assert_eq!(row.population, index.population(i), "{}", row.entry.name);
            assert_eq!(row.stated, index.stated(i), "{}", row.entry.name);
            assert_eq!(row.tier_id(), r.tiers[index.tier_of(i)].id);
        }
    }
}

#[test]
fn a_code_and_names_give_the_same_answer() {
    let d = embedded().expect("loads");
    let cities = Cities::build(&d);
    let by_code = in_country(&d, &cities, "DE", &[]);
    for typed in ["germany", "Deutschland", "de", "DEU"] {
        let code = countries::lookup(typed).found().expect(typed);
        assert_eq!(in_country(&d, &cities, code, &[]), by_code, "{typed}");
    }
    assert_eq!(
        countries::lookup("germny"),
        Lookup::Unknown(vec!["DE"]),
        "a typo suggests, never answers"
    );
}

#[test]
fn a_country_no_list_has_a_member_in_is_empty() {
    let d = embedded().expect("loads");
    let cities = Cities::build(&d);
    let aq = in_country(&d, &cities, "AQ", &[]);
    assert!(aq.is_empty());
    assert_eq!((aq.total(), aq.cities), (0, 0));
    assert_eq!(aq.country_name(), "Antarctica");
}
