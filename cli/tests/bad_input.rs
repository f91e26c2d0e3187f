//! Bad files given to the `selfcheck` binary: answers, catalogues, results, key files, the key
//! register and passphrase files that are empty, cut short, not UTF-8, not JSON, too large,
//! too deep, duplicated, of the wrong numbers, types or fields, or simply wrong. Each gets a
//! specific plain message and exit code 1, never a panic (101); the exit codes are documented.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

const PASSPHRASE: &str = "selfcheck fuzzing passphrase";

/// Runs `selfcheck --lang en ARGS`: these tests read the English messages (`--lang zh` has its
/// own tests in `cli/tests/lang.rs`).
fn selfcheck(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(["--lang", "en"])
        .args(args)
        .env("SELFCHECK_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(101), "selfcheck panicked: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("selfcheck-bad-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }

    /// A file of `size` bytes that takes no room (sparse): for the limit checked before reading.
    fn sparse(&self, name: &str, size: u64) -> String {
        let path = self.0.join(name);
        std::fs::File::create(&path).unwrap().set_len(size).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Bad versions of a valid document: (name, contents, words the message must contain).
fn bad_versions(
    valid: &str,
    edits: Vec<(&'static str, String, &'static str)>,
) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut cases = vec![
        ("empty", Vec::new(), "it is empty"),
        ("cut short", valid.as_bytes()[..valid.len() / 2].to_vec(), "the file is cut short"),
        ("not UTF-8", b"{\"format\": \"caf\xe9\"}".to_vec(), "is not UTF-8 text (from byte 16)"),
        ("not JSON", b"{'format': 'selfcheck-answers/1'}".to_vec(), "it is not JSON"),
        ("a web page", b"<html><body>result</body></html>".to_vec(), "This is a web page, not a"),
        ("a key file", read("keys/openssl-pbkdf2-1000.pem").into_bytes(), "This is a key file, not a"),
        ("deep", "[".repeat(10_000).into_bytes(), "cannot be read"),
    ];
    cases.extend(edits.into_iter().map(|(name, contents, words)| (name, contents.into_bytes(), words)));
    cases
}

fn edit(valid: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(valid).unwrap();
    change(&mut value);
    value.to_string()
}

#[test]
fn bad_answers_files_get_plain_messages() {
    let dir = Scratch::new("answers");
    let valid = read("golden/answers-complete.json");
    let cases = bad_versions(
        &valid,
        vec![
            (
                "duplicate key",
                valid.replacen("\"format\":", "\"format\": \"x\", \"format\":", 1),
                "the key \"format\" appears twice in one object",
            ),
            (
                "2^53",
                edit(&valid, |doc| doc["answers"]["E6"]["evidence"][0]["size"] = json!(1u64 << 53)),
                "answers.E6.evidence[0].size: the number 9007199254740992 is beyond ±9007199254740991",
            ),
            (
                "fraction",
                edit(&valid, |doc| doc["answers"]["E6"]["evidence"][0]["size"] = json!(0.5)),
                "answers.E6.evidence[0].size: the number 0.5 has a fraction",
            ),
            (
                "wrong type",
                edit(&valid, |doc| doc["answers"] = json!([1, 2])),
                "answers: An object was expected, found an array",
            ),
            (
                "unknown field",
                edit(&valid, |doc| doc["profile"]["fax"] = json!("1")),
                "profile.fax: the format has no such field",
            ),
            (
                "missing field",
                edit(&valid, |doc| doc.as_object_mut().unwrap().retain(|key, _| key != "format")),
                "format: this field is missing",
            ),
            (
                "wrong digest",
                edit(&valid, |doc| doc["catalogue"]["digest"] = json!("0".repeat(64))),
                "The answers are for catalogue",
            ),
            (
                "bad value",
                edit(&valid, |doc| doc["answers"]["A1"]["value"] = json!("maybe")),
                "answers.A1.value: \"maybe\" is not allowed",
            ),
        ],
    );
    for (name, contents, words) in cases {
        let file = dir.file(name, &contents);
        let key = data("keys/openssl-pbkdf2-1000.pem").display().to_string();
        for args in [vec!["score", &file], vec!["sign", &file, "--key", &key]] {
            let command = args[0];
            let output = selfcheck(&args);
            assert_eq!(output.status.code(), Some(1), "{command} {name}");
            let message = text(&output.stderr);
            assert!(message.contains(words), "{command}, {name}: {message:?} does not say {words:?}");
            assert!(message.contains(&file) || message.contains("cannot"), "{name}: the file is named: {message}");
            assert!(output.stdout.is_empty(), "{command}, {name}: nothing is printed on stdout");
        }
    }
}

#[test]
fn bad_catalogue_files_get_plain_messages() {
    let dir = Scratch::new("catalogue");
    let valid = read("catalogues/mini.json");
    let cases = bad_versions(
        &valid,
        vec![
            (
                "duplicate key",
                valid.replacen("\"format\":", "\"format\": 1, \"format\":", 1),
                "the key \"format\" appears twice in one object",
            ),
            ("2^32", valid.replacen("\"points\": 20", "\"points\": 4294967296", 1), "4294967296 is out of range"),
            ("fraction", valid.replacen("\"points\": 20", "\"points\": 20.5", 1), "the number 20.5 has a fraction"),
            (
                "overflow",
                valid.replacen("\"points\": 20", "\"points\": 4294967295", 1),
                "points must be from 1 to 1000",
            ),
            (
                "wrong type",
                edit(&valid, |doc| doc["areas"] = json!("A")),
                "areas: An array was expected, found a string",
            ),
            ("unknown field", edit(&valid, |doc| doc["colour"] = json!("red")), "colour: the format has no such field"),
            (
                "missing field",
                edit(&valid, |doc| doc.as_object_mut().unwrap().retain(|key, _| key != "grades")),
                "grades: this field is missing",
            ),
        ],
    );
    let result = data("golden/result-complete.json").display().to_string();
    for (name, contents, words) in cases {
        let file = dir.file(name, &contents);
        for args in [vec!["catalog", "--catalog", &file], vec!["verify", &result, "--catalog", &file]] {
            let output = selfcheck(&args);
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            let message = text(&output.stderr);
            assert!(message.contains(words), "{}, {name}: {message:?} does not say {words:?}", args[0]);
        }
    }
}

#[test]
fn bad_result_files_get_a_line_each_and_exit_1() {
    let dir = Scratch::new("result");
    let valid = read("golden/result-complete.json");
    let mut cases = bad_versions(
        &valid,
        vec![
            (
                "duplicate key",
                valid.replacen("\"issuer\":", "\"issuer\": \"x\", \"issuer\":", 1),
                "the key \"issuer\" appears twice in one object",
            ),
            ("2^53", valid.replacen("\"total\": 703", "\"total\": 9007199254740992", 1), "is beyond ±9007199254740991"),
            ("fraction", valid.replacen("\"total\": 703", "\"total\": 703.5", 1), "the number 703.5 has a fraction"),
            (
                "wrong type",
                edit(&valid, |doc| doc["type"] = json!("VerifiableCredential")),
                "type: An array was expected, found a string",
            ),
            (
                "unknown field",
                edit(&valid, |doc| doc["credentialSubject"]["extra"] = json!(1)),
                "credentialSubject.extra: the format has no such field",
            ),
            (
                "missing field",
                edit(&valid, |doc| doc.as_object_mut().unwrap().retain(|key, _| key != "proof")),
                "proof: this field is missing",
            ),
            (
                "wrong digest",
                edit(&valid, |doc| doc["credentialSubject"]["catalogue"]["digest"] = json!("0".repeat(64))),
                "The signature does not match",
            ),
            (
                "bad did:key",
                edit(&valid, |doc| doc["proof"]["verificationMethod"] = json!("did:key:z6Mk#z6Mk")),
                "The signing key (did:key) cannot be read",
            ),
            (
                "malleable",
                {
                    // S + L: the same signature to a lax verifier.
                    let mut doc: Value = serde_json::from_str(&valid).unwrap();
                    let value = doc["proof"]["proofValue"].as_str().unwrap().to_owned();
                    let mut signature = bs58_decode(&value[1..]);
                    let l = [
                        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                    ];
                    let mut carry = 0u16;
                    for (index, byte) in signature[32..].iter_mut().enumerate() {
                        let add: u8 = if index < 16 {
                            l[index]
                        } else if index == 31 {
                            0x10
                        } else {
                            0
                        };
                        let sum = u16::from(*byte) + u16::from(add) + carry;
                        *byte = sum as u8;
                        carry = sum >> 8;
                    }
                    doc["proof"]["proofValue"] = json!(format!("z{}", bs58_encode(&signature)));
                    doc.to_string()
                },
                "The signature does not match",
            ),
        ],
    );
    // Regression: found by the result fuzz target; the timestamp check panicked (exit 101).
    cases.push((
        "valid-from across a character",
        read("regressions/fuzz-crash-result-valid-from.json").into_bytes(),
        "is not a date-time of the form",
    ));
    cases.push((
        "a PDF",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec(),
        "This is a PDF file, not a signed result.",
    ));
    cases.push((
        "too large for the core",
        format!("{valid}{}", " ".repeat(4 << 20)).into_bytes(),
        "more than the limit of 4,194,304 bytes",
    ));
    for (name, contents, words) in cases {
        let file = dir.file(name, &contents);
        let output = selfcheck(&["verify", &file]);
        assert_eq!(output.status.code(), Some(1), "verify {name}");
        let line = text(&output.stdout);
        assert!(
            ["NOT A RESULT: ", "INVALID: ", "UNREADABLE: "].iter().any(|verdict| line.starts_with(verdict)),
            "{name}: {line}"
        );
        assert!(line.contains(&format!(": {file}: ")) && line.lines().count() == 1, "{name}: {line}");
        assert!(line.contains(words), "verify, {name}: {line:?} does not say {words:?}");
        let output = selfcheck(&["report", &file]);
        assert_eq!(output.status.code(), Some(1), "report {name}");
        let shown = text(&output.stdout) + &text(&output.stderr);
        assert!(shown.contains(words), "report, {name}: {shown:?} does not say {words:?}");
    }
}

fn bs58_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut number = vec![0u8];
    for c in text.bytes() {
        let mut carry = ALPHABET.iter().position(|&a| a == c).unwrap() as u32;
        for byte in number.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = carry as u8;
            carry >>= 8;
        }
        while carry > 0 {
            number.insert(0, carry as u8);
            carry >>= 8;
        }
    }
    let zeros = text.bytes().take_while(|&c| c == b'1').count();
    let start = number.iter().position(|&b| b != 0).unwrap_or(number.len());
    [vec![0; zeros], number[start..].to_vec()].concat()
}

fn bs58_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut digits = vec![0u8];
    for &byte in bytes {
        let mut carry = u32::from(byte);
        for digit in digits.iter_mut() {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    let mut text = "1".repeat(zeros);
    text.extend(digits.iter().rev().skip_while(|&&d| d == 0).map(|&d| ALPHABET[d as usize] as char));
    text
}

#[test]
fn the_base58_helpers_round_trip() {
    let value = read("golden/result-complete.json");
    let doc: Value = serde_json::from_str(&value).unwrap();
    let proof = doc["proof"]["proofValue"].as_str().unwrap();
    assert_eq!(format!("z{}", bs58_encode(&bs58_decode(&proof[1..]))), proof);
    assert_eq!(bs58_decode(&proof[1..]).len(), 64);
}

#[test]
fn files_over_the_command_lines_limit_are_refused_before_reading() {
    let dir = Scratch::new("huge");
    let huge = dir.sparse("huge.json", 17 << 20);
    let result = data("golden/result-complete.json");
    let result = result.to_str().unwrap();
    for (args, says) in [
        (vec!["score", huge.as_str()], "is 17825792 bytes, more than the limit of 16777216 bytes"),
        (vec!["catalog", "--catalog", huge.as_str()], "is 17825792 bytes, more than the limit of 16777216 bytes"),
        (vec!["report", huge.as_str()], "is 17825792 bytes, more than the limit of 16777216 bytes"),
        // The register and the expected list in the core's words, as the review desk says them.
        (
            vec!["verify", result, "--trusted-keys", huge.as_str()],
            "The key register is too large: 17 MB, more than the limit of 4 MB.",
        ),
        (
            vec!["summary", result, "--expected", huge.as_str()],
            "The expected list is too large: 17 MB, more than the limit of 4 MB.",
        ),
    ] {
        let output = selfcheck(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let shown = text(&output.stdout) + &text(&output.stderr);
        assert!(shown.contains(says), "{args:?}: {shown}");
    }
    // Standard input is cut off one byte past the limit, not read whole.
    let mut child = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(["--lang", "en", "score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..17 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("cannot read standard input: it is more than the limit of 16777216 bytes"),
        "{}",
        text(&output.stderr)
    );
    // Within the command line's limit, the core's own limit applies, also before parsing.
    let big = dir.file("big.json", " ".repeat(3 << 20));
    let output = selfcheck(&["score", &big]);
    assert!(text(&output.stderr).contains("The answers document is too large: 3 MB, more than the limit of 2 MB"));
}

#[test]
fn bad_key_files_and_passphrases_get_plain_messages() {
    let dir = Scratch::new("keys");
    let answers = data("golden/answers-complete.json").display().to_string();
    let out = dir.0.join("result.json").display().to_string();
    // A key OpenSSL made, with few iterations: it opens and signs.
    let openssl = data("keys/openssl-pbkdf2-1000.pem").display().to_string();
    let output = selfcheck(&["sign", &answers, "--key", &openssl, "--out", &out]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(selfcheck(&["verify", &out]).status.success());

    let pem = read("keys/openssl-pbkdf2-1000.pem");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "it is not a PEM file"),
        ("cut short", pem.as_bytes()[..pem.len() / 2].to_vec(), "it is not a PEM file"),
        ("not UTF-8", b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n\xff\n".to_vec(), "is not UTF-8 text"),
        ("too large", format!("{pem}{}", "#".repeat(16 * 1024)).into_bytes(), "more than the limit of 16,384 bytes"),
        ("unencrypted", b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n-----END PRIVATE KEY-----\n".to_vec(), "not an encrypted private key"),
        ("too many iterations", read("keys/openssl-pbkdf2-20000000.pem").into_bytes(), "more than 10000000 PBKDF2 iterations"),
        // Regression: the key_file fuzz target's crash, a panic (exit 101) of debug builds.
        ("scrypt N = 0", read("keys/fuzz-crash-scrypt-n0.pem").into_bytes(), "is not a power of two above 1"),
    ];
    for (name, contents, words) in cases {
        let key = dir.file(&format!("{name}.pem"), &contents);
        let output = selfcheck(&["sign", &answers, "--key", &key]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let message = text(&output.stderr);
        assert!(message.contains(words), "{name}: {message:?} does not say {words:?}");
    }
    let wrong = dir.file("wrong-passphrase.txt", "not the passphrase\n");
    let output = selfcheck(&["sign", &answers, "--key", &openssl, "--passphrase-file", &wrong]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("The passphrase is wrong"), "{}", text(&output.stderr));
    let latin1 = dir.file("latin1-passphrase.txt", b"caf\xe9\n");
    let output = selfcheck(&["sign", &answers, "--key", &openssl, "--passphrase-file", &latin1]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains(&format!("cannot read the passphrase file {latin1}: ")),
        "{}",
        text(&output.stderr)
    );
    assert!(text(&output.stderr).contains("is not UTF-8 text"), "{}", text(&output.stderr));
    let register = dir.file("register.txt", b"514400005000031282 \xff\n");
    let output =
        selfcheck(&["verify", data("golden/result-complete.json").to_str().unwrap(), "--trusted-keys", &register]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("is not UTF-8 text"), "{}", text(&output.stderr));
}

#[test]
fn the_exit_codes_are_documented_where_help_shows_them_and_in_the_readme() {
    let help = text(&selfcheck(&["--help"]).stdout);
    for line in ["Exit codes:", "  0  ", "  1  ", "  2  ", "the command line is wrong"] {
        assert!(help.contains(line), "--help lacks {line:?}:\n{help}");
    }
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    for code in ["**0** success", "**1** the input could not be read", "**2** the command line is wrong"] {
        assert!(readme.contains(code), "README.md lacks {code:?}");
    }
    // And they are true: 2 for a wrong command line, whatever is wrong with it.
    for args in
        [vec!["frobnicate"], vec!["score"], vec!["catalog", "--format", "pdf"], vec!["--lang", "fr", "template"]]
    {
        assert_eq!(selfcheck(&args).status.code(), Some(2), "{args:?}");
    }
    assert_eq!(selfcheck(&["--help"]).status.code(), Some(0));
    assert_eq!(selfcheck(&["score", "/nonexistent.json"]).status.code(), Some(1));
}
