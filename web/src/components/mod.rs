//! The widget's components, from the root `App` down to one criterion.

pub mod app;
pub mod criterion;
pub mod results;
