//! selfcheck-core: the criteria of the Guangdong industry self-discipline and integrity
//! campaign (广东省民政厅, 2013), the answers of an association, the scoring, signed results
//! (W3C Verifiable Credentials, `eddsa-jcs-2022`) and the bureau's checks of them.
//!
//! The core does no IO: no files, DOM, storage, clock or randomness. Hosts (the `selfcheck`
//! CLI, the web widget, the review desk, the bindings) read files and pass strings or bytes in;
//! what needs the time or random bytes takes them as arguments.
//!
//! # Score answers
//!
//! Answers are read from their JSON file (`selfcheck-answers/1`) or built in code, always
//! checked against a [`Catalogue`]; the [`Report`] speaks in the catalogue's own items.
//!
//! ```
//! use selfcheck_core::{Answers, Catalogue, Report};
//!
//! let catalogue = Catalogue::builtin();
//! let json = include_str!("../../tests/data/golden/answers-complete.json");
//! let answers = Answers::from_json(catalogue, json).unwrap();
//! let report = Report::compute(catalogue, &answers)?;
//! let headline = format!("折合千分制 {} · 自评等级 {}", report.score(), report.grade().label.zh);
//! assert_eq!(headline, "折合千分制 746 · 自评等级 合格");
//! let areas: Vec<String> = report
//!     .areas()
//!     .map(|area| format!("{} {}: {} / {}", area.area.id, area.area.title.zh, area.points, area.maximum))
//!     .collect();
//! assert_eq!(areas[0], "A 健全自律规约: 155 / 220");
//! let to_fix: Vec<String> = report
//!     .rectification_entries(&answers)?
//!     .iter()
//!     .map(|entry| format!("{} 扣 {} 分", entry.criterion.id, entry.lost))
//!     .collect();
//! assert_eq!(to_fix[0], "B2 扣 48 分");
//! # Ok::<(), selfcheck_core::Error>(())
//! ```
//!
//! # Build answers in code and sign them
//!
//! ```
//! use selfcheck_core::{Answers, AssociationKey, Catalogue, ProfileBuilder, Response, Timestamp, sign_result};
//!
//! let catalogue = Catalogue::builtin();
//! let profile = ProfileBuilder::new("广东省某某行业协会", "514400005000031282")
//!     .period("2026-11-01", "2026-11-30")
//!     .build()?; // every field checked here: a wrong date or credit code never reaches signing
//! let mut answers = Answers::blank(catalogue).with_profile(profile);
//! answers.set(catalogue, "A1", Response::Yes)?;
//! answers.set(catalogue, "B1", Response::checklist(catalogue.criterion("B1").unwrap(), &["B1.1"])?)?;
//!
//! // The host supplies the key (here from a fixed seed), the time and 16 random bytes.
//! let key = AssociationKey::from_seed([7; 32]);
//! let now = Timestamp::parse("2026-12-01T09:30:00Z")?;
//! let result_json = sign_result(catalogue, &answers, &key, &now, [42; 16])?;
//! assert!(result_json.contains("eddsa-jcs-2022"));
//! # Ok::<(), selfcheck_core::Error>(())
//! ```
//!
//! # Verify a result, and who signed it
//!
//! [`verify_result`] proves that the result is intact and was signed by the key named in it;
//! only the bureau's [`KeyRegister`] says whether that key is the association's.
//!
//! ```
//! use selfcheck_core::{Catalogue, KeyRegister, KeyStatus, Timestamp, verify_result};
//!
//! let json = include_str!("../../tests/data/golden/result-complete.json");
//! let now = Timestamp::parse("2026-12-01T00:00:00Z")?;
//! let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
//! let verified = verify_result(json, &catalogues, &now)?;
//! let register = KeyRegister::parse("514400005000031282 65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0\n")?;
//! assert_eq!(register.status(&verified), KeyStatus::Registered);
//! assert_eq!((verified.answers.profile().name(), verified.report.grade().label.zh.as_str()), ("广东省示例行业协会", "合格"));
//! # Ok::<(), selfcheck_core::Error>(())
//! ```
//!
//! # Aggregate what the bureau received
//!
//! The `selfcheck-bureau` crate, over this one, gives each file a verdict (format → signature →
//! key register → catalogue → period) and computes the matrix of associations × months, the
//! ranking, the province's figures and the anomalies; see its front page for an example.
//!
//! # Errors
//!
//! One [`Error`] type; [`Error::message`] words it in Chinese or English, [`Error::code`] is a
//! stable code (the same the CLI's and the bindings' JSON carry), [`Error::class`] sorts it
//! (not a result, invalid, malformed) and [`Error::problems`] lists the fields at fault.
//!
//! # Features
//!
//! - `key-files` (on by default): reading and writing encrypted key files (PBKDF2 or scrypt,
//!   AES-CBC: [`AssociationKey::from_encrypted_pem`], [`AssociationKey::to_encrypted_pem`]). A
//!   verifier that never opens a key file turns it off (`default-features = false`) and still
//!   scores, verifies and signs with a key it holds; the browser widget turns it off and lets
//!   WebCrypto do the encryption, with the same file format ([`keys`]).
//! - `fast`: precomputed Ed25519 tables (ed25519-dalek's `fast`): signing and verifying several
//!   times faster, for about 30 KB more code. The CLI turns it on; the widget does not.
//!
//! # Build settings for a dependent crate
//!
//! Key-file encryption (600,000 PBKDF2 rounds), Ed25519 and SM2 are very slow in an unoptimized
//! build (seconds per key file). Copy these lines into your workspace's `Cargo.toml` so that
//! your debug builds optimize just them:
//!
//! ```toml
//! [profile.dev.package.sha2]
//! opt-level = 3
//! [profile.dev.package.pbkdf2]
//! opt-level = 3
//! [profile.dev.package.hmac]
//! opt-level = 3
//! [profile.dev.package.aes]
//! opt-level = 3
//! [profile.dev.package.curve25519-dalek]
//! opt-level = 3
//! [profile.dev.package.ed25519-dalek]
//! opt-level = 3
//! [profile.dev.package.sm2]
//! opt-level = 3
//! [profile.dev.package.sm3]
//! opt-level = 3
//! [profile.dev.package.primeorder]
//! opt-level = 3
//! [profile.dev.package.crypto-bigint]
//! opt-level = 3
//! ```
//!
//! [`Catalogue::builtin`] and [`Catalogue::builtins`] parse and check the built-in catalogues
//! once, on first use, and share them afterwards.
//!
//! More complete programs are in `core/examples/`: scoring a file, signing, verifying a folder
//! against a register, and aggregating.
#![deny(missing_docs)]

pub mod answers;
pub mod canonical;
pub mod catalogue;
pub mod compare;
pub mod credential;
pub mod credit_code;
mod did_key;
pub mod error;
pub mod evidence;
pub mod guomi;
pub mod json;
pub mod keys;
pub mod messages;
pub mod migrate;
pub mod monthly;
pub mod notice;
pub mod register;
pub mod report;
pub mod text;
pub mod time;
pub mod wire;

pub use answers::{Answers, Entry, Evidence, ItemsMet, Profile, ProfileBuilder, Response};
pub use catalogue::{Area, Catalogue, Clause, Criterion, Grade, GradeId, Item, Kind};
pub use credential::{ResultClaims, ResultWarning, SignedResult, VerifiedResult, sign_result, verify_result};
pub use credit_code::{CreditCode, CreditCodeError, CreditCodeWarning};
pub use error::{Document, Error, ErrorClass, Problem, ProblemKind};
pub use keys::{AssociationKey, PublicKey};
pub use monthly::{ItemReply, MonthlyReport, NoticeReply, ReportedProblem};
pub use register::{KeyRegister, KeyStatus};
pub use report::{AreaScore, Outcome, Rectification, Report, Standing};
pub use text::{Lang, Text};
pub use time::{BeijingTime, Date, Timestamp};

/// The largest integer a JSON number can hold exactly in JavaScript: 2^53 − 1.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
