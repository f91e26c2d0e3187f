//! The second signature in China's national algorithms (issue 27): a key with an SM2 part is one
//! key file of two blocks that OpenSSL reads, its fingerprint covers both parts, and a key made
//! before (Ed25519 only) opens as it did.

use selfcheck_core::guomi::Sm2Key;
use selfcheck_core::keys::{Fingerprint, KeyFileEncryption, KeyFileProblem, MIN_PBKDF2_ITERATIONS, sm2_iv};
use selfcheck_core::{AssociationKey, Error};
use selfcheck_tests::read;

const PASSPHRASE: &str = "selfcheck fuzzing passphrase";

fn both_parts() -> AssociationKey {
    AssociationKey::from_seed([0x27; 32]).with_sm2(Sm2Key::from_random([0x72; 32]).unwrap())
}

#[test]
fn a_key_with_an_sm2_part_is_one_file_of_two_blocks_that_opens_with_both() {
    let key = both_parts();
    let pem = key.to_encrypted_pem(PASSPHRASE, [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
    assert_eq!(pem.matches("-----BEGIN ENCRYPTED PRIVATE KEY-----").count(), 2);
    let opened = AssociationKey::from_encrypted_pem(&pem, PASSPHRASE).unwrap();
    assert_eq!(opened.public(), key.public());
    assert_eq!(opened.sm2(), key.sm2());
    assert!(matches!(AssociationKey::from_encrypted_pem(&pem, "wrong passphrase"), Err(Error::WrongPassphrase)));

    // One derivation opens both: the same salt and iterations, each block its own IV.
    let blocks = KeyFileEncryption::read_all(&pem).unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!((blocks[0].salt.clone(), blocks[0].iterations), (blocks[1].salt.clone(), blocks[1].iterations));
    assert_eq!(blocks[0].iv, [2; 16]);
    assert_eq!(blocks[1].iv, sm2_iv(&[2; 16]));
    assert_ne!(blocks[0].iv, blocks[1].iv);
    assert_eq!(KeyFileEncryption::read(&pem).unwrap(), blocks[0]);

    // A key made before has one block and opens as before.
    let old = AssociationKey::from_seed([0x27; 32]);
    let old_pem = old.to_encrypted_pem(PASSPHRASE, [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
    assert_eq!(old_pem, pem.split_inclusive("-----END ENCRYPTED PRIVATE KEY-----\n").next().unwrap());
    let opened = AssociationKey::from_encrypted_pem(&old_pem, PASSPHRASE).unwrap();
    assert!(opened.sm2().is_none());
    assert_eq!(KeyFileEncryption::read_all(&old_pem).unwrap().len(), 1);
}

#[test]
fn the_fingerprint_covers_both_parts_and_a_key_made_before_keeps_its_own() {
    let key = both_parts();
    let public = key.public();
    let ed25519_only = AssociationKey::from_seed([0x27; 32]).public();
    assert_eq!(public.did(), ed25519_only.did(), "one Ed25519 identity");
    assert_eq!(public.ed25519(), ed25519_only);
    assert_ne!(public.fingerprint(), ed25519_only.fingerprint());
    // The SM3 of both keys, as its documentation says.
    let mut both = public.bytes().to_vec();
    both.extend_from_slice(public.sm2().unwrap().compressed());
    let digest = selfcheck_core::canonical::hex(&selfcheck_core::guomi::sm3(&both)[..16]);
    assert_eq!(public.fingerprint().replace(' ', ""), digest.to_uppercase());
    let sm2_did = public.sm2().unwrap().did();
    assert_eq!(Fingerprint::of_dids(&public.did(), &sm2_did).unwrap(), public.fingerprint());
    assert!(Fingerprint::of_dids(&public.did(), &public.did()).is_err(), "an Ed25519 did:key is no SM2 part");
    // Another SM2 part, another fingerprint: a second proof by any other SM2 key shows.
    let other = AssociationKey::from_seed([0x27; 32]).with_sm2(Sm2Key::from_random([0x73; 32]).unwrap());
    assert_ne!(other.public().fingerprint(), public.fingerprint());
}

#[test]
fn an_sm2_key_openssl_made_is_read_as_the_second_block() {
    // OpenSSL 3's own SM2 key (tests/data/keys/README.md), after an Ed25519 key of OpenSSL's.
    let pem = format!("{}{}", read("keys/openssl-pbkdf2-1000.pem"), read("keys/openssl-sm2.pem"));
    let key = AssociationKey::from_encrypted_pem(&pem, PASSPHRASE).unwrap();
    assert!(key.sm2().is_some());
    let alone = AssociationKey::from_encrypted_pem(&read("keys/openssl-pbkdf2-1000.pem"), PASSPHRASE).unwrap();
    assert_eq!(key.public().ed25519(), alone.public());

    // Any other key after it is named; so is a third block.
    let p256 = format!("{}{}", read("keys/openssl-pbkdf2-1000.pem"), read("keys/openssl-p256.pem"));
    let Err(Error::KeyFile(KeyFileProblem::SecondBlock(kind))) = AssociationKey::from_encrypted_pem(&p256, PASSPHRASE)
    else {
        panic!("a P-256 key is no SM2 part")
    };
    assert!(format!("{kind:?}").contains("P-256"));
    let three = format!("{pem}{}", read("keys/openssl-sm2.pem"));
    assert_eq!(
        AssociationKey::from_encrypted_pem(&three, PASSPHRASE).unwrap_err(),
        Error::KeyFile(KeyFileProblem::SeveralBlocks)
    );
    assert_eq!(selfcheck_core::keys::check_key_file(&three), Err(Error::KeyFile(KeyFileProblem::SeveralBlocks)));
    // An SM2 key first is not the association's key.
    let reversed = format!("{}{}", read("keys/openssl-sm2.pem"), read("keys/openssl-pbkdf2-1000.pem"));
    assert!(matches!(
        AssociationKey::from_encrypted_pem(&reversed, PASSPHRASE),
        Err(Error::KeyFile(KeyFileProblem::NotEd25519(_)))
    ));
}

/// OpenSSL 3 reads the SM2 part it would write itself: the second block alone, with the
/// passphrase, gives the SM2 public key the core names. (Skipped where OpenSSL is not installed.)
#[test]
fn openssl_reads_the_sm2_part_of_a_key_file() {
    let Ok(version) = std::process::Command::new("openssl").arg("version").output() else { return };
    assert!(version.status.success());
    let key = both_parts();
    let pem = key.to_encrypted_pem(PASSPHRASE, [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
    let second = pem.split_inclusive("-----END ENCRYPTED PRIVATE KEY-----\n").nth(1).unwrap();
    let dir = std::env::temp_dir().join(format!("selfcheck-guomi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sm2.pem");
    std::fs::write(&path, second).unwrap();
    let output = std::process::Command::new("openssl")
        .args(["pkey", "-in"])
        .arg(&path)
        .args(["-passin", &format!("pass:{PASSPHRASE}"), "-pubout"])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), key.public().sm2().unwrap().to_pem());
}
