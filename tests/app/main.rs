//! The app driven through `update` and drawn on a `TestBackend`: state, features, the pivot, render snapshots and random use.
//!
//! One test binary per area: each links the crate once, which keeps `cargo test` quick.

mod columns;
mod country;
mod features;
mod keys;
mod lookups;
mod mine;
mod pivot;
mod props;
mod render;
mod robust;
mod support;
mod tui_state;
mod views;
mod views_finish;
