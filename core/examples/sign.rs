//! Builds answers in code, checks the profile, and signs a result with a key file.
//!
//! `cargo run -p selfcheck-core --example sign -- KEY.pem PASSPHRASE > result.json`
//! (without arguments, a throw-away key from a fixed seed, for trying it out).

use std::time::{SystemTime, UNIX_EPOCH};

use selfcheck_core::{Answers, AssociationKey, Catalogue, ProfileBuilder, Response, Timestamp, sign_result};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalogue = Catalogue::builtin();
    let profile = ProfileBuilder::new("广东省某某行业协会", "514400005000031282")
        .period("2026-11-01", "2026-11-30")
        .contact("张三", "020-12345678", "zhangsan@example.org.cn")
        .build()?;
    let mut answers = Answers::blank(catalogue).with_profile(profile);
    for criterion in catalogue.criteria() {
        let response = if criterion.items().is_empty() {
            Response::Yes
        } else {
            // Every sub-item met, named by id.
            let ids: Vec<&str> = criterion.items().iter().map(|item| item.id.as_str()).collect();
            Response::checklist(criterion, &ids)?
        };
        answers.set(catalogue, &criterion.id, response)?;
    }

    let mut args = std::env::args().skip(1);
    let key = match (args.next(), args.next()) {
        (Some(path), Some(passphrase)) => {
            AssociationKey::from_encrypted_pem(&std::fs::read_to_string(path)?, &passphrase)?
        }
        _ => AssociationKey::from_seed([7; 32]),
    };
    eprintln!("key fingerprint (to register with the bureau): {}", key.public().fingerprint());

    // The core takes the time and the randomness from its host.
    let now = Timestamp::from_unix_seconds(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs());
    println!("{}", sign_result(catalogue, &answers, &key, &now, unique_id())?);
    Ok(())
}

/// 16 bytes for the result's `urn:uuid:` id, which must be unique, not secret: the standard
/// library's per-process random hash keys are enough here. (A real host uses its system's
/// random source, e.g. the `getrandom` crate, as the CLI does.)
fn unique_id() -> [u8; 16] {
    use std::hash::{BuildHasher, RandomState};
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&RandomState::new().hash_one(1u8).to_le_bytes());
    id[8..].copy_from_slice(&RandomState::new().hash_one(2u8).to_le_bytes());
    id
}
