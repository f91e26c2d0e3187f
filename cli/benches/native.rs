//! Native benchmarks for `cargo xtask bench`: scoring, canonicalization, signing, verification
//! and key unlocking (criterion), then `selfcheck summary` over 10,000 signed results (the
//! generated set: associations × 6 months, with its register and expected list, CSV and XLSX
//! written) against bare `verify_strict` over the same signatures, in the same run.

#![allow(clippy::float_arithmetic, reason = "timings are reported in milliseconds; nothing here is signed")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use ed25519_dalek::{Signature, VerifyingKey};
use selfcheck_core::canonical::canonicalize;
use selfcheck_core::credential::hash_data;
use selfcheck_core::json::{self, Json};
use selfcheck_core::{Answers, AssociationKey, Catalogue, PublicKey, Report, Timestamp, sign_result, verify_result};
use selfcheck_tests::bureau_set::{Spec, generate};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(path)
}

fn test_key() -> AssociationKey {
    AssociationKey::from_seed(std::array::from_fn(|index| index as u8 + 1))
}

fn micro(criterion: &mut Criterion, catalogue: &Catalogue, answers: &Answers) {
    let key = test_key();
    let issued = Timestamp::from_unix_seconds(1_793_000_000);
    let result = sign_result(catalogue, answers, &key, &issued, [7; 16]).unwrap();
    let value = json::parse(&result).unwrap();
    let now = Timestamp::from_unix_seconds(1_793_000_000);
    let pem = key.to_encrypted_pem("benchmark passphrase", [1; 16], [2; 16], 600_000).unwrap();
    criterion.bench_function("score", |bench| bench.iter(|| Report::compute(catalogue, answers)));
    criterion.bench_function("canonicalize", |bench| bench.iter(|| canonicalize(&value)));
    criterion.bench_function("sign", |bench| {
        bench.iter(|| sign_result(catalogue, answers, &key, &issued, [7; 16]).unwrap())
    });
    criterion.bench_function("verify", |bench| bench.iter(|| verify_result(&result, &[catalogue], &now).unwrap()));
    let mut slow = criterion.benchmark_group("slow");
    slow.sample_size(10);
    slow.bench_function("unlock_key", |bench| {
        bench.iter(|| AssociationKey::from_encrypted_pem(&pem, "benchmark passphrase").unwrap())
    });
    slow.finish();
}

/// Writes the generated set of about `count` results (every association × 6 months, each with
/// its own key) into `dir`: `results/`, `register.txt`, `expected.csv`.
fn write_results(dir: &Path, count: usize) -> Vec<String> {
    let spec = Spec { associations: count.div_ceil(6), months: 6, cases: false };
    let set = generate(spec);
    set.write(dir).unwrap();
    set.files.into_iter().map(|file| String::from_utf8(file.bytes).unwrap()).collect()
}

/// The signed data and signature of a result, as a bare verifier would get them.
fn signed_parts(result: &str) -> ([u8; 64], Signature, VerifyingKey) {
    let Json::Object(mut document) = json::parse(result).unwrap() else { panic!("not an object") };
    let issuer = document.get("issuer").and_then(Json::as_str).unwrap();
    let key = VerifyingKey::from_bytes(PublicKey::from_did(issuer).unwrap().bytes()).unwrap();
    let Some(Json::Object(mut proof)) = document.remove("proof") else { panic!("no proof") };
    let proof_value = proof.remove("proofValue").unwrap();
    let signature = bs58::decode(&proof_value.as_str().unwrap()[1..]).into_vec().unwrap();
    (hash_data(&Json::Object(proof), &Json::Object(document)), Signature::from_slice(&signature).unwrap(), key)
}

fn median_of(runs: usize, mut measure: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| measure()).collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let catalogue = Catalogue::builtin();
    let answers =
        Answers::from_json(catalogue, &std::fs::read_to_string(data("golden/answers-complete.json")).unwrap()).unwrap();
    let mut criterion = Criterion::default().configure_from_args().measurement_time(Duration::from_secs(3));
    micro(&mut criterion, catalogue, &answers);

    let count: usize = std::env::var("SUMMARY_RESULTS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-bench");
    let _ = std::fs::remove_dir_all(&dir);
    let results = write_results(&dir, count);
    let count = results.len();
    let parts: Vec<([u8; 64], Signature, VerifyingKey)> = results.iter().map(|result| signed_parts(result)).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let bare = median_of(3, || {
        let started = Instant::now();
        std::thread::scope(|scope| {
            for chunk in parts.chunks(parts.len().div_ceil(workers)) {
                scope.spawn(move || {
                    for (data, signature, public) in chunk {
                        public.verify_strict(data, signature).unwrap();
                    }
                });
            }
        });
        started.elapsed()
    });
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let summary = median_of(3, || {
        let started = Instant::now();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .args(["summary", &path("results"), "--trusted-keys", &path("register.txt")])
            .args([
                "--expected",
                &path("expected.csv"),
                "--deadline",
                "10",
                "--csv",
                "/dev/null",
                "--xlsx",
                "/dev/null",
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        started.elapsed()
    });
    let report = serde_json::json!({
        "results": count,
        "workers": workers,
        "bare_verify_strict_ms": bare.as_secs_f64() * 1e3,
        "summary_ms": summary.as_secs_f64() * 1e3,
        "ratio": summary.as_secs_f64() / bare.as_secs_f64(),
    });
    println!("summary-vs-bare: {report}");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summary-bench.json");
    std::fs::write(out, report.to_string()).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
