//! selfcheck-core: the criteria of the Guangdong industry self-discipline and integrity
//! campaign (广东省民政厅, 2013), the answers of an association, and the scoring.
//!
//! The core does no IO: no files, DOM, storage, clock or randomness. Hosts (the
//! `selfcheck` CLI, the web widget) read files and pass strings in; what needs the time or
//! random bytes takes them as arguments.
//!
//! ```
//! use selfcheck_core::{Answers, Catalogue, Report};
//!
//! let catalogue = Catalogue::builtin();
//! let answers = Answers::blank(&catalogue);
//! let report = Report::compute(&catalogue, &answers);
//! assert_eq!(report.total, 0);
//! assert_eq!(report.open.len(), catalogue.criteria().len());
//! ```
#![deny(missing_docs)]

pub mod answers;
pub mod bureau;
pub mod canonical;
pub mod catalogue;
pub mod compare;
pub mod credential;
pub mod credit_code;
pub mod error;
pub mod json;
pub mod keys;
pub mod messages;
pub mod migrate;
pub mod register;
pub mod report;
pub mod text;
pub mod time;
pub mod wire;

pub use answers::{Answers, Entry, Evidence, Profile, ProfileBuilder, Response};
pub use catalogue::{Area, Catalogue, Clause, Criterion, Grade, Item, Kind};
pub use credential::{ResultClaims, ResultWarning, SignedResult, VerifiedResult, sign_result, verify_result};
pub use credit_code::{CreditCode, CreditCodeError, CreditCodeWarning};
pub use error::{Document, Error, ErrorClass, Problem, ProblemKind};
pub use keys::{AssociationKey, PublicKey};
pub use register::{KeyRegister, KeyStatus};
pub use report::{AreaScore, Outcome, Rectification, Report};
pub use text::{Lang, Text};
pub use time::{BeijingTime, Timestamp};

/// The largest integer a JSON number can hold exactly in JavaScript: 2^53 − 1.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
