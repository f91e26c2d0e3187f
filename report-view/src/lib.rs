//! selfcheck-report-view: the report view — score, grade, vetoes, the areas as a chart with its
//! table, and the rectification list — that the association's widget and the bureau's desk both
//! show, so that an association and the bureau look at one and the same rendering of the core's
//! report.

mod view;
mod words;

use std::rc::Rc;

pub use view::{AreaChart, ReportView, ReportViewProps};
pub use words::Words;

/// Shared data compared by identity: a new value is a new `Rc`, so comparing pointers is
/// exact and keeps re-rendering cheap.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
