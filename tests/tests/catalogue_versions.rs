//! Every shipped version of the built-in catalogue stays built in, unchanged, and results
//! signed under it still verify: the invariant that a signed result is verifiable forever.

use std::path::{Path, PathBuf};

use selfcheck_core::catalogue::BUILTIN_VERSIONS;
use selfcheck_core::{Catalogue, verify_result};
use selfcheck_tests::now;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path)
}

#[test]
fn every_shipped_version_is_unchanged_since_it_was_published() {
    for builtin in BUILTIN_VERSIONS {
        let catalogue = Catalogue::from_json(&builtin.json()).unwrap();
        assert_eq!(catalogue.version(), builtin.version, "the file of {} names another version", builtin.version);
        assert_eq!(
            catalogue.digest(),
            builtin.digest,
            "catalogue {} was edited after it was published: make the change a new version instead",
            builtin.version
        );
    }
}

/// The program carries the versions in a prepared form (`core/build.rs`: the newest compact, each
/// earlier one as a patch of the next): what it rebuilds is each authored file's content.
#[test]
fn what_is_embedded_is_each_authored_file() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/catalogues");
    for builtin in BUILTIN_VERSIONS {
        let path = folder.join(format!("{}-{}.json", builtin.id, builtin.version));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let authored: serde_json::Value = serde_json::from_str(&text).unwrap();
        let embedded: serde_json::Value = serde_json::from_str(&builtin.json()).unwrap();
        assert_eq!(embedded, authored, "catalogue {} as embedded differs from {}", builtin.version, path.display());
        let from_file = Catalogue::from_json(&text).unwrap();
        assert_eq!(from_file.digest(), builtin.digest, "{}", path.display());
    }
}

#[test]
fn versions_are_listed_oldest_first_and_the_last_is_current() {
    let number = |version: &str| -> Vec<u32> { version.split('.').map(|part| part.parse().unwrap()).collect() };
    for pair in BUILTIN_VERSIONS.windows(2) {
        assert!(number(pair[0].version) < number(pair[1].version), "{} then {}", pair[0].version, pair[1].version);
    }
    let builtins = Catalogue::builtins();
    assert_eq!(builtins.len(), BUILTIN_VERSIONS.len());
    assert_eq!(Catalogue::builtin().version(), BUILTIN_VERSIONS.last().unwrap().version);
    for catalogue in builtins {
        assert_eq!(
            Catalogue::builtin_with_digest(catalogue.digest()).map(Catalogue::version),
            Some(catalogue.version())
        );
    }
}

#[test]
fn a_golden_result_of_every_version_still_verifies_against_the_builtins() {
    let all: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    for builtin in BUILTIN_VERSIONS {
        let path = data(&format!("golden/versions/{}/result-complete.json", builtin.version));
        let json = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!("keep a golden result of catalogue {}: {}: {error}", builtin.version, path.display())
        });
        let verified = verify_result(&json, &all, &now()).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(verified.catalogue.digest(), builtin.digest, "{}", path.display());
    }
}
