//! `citynet sources`: every source, with the facts it is credited for, so that a reader
//! can open a document and check that it says what the dataset says it does.

use citynet_core::data::Dataset;
use citynet_core::data::provenance::citations;

use super::Failure;
use super::output::{Cell, Column, Table};

/// One row a source: its id, title, publisher, dates, address, and the facts it supports.
pub fn sources(data: &Dataset) -> Result<Table, Failure> {
    let cited = citations(data);
    let rows = data
        .sources
        .iter()
        .map(|s| {
            let facts: Vec<String> = cited
                .iter()
                .filter(|c| c.source == s.id)
                .map(|c| format!("{} {}", c.network, c.fact))
                .collect();
            vec![
                Cell::Text(s.id.clone()),
                Cell::Text(s.title.clone()),
                Cell::Text(s.publisher.clone()),
                Cell::Text(s.published_or_undated().to_string()),
                Cell::opt_text(s.read_on.as_deref()),
                Cell::opt_text(s.url.as_deref()),
                Cell::Int(facts.len() as u64),
                Cell::List(facts),
            ]
        })
        .collect();
    Ok(Table {
        columns: vec![
            Column::new("id", "ID"),
            Column::new("title", "Title"),
            Column::new("publisher", "Publisher"),
            Column::new("published", "Published"),
            Column::new("read_on", "Read on"),
            Column::new("url", "URL"),
            Column::new("fact_count", "Facts"),
            Column::new("facts", "Supports"),
        ],
        rows,
    })
}

/// The sources as a reader checks them: one block a source, its citation on the first
/// line and each fact it supports indented below. A table with a column of a hundred
/// facts would be unreadable, and CSV, JSON and Markdown carry the same rows.
pub fn sources_text(data: &Dataset) -> Vec<u8> {
    let cited = citations(data);
    let mut out = String::new();
    for (i, s) in data.sources.iter().enumerate() {
        out.push_str(&crate::plain::safe(&format!(
            "{} ({})",
            crate::facts::source_line(i + 1, s),
            s.id
        )));
        out.push('\n');
        let mut any = false;
        for c in cited.iter().filter(|c| c.source == s.id) {
            any = true;
            out.push_str(&format!(
                "    {} {}\n",
                crate::plain::safe(&c.network),
                crate::plain::safe(&c.fact)
            ));
        }
        if !any {
            out.push_str("    (cited by no fact)\n");
        }
    }
    out.into_bytes()
}
