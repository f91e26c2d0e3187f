//! Wire types: the JSON documents selfcheck reads and writes, versioned and kept
//! apart from the domain types so that the format changes only on purpose.
//!
//! # Wire format
//!
//! All documents are UTF-8 JSON objects. Unknown fields and duplicate keys are
//! rejected, every number is an integer (no fractions, within ±2^53), and each
//! document names its format so that a file of the wrong kind is recognized.
//!
//! Limits, checked before anything is parsed: results 4 MiB, answers 2 MiB (drafts too),
//! catalogues 4 MiB, key files 16 KiB. Documents are nested at most 128 levels. A key file
//! may ask for at most 10,000,000 PBKDF2 iterations or 32 MiB of scrypt memory. Catalogue
//! points are 1 to 1000 per criterion and sub-item, and at most 1,000,000 in all.
//!
//! - Catalogue (`format: 1`): [`CatalogueDoc`]. Its JSON Schema is
//!   `core/catalogues/catalogue.schema.json`. The catalogue digest is the
//!   lowercase hex SHA-256 of the RFC 8785 canonical form of the file without its
//!   top-level `$schema` member.
//! - Answers (`format: "selfcheck-answers/1"`): [`AnswersDoc`]. The association
//!   profile, the catalogue it answers (id, version and optionally digest), and one
//!   entry per answered criterion. Entries: `value` is `"yes"`, `"partly"`, `"no"` or
//!   `"na"` (not applicable); a checklist is answered by `checked`, the ids of the
//!   sub-items met (or `value: "na"`); `note` and `evidence` are kept with the entry.
//!   An absent criterion, or an entry with neither `value` nor `checked`, is open.
//!   `title`, `allowed` and `items` are hints written by `selfcheck template` and
//!   ignored on input.
//! - Report (`format: "selfcheck-report/1"`): [`ReportDoc`]. What the core computed:
//!   points, per-mille score, grade, areas, vetoes, completeness and rectification.
//! - Result: [`ResultDoc`], a W3C Verifiable Credential 2.0 (`@context`
//!   `["https://www.w3.org/ns/credentials/v2"]`, `type` `["VerifiableCredential",
//!   "SelfDisciplineSelfAssessmentCredential"]`, `issuer` the association's `did:key`,
//!   `validFrom`) whose `credentialSubject` (`format: "selfcheck-result/1"`) holds the
//!   profile, the catalogue reference with digest, the answers and the report, secured by a
//!   `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022` as W3C vc-di-eddsa specifies:
//!   the signature is Ed25519 over SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document
//!   without proof)), written `z` + base58btc in `proofValue`. Its JSON Schema is
//!   `core/schemas/result.schema.json`.

mod answers;
mod catalogue;
mod report;
mod result;
mod unique_map;

pub use answers::*;
pub use catalogue::*;
pub use report::*;
pub use result::*;
pub use unique_map::UniqueMap;
