//! Hostile inputs of the kinds an adversarial corpus found mishandled (issue 12): devices, pipes
//! and links where files are expected, folders with loops, pipes and unreadable parts, control
//! and bidirectional characters in everything shown, lines forged by content, keys of another
//! kind or asking for too much work, and outputs that would overwrite an input. Each test fails
//! on the command line as it was before the fix.

#![cfg(unix)]

mod common;

use common::{PASSPHRASE, Scratch, data, has_terminal_control, read, resigned, selfcheck, signed};
use serde_json::{Value, json};

#[test]
fn devices_sockets_and_links_to_them_are_refused_at_once_with_the_file_named() {
    let dir = Scratch::new("hostile-devices");
    let zero = dir.link("zero.json", "/dev/zero");
    let socket = dir.path("socket.json");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let answers = data("golden/answers-complete.json");
    let result = data("golden/result-complete.json");
    let key = data("keys/openssl-pbkdf2-1000.pem");
    for (bad, what) in [
        ("/dev/zero", "it is a character device, not a file"),
        (socket.as_str(), "it is a socket, not a file"),
        (zero.as_str(), "it is a link to a character device (/dev/zero), not a file"),
    ] {
        for args in [
            vec!["score", bad],
            vec!["catalog", "--catalog", bad],
            vec!["verify", bad],
            vec!["report", bad],
            vec!["verify", &result, "--trusted-keys", bad],
            vec!["verify", &result, "--catalog", bad],
            vec!["sign", &answers, "--key", bad],
            vec!["sign", &answers, "--key", &key, "--passphrase-file", bad],
        ] {
            let run = selfcheck("en", &args).run();
            assert_eq!(run.code, Some(1), "{args:?}: {}", run.shown());
            let shown = run.shown();
            assert!(shown.contains(&format!("{bad}: {what}")), "{args:?}: {shown}");
        }
    }
}

/// Writes `content` into the FIFO `path` once a reader opens it, on a thread of its own.
fn write_into(path: &str, content: Vec<u8>) -> std::thread::JoinHandle<std::io::Result<()>> {
    let path = path.to_owned();
    std::thread::spawn(move || std::fs::write(path, content))
}

#[test]
fn a_pipe_named_on_the_command_line_is_read_as_standard_input_is() {
    // Before: every one of these was refused ("it is a named pipe (FIFO), not a file"), so that
    // `--passphrase-file <(pass show …)` could not be used. A FIFO is what bash's `<(…)` gives
    // (`/dev/fd/63`): named on purpose, it is read.
    let dir = Scratch::new("hostile-named-pipes");
    let answers = data("golden/answers-complete.json");
    let result = data("golden/result-complete.json");
    let key = data("keys/openssl-pbkdf2-1000.pem");
    let fingerprint = "65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0";
    let register = format!("514400005000031282 {fingerprint}\n").into_bytes();
    let pipe = dir.fifo("pipe");
    let out = dir.path("signed.json");
    let cases: Vec<(Vec<&str>, Vec<u8>, &str)> = vec![
        (vec!["verify", &pipe], read("golden/result-complete.json").into_bytes(), "valid: "),
        (vec!["report", &pipe], read("golden/result-complete.json").into_bytes(), "Validity: valid"),
        (vec!["score", &pipe], read("golden/answers-complete.json").into_bytes(), "Score (per mille): 746"),
        (vec!["verify", &result, "--trusted-keys", &pipe], register, "valid: "),
        (vec!["sign", &answers, "--key", &pipe, "--out", &out], read("keys/openssl-pbkdf2-1000.pem").into_bytes(), ""),
        (
            vec!["sign", &answers, "--key", &key, "--passphrase-file", &pipe, "--out", &out, "--force"],
            format!("{PASSPHRASE}\n").into_bytes(),
            "",
        ),
        (vec!["summary", &pipe, "--format", "csv"], read("golden/result-complete.json").into_bytes(), ",accepted,"),
    ];
    for (args, content, says) in cases {
        let writer = write_into(&pipe, content);
        let run = selfcheck("en", &args).run();
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.shown());
        assert!(run.stdout.contains(says), "{args:?}: {}", run.stdout);
        writer.join().unwrap().unwrap();
    }
    // Bounded as standard input is: one byte past 16 MiB and reading stops.
    let writer = write_into(&pipe, vec![b' '; 16 * 1024 * 1024 + 2]);
    let run = selfcheck("en", &["verify", &pipe]).run();
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.contains("more than the limit of 16777216 bytes (reading stopped there)"), "{}", run.stdout);
    let _ = writer.join();
    // bash's own process substitution, as people type it.
    let binary = env!("CARGO_BIN_EXE_selfcheck");
    let script = format!(
        "{binary} --lang en sign {answers} --key <(cat {key}) --passphrase-file <(printf '%s\\n' '{PASSPHRASE}') >/dev/null && {binary} --lang en verify <(cat {result})"
    );
    let run = std::process::Command::new("bash").args(["-c", &script]).output().unwrap();
    let shown = String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{shown}");
    assert!(shown.starts_with("valid: /dev/fd/"), "{shown}");
}

#[test]
fn a_fifo_in_a_folder_is_a_row_and_never_read() {
    let dir = Scratch::new("hostile-fifo");
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("a.json")).unwrap();
    let fifo = dir.fifo("b.json");
    let run = selfcheck("en", &["summary", dir.0.to_str().unwrap(), "--format", "csv"]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    assert!(rows[1].contains("a.json,") && rows[1].contains(",accepted,,verified,广东省示例行业协会,"), "{}", rows[1]);
    assert!(rows[2].starts_with(&format!("{fifo},")), "{}", rows[2]);
    assert!(
        rows[2].contains(
            ",not read,\"it is a named pipe (FIFO), not a file, so it is not read (a pipe is read only when named)\","
        ),
        "{}",
        rows[2]
    );
    assert!(
        run.stderr.contains("1 files: 1 valid, 0 invalid, 0 not results; 1 other entries not read"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_back_into_the_folder_count_nothing_twice() {
    // Before: a link to `.` made one result count 41 times, two such links never finished.
    let dir = Scratch::new("hostile-loops");
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("a.json")).unwrap();
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    dir.link("self", ".");
    dir.link("sub/up", "..");
    let run = selfcheck("en", &["summary", dir.0.to_str().unwrap(), "--format", "csv"]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let valid = run.stdout.lines().filter(|row| row.contains(",accepted,")).count();
    assert_eq!(valid, 1, "{}", run.stdout);
    for link in ["self", "sub/up"] {
        let row = run.stdout.lines().find(|row| row.starts_with(&dir.path(link))).unwrap();
        assert!(row.contains("it is a link to a folder summarised anyway"), "{row}");
    }
}

#[test]
fn every_entry_of_a_folder_is_listed_once_with_what_it_is() {
    let dir = Scratch::new("hostile-walk");
    let elsewhere = Scratch::new("hostile-walk-elsewhere");
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("a.json")).unwrap();
    std::fs::copy(data("golden/result-complete.json"), elsewhere.0.join("outside.json")).unwrap();
    std::fs::hard_link(dir.0.join("a.json"), dir.0.join("hard.json")).unwrap();
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("sub/b.json")).unwrap();
    dir.link("link-a.json", "a.json");
    dir.link("broken.json", "/nonexistent/result.json");
    dir.link("loop-1", "loop-2");
    dir.link("loop-2", "loop-1");
    dir.link("outside.json", &elsewhere.path("outside.json"));
    dir.link("zero", "/dev/zero");
    dir.fifo("pipe");
    let _socket = std::os::unix::net::UnixListener::bind(dir.0.join("socket")).unwrap();
    let run = selfcheck("en", &["summary", dir.0.to_str().unwrap(), "--format", "csv"]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let row = |name: &str| {
        let start = format!("{},", dir.path(name));
        run.stdout
            .lines()
            .find(|row| row.starts_with(&start))
            .unwrap_or_else(|| panic!("no row for {name}: {}", run.stdout))
            .to_owned()
    };
    assert!(row("a.json").contains(",accepted,"));
    assert!(row("sub/b.json").contains(",accepted,"), "a copy is another file");
    for (name, says) in [
        ("hard.json", format!("it is the same file as {}, counted once", dir.path("a.json"))),
        ("link-a.json", format!("it is a link to {}, which is counted where it is", dir.path("a.json"))),
        ("broken.json", "it is a broken link (to /nonexistent/result.json, where there is nothing)".to_owned()),
        ("loop-1", "it is a link that loops and never reaches a file".to_owned()),
        ("loop-2", "it is a link that loops and never reaches a file".to_owned()),
        (
            "outside.json",
            format!(
                "it is a link to {}, outside the folders named, and is not followed",
                elsewhere.path("outside.json")
            ),
        ),
        ("zero", "it is a link to /dev/zero, outside the folders named, and is not followed".to_owned()),
        ("pipe", "it is a named pipe (FIFO), not a file".to_owned()),
        ("socket", "it is a socket, not a file".to_owned()),
    ] {
        let row = row(name);
        assert!(row.contains(",not read,") && row.contains(&says), "{name}: {row}");
    }
    assert_eq!(run.stdout.lines().count(), 1 + 11, "{}", run.stdout);
    assert!(
        run.stderr.contains("2 files: 2 valid, 0 invalid, 0 not results; 9 other entries not read"),
        "{}",
        run.stderr
    );
    // Named, a file elsewhere is read; named twice, it is counted once.
    let outside = elsewhere.path("outside.json");
    let run = selfcheck("en", &["summary", dir.0.to_str().unwrap(), &outside, &outside, "--format", "csv"]).run();
    assert!(run.stderr.contains("3 files: 3 valid"), "{}", run.stderr);
    assert!(run.stdout.lines().last().unwrap().contains(&format!("it is the same file as {outside}, counted once")));
}

#[test]
fn an_unreadable_subfolder_is_a_row_and_the_rest_is_summarised() {
    let dir = Scratch::new("hostile-locked");
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("a.json")).unwrap();
    std::fs::create_dir(dir.0.join("locked")).unwrap();
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("locked/b.json")).unwrap();
    std::fs::copy(data("golden/result-complete.json"), dir.0.join("z.json")).unwrap();
    std::fs::set_permissions(dir.0.join("locked"), std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let run = selfcheck("en", &["summary", dir.0.to_str().unwrap(), "--format", "csv"]).unprivileged().run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(rows.len(), 4, "{}", run.stdout);
    assert!(rows[1].contains(",accepted,") && rows[3].contains(",accepted,"), "{}", run.stdout);
    assert!(rows[2].starts_with(&format!("{},", dir.path("locked"))), "{}", rows[2]);
    assert!(rows[2].contains(",not read,the folder cannot be read: permission to read it is denied,"), "{}", rows[2]);
    assert!(
        run.stderr.contains("2 files: 2 valid, 0 invalid, 0 not results; 1 other entries not read"),
        "{}",
        run.stderr
    );
}

#[test]
fn summary_and_sign_never_overwrite_an_input() {
    let dir = Scratch::new("hostile-overwrite");
    let result = dir.path("a.json");
    std::fs::copy(data("golden/result-complete.json"), &result).unwrap();
    let before = std::fs::read(&result).unwrap();
    for csv in [result.clone(), dir.link("link.csv", &result)] {
        let run = selfcheck("en", &["summary", dir.0.to_str().unwrap(), "--csv", &csv]).run();
        assert_eq!(run.code, Some(1), "{}", run.shown());
        assert!(
            run.stderr.contains(&format!("{csv} is the input {result}; selfcheck never overwrites an input")),
            "{}",
            run.stderr
        );
        assert_eq!(std::fs::read(&result).unwrap(), before, "the result is untouched");
    }
    let register = dir.file("keys.txt", "# no keys yet\n");
    let run = selfcheck("en", &["summary", &result, "--trusted-keys", &register, "--csv", &register]).run();
    assert!(run.stderr.contains("never overwrites an input"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&register).unwrap(), "# no keys yet\n");

    let answers = dir.file("answers.json", read("golden/answers-complete.json"));
    let key = dir.file("key.pem", read("keys/openssl-pbkdf2-1000.pem"));
    let passphrase = dir.file("passphrase.txt", format!("{PASSPHRASE}\n"));
    for out in [&answers, &key, &passphrase, &dir.link("answers-link.json", &answers)] {
        let run = selfcheck(
            "en",
            &["sign", &answers, "--key", &key, "--passphrase-file", &passphrase, "--out", out, "--force"],
        )
        .run();
        assert_eq!(run.code, Some(1), "{}", run.shown());
        assert!(run.stderr.contains("selfcheck never overwrites an input: choose another name"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), read("golden/answers-complete.json"));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), read("keys/openssl-pbkdf2-1000.pem"));
    // Another file is replaced with --force, as before.
    let out = dir.file("result.json", "old");
    let run = selfcheck("en", &["sign", &answers, "--key", &key, "--out", &out, "--force"]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(std::fs::read_to_string(&out).unwrap().contains("eddsa-jcs-2022"));
}

#[test]
fn control_characters_from_input_never_reach_the_terminal_on_any_path() {
    let dir = Scratch::new("hostile-controls");
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    // An unknown criterion id and an unknown field name, shown in error messages.
    let answers = dir.file(
        "answers.json",
        common::answers_with(|doc| {
            doc["answers"][format!("A1{esc}")] = json!({ "value": "yes" });
        }),
    );
    let field = dir.file("field.json", common::answers_with(|doc| doc["profile"][format!("fax{esc}")] = json!("1")));
    // A catalogue whose texts carry controls, shown by `catalog --format markdown`.
    let mut catalogue: Value = serde_json::from_str(&read("catalogues/mini.json")).unwrap();
    catalogue["title"]["zh"] = json!(format!("目录{esc}\u{202e}"));
    catalogue["areas"][0]["criteria"][0]["guidance"]["zh"] = json!(format!("要求{esc}"));
    catalogue["areas"][0]["criteria"][0]["title"]["zh"] = json!(format!("标题{esc}"));
    catalogue["areas"][0]["criteria"][0]["title"]["en"] = json!(format!("Title{esc}"));
    let catalogue = dir.file("catalogue.json", catalogue.to_string());
    // A file name with controls, and a signed result whose name has them and a bidi override.
    let named = dir.file(&format!("result{esc}\u{202e}.json"), read("golden/result-complete.json"));
    // Validly signed, with controls in its name: invalid (a name is one line of plain text), and
    // what it claims is shown escaped.
    let result = common::resigned(&dir, "hostile.json", |doc| {
        doc["credentialSubject"]["profile"]["name"] = json!(format!("广东省{esc}\u{202e}\u{9b}31m协会"));
    });
    // Valid, with bidirectional controls and invisible characters in its name.
    let bidi =
        signed(&dir, "bidi.json", |doc| doc["profile"]["name"] = json!("广东省\u{202e}\u{2066}示例\u{200b}协会"));
    let folder = Scratch::new("hostile-controls-folder");
    std::fs::copy(&result, folder.0.join("r.json")).unwrap();
    std::fs::copy(&bidi, folder.0.join("b.json")).unwrap();
    std::fs::copy(&named, folder.0.join(format!("n{esc}.json"))).unwrap();
    let shown = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J";
    let missing = format!("/nonexistent/{esc}.json");
    for lang in ["zh", "en"] {
        // Each run, and what it shows of the controls: as `\u{…}` text, or as JSON escapes.
        for (args, marker) in [
            (vec!["score", answers.as_str()], shown),
            (vec!["score", field.as_str()], shown),
            (vec!["sign", answers.as_str(), "--key", "/nonexistent.pem"], shown),
            (vec!["catalog", "--catalog", catalogue.as_str(), "--format", "markdown"], shown),
            (vec!["template", "--catalog", catalogue.as_str()], "\\u001b]0;pwned\\u0007"),
            (vec!["verify", named.as_str(), result.as_str()], shown),
            (vec!["verify", bidi.as_str()], "广东省\\u{202e}\\u{2066}示例\\u{200b}协会"),
            (vec!["report", bidi.as_str()], "广东省\\u{202e}\\u{2066}示例\\u{200b}协会"),
            (vec!["report", result.as_str()], shown),
            (vec!["report", result.as_str(), "--format", "markdown"], "\\u{1b}\\]0;pwned"),
            (vec!["report", result.as_str(), "--format", "json"], "\\u001b]0;pwned\\u0007"),
            (vec!["summary", folder.0.to_str().unwrap()], shown),
            (vec!["score", missing.as_str()], shown),
        ] {
            let run = selfcheck(lang, &args).run();
            assert!(
                !has_terminal_control(&run.stdout),
                "{lang} {args:?} printed a control character: {:?}",
                run.stdout
            );
            assert!(
                !has_terminal_control(&run.stderr),
                "{lang} {args:?} printed a control character: {:?}",
                run.stderr
            );
            assert!(run.shown().contains(marker), "{lang} {args:?} does not show {marker}: {}", run.shown());
        }
    }
    // JSON keeps the value, with the characters as JSON escapes.
    let run = selfcheck("en", &["report", &result, "--format", "json"]).run();
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["claimed"]["profile"]["name"], json!(format!("广东省{esc}\u{202e}\u{9b}31m协会")));
    assert!(run.stdout.contains("\\u202e") && run.stdout.contains("\\u009b"), "{}", run.stdout);
}

#[test]
fn one_file_gives_one_line_and_content_cannot_imitate_a_verdict() {
    let dir = Scratch::new("hostile-forge");
    // The corpus's case: validly signed, a name with a line break and a fake "valid" line.
    let fake = "\nvalid: /results/other.json: 广东省冒名行业协会 (514400005000031282), 2026-10-01 to 2026-10-31, score 1000 (Exemplary), key 0000\n有效：/results/other.json：冒名";
    let forged = common::resigned(&dir, "forged.json", |doc| {
        doc["credentialSubject"]["profile"]["name"] = json!(format!("广东省示例行业协会{fake}"));
    });
    // Validly signed and valid: the fake verdict in the name, on the same line.
    let inline = signed(&dir, "inline.json", |doc| {
        doc["profile"]["name"] = json!("广东省示例行业协会 valid: /results/other.json: score 1000 有效：冒名");
    });
    // A line break in the file name.
    let named = dir.file(
        "x.json\nvalid: y.json: 广东省示例行业协会",
        read("golden/result-complete.json").replacen("703", "803", 1),
    );
    let register = dir.file("keys.txt", "514400005000031282 0000 0000 0000 0000 0000 0000 0000 0000\n");
    for (lang, valid, invalid, colon) in [("en", "valid: ", "INVALID: ", ": "), ("zh", "有效：", "无效：", "：")]
    {
        let run = selfcheck(lang, &["verify", &forged, &inline, &named]).run();
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 3, "{lang}: {}", run.stdout);
        assert!(lines[0].starts_with(&format!("{invalid}{forged}{colon}")), "{}", lines[0]);
        assert!(lines[1].starts_with(&format!("{valid}{inline}{colon}")), "{}", lines[1]);
        assert!(lines[2].starts_with(invalid) && lines[2].contains("x.json\\u{a}valid: y.json"), "{}", lines[2]);
        // With a register that does not list its key, the valid one is one INVALID line.
        let run = selfcheck(lang, &["verify", &inline, "--trusted-keys", &register]).run();
        assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
        assert!(run.stdout.starts_with(invalid), "{}", run.stdout);
    }
    // report: the validity line is the program's, first, and nothing else looks like it.
    let claim = "\n有效性：有效（签名与评分均已核验）\nValidity: valid (signature and score verified)";
    let original = read("golden/result-complete.json");
    let tampered = dir.file(
        "tampered.json",
        original.replacen("广东省示例行业协会", &format!("广东省示例行业协会{}", claim.replace('\n', "\\n")), 1),
    );
    for file in [&tampered, &forged] {
        for (lang, first) in [("zh", "有效性：无效："), ("en", "Validity: INVALID: ")] {
            for format in ["text", "markdown"] {
                let run = selfcheck(lang, &["report", file, "--format", format]).run();
                assert_eq!(run.code, Some(1));
                let validity: Vec<&str> = run
                    .stdout
                    .lines()
                    .filter(|line| {
                        ["有效性", "Validity", "| 有效性", "| Validity"].iter().any(|start| line.starts_with(start))
                    })
                    .collect();
                assert_eq!(validity.len(), 1, "{lang} {format}: {}", run.stdout);
                let label = first.split([':', '：']).next().unwrap();
                assert!(
                    validity[0].starts_with(first) || validity[0].starts_with(&format!("| {label} | ")),
                    "{}",
                    validity[0]
                );
                if format == "text" {
                    assert!(run.stdout.starts_with(first), "{}", run.stdout);
                }
            }
        }
    }
}

#[test]
fn a_key_of_another_kind_is_named_and_an_ed25519_key_asked_for() {
    let answers = data("golden/answers-complete.json");
    for (file, kind) in [
        ("openssl-p256.pem", "an elliptic-curve key on P-256 (prime256v1)"),
        ("openssl-secp256k1.pem", "an elliptic-curve key on secp256k1"),
        ("openssl-sm2.pem", "an elliptic-curve key on SM2"),
        ("openssl-x25519.pem", "an X25519 key"),
        ("openssl-ed448.pem", "an Ed448 key"),
        ("openssl-rsa2048.pem", "an RSA key"),
        ("ed25519-seed-31-bytes.pem", "its Ed25519 private key has 31 bytes, not 32"),
    ] {
        let key = data(&format!("keys/{file}"));
        let run = selfcheck("en", &["sign", &answers, "--key", &key]).run();
        assert_eq!(run.code, Some(1), "{file}");
        assert!(run.stderr.contains(kind) && run.stderr.contains("an Ed25519 key is needed"), "{file}: {}", run.stderr);
        assert!(!run.stderr.contains("passphrase"), "{file}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn key_derivation_beyond_the_limits_is_refused_before_it_starts() {
    let answers = data("golden/answers-complete.json");
    for (file, says) in [
        // Its vector V is under 32 MiB, its B 128 MiB: 176 MiB in all; r is out of range first.
        ("scrypt-n4-r65535-p16.pem", "scrypt's block size r is 65535; selfcheck accepts 1 to 32"),
        // Two million rounds of SHA-512 cost what twelve million of SHA-256 do.
        (
            "openssl-pbkdf2-sha512-2000000.pem",
            "PBKDF2-HMAC-SHA512 is as much work as 12000000 SHA-256 iterations, over 10000000",
        ),
    ] {
        let run = selfcheck("en", &["sign", &answers, "--key", &data(&format!("keys/{file}"))]).run();
        assert_eq!(run.code, Some(1), "{file}");
        assert!(run.stderr.contains(says), "{file}: {}", run.stderr);
    }
    let run = selfcheck("en", &["sign", &answers, "--key", &data("keys/openssl-pbkdf2-sha512-1000.pem")]).run();
    assert_eq!(run.code, Some(0), "SHA-512 within the limit: {}", run.stderr);
}

#[test]
fn a_key_file_parameter_out_of_range_is_named_before_a_passphrase_is_asked_for() {
    // Before: scrypt with p = 17 was "The passphrase is wrong (or the key file is damaged)", and
    // only after a passphrase had been asked for.
    let answers = data("golden/answers-complete.json");
    let key = data("keys/scrypt-p17.pem");
    for (lang, says) in [
        (
            "en",
            "cannot open the key {key}: The key file cannot be used: scrypt's parallelization p is 17; selfcheck accepts 1 to 16.",
        ),
        ("zh", "无法打开密钥 {key}：密钥文件无法使用：其 scrypt 参数“p”（并行度）为 17，本工具接受 1 至 16。"),
    ] {
        // No passphrase anywhere: a prompt would be the first thing said.
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .args(["--lang", lang, "sign", &answers, "--key", &key])
            .env_remove("SELFCHECK_PASSPHRASE")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&says.replace("{key}", &key)), "{stderr}");
        // With a passphrase, right or wrong, it is never blamed on it.
        let run = selfcheck(lang, &["sign", &answers, "--key", &key]).run();
        assert!(run.stderr.contains(&says.replace("{key}", &key)), "{}", run.stderr);
    }
}

#[test]
fn windows_habits_in_key_files_registers_and_passphrase_files() {
    let dir = Scratch::new("hostile-windows");
    let answers = data("golden/answers-complete.json");
    let pem = read("keys/openssl-pbkdf2-1000.pem");
    // Notepad: a byte-order mark and CRLF; people: a note before and after the key.
    let noted =
        format!("\u{feff}协会签名密钥，2026 年 11 月\r\n{}\r\n保管人：张三\r\n", pem.trim_end().replace('\n', "\r\n"));
    let key = dir.file("noted.pem", noted);
    let passphrase = dir.file("passphrase.txt", format!("\u{feff}{PASSPHRASE}\r\n"));
    let run = selfcheck("en", &["sign", &answers, "--key", &key, "--passphrase-file", &passphrase]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // Another key after the association's: only its SM2 part may follow, and what it holds is
    // named; a third block would leave it unclear which key signs.
    let two = dir.file("two.pem", format!("{pem}{}", read("keys/openssl-p256.pem")));
    let run = selfcheck("en", &["sign", &answers, "--key", &two, "--passphrase-file", &passphrase]).run();
    assert!(run.stderr.contains("its second block holds an elliptic-curve key on P-256"), "{}", run.stderr);
    let sm2 = read("keys/openssl-sm2.pem");
    let three = dir.file("three.pem", format!("{pem}{sm2}{sm2}"));
    let run = selfcheck("en", &["sign", &answers, "--key", &three]).run();
    assert!(run.stderr.contains("it holds more than two PEM blocks"), "{}", run.stderr);
    // A register with a byte-order mark works; one saved as GBK is named as such.
    let fingerprint = "65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0";
    let register = dir.file("keys.txt", format!("\u{feff}# 登记的协会密钥\r\n514400005000031282 {fingerprint}\r\n"));
    let result = data("golden/result-complete.json");
    let run = selfcheck("en", &["verify", &result, "--trusted-keys", &register]).run();
    assert_eq!(run.code, Some(0), "{}", run.shown());
    // "# 登记" in GBK.
    let gbk =
        dir.file("gbk.txt", [b"# \xb5\xc7\xbc\xc7\n514400005000031282 ".as_slice(), fingerprint.as_bytes()].concat());
    // The register in the core's words, as the review desk says them of a register loaded there.
    let run = selfcheck("en", &["verify", result.as_str(), "--trusted-keys", gbk.as_str()]).run();
    assert!(
        run.stderr.contains(&format!(
            "cannot use the key register {gbk}: The key register cannot be read: it is not UTF-8 (from byte 3); it looks like GBK (ANSI): save it as UTF-8"
        )),
        "{}",
        run.stderr
    );
    for (args, role) in [
        (vec!["sign", answers.as_str(), "--key", gbk.as_str()], "the key file"),
        (vec!["score", gbk.as_str()], "the answers file"),
    ] {
        let run = selfcheck("en", &args).run();
        assert_eq!(run.code, Some(1));
        assert!(
            run.stderr.contains(&format!(
                "cannot read {role} {gbk}: it seems to be GBK (ANSI) text, not UTF-8; save it as UTF-8"
            )),
            "{}",
            run.stderr
        );
        let run = selfcheck("zh", &args).run();
        assert!(run.stderr.contains("它似乎是 GBK（ANSI）编码的文本，不是 UTF-8；请另存为 UTF-8"), "{}", run.stderr);
    }
    // Answers and results saved by Notepad with a byte-order mark.
    let answers = dir.file("bom-answers.json", format!("\u{feff}{}", read("golden/answers-complete.json")));
    let run = selfcheck("en", &["score", &answers]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let result = dir.file("bom-result.json", format!("\u{feff}{}", read("golden/result-complete.json")));
    let run = selfcheck("en", &["verify", &result]).run();
    assert!(run.code == Some(0) && run.stdout.starts_with("valid: "), "{}", run.shown());
    let utf16 = dir.file("utf16.json", b"\xff\xfe{\x00}\x00");
    let run = selfcheck("en", &["score", &utf16]).run();
    assert!(run.stderr.contains("it is UTF-16 (\"Unicode\") text, not UTF-8; save it as UTF-8"), "{}", run.stderr);
}

#[test]
fn verify_and_report_judge_in_the_bureaus_order_register_before_catalogue() {
    // Signed validly, by a key the register does not file for the code, under a catalogue
    // nobody has: the register's stage comes first, as in `summary` and the review desk.
    let dir = Scratch::new("verdict-order");
    let result = common::resigned(&dir, "result.json", |result| {
        result["credentialSubject"]["catalogue"]["version"] = json!("9.9.9");
    });
    let register = dir.file("register.txt", "514400005000031282 0011 2233 4455 6677 8899 AABB CCDD EEFF\n");
    let verified = selfcheck("en", &["verify", &result, "--trusted-keys", &register]).run();
    assert_eq!(verified.code, Some(1), "{}", verified.shown());
    assert!(verified.stdout.contains("0011 2233"), "the register's verdict, not the catalogue's: {}", verified.stdout);
    let report = selfcheck("en", &["report", &result, "--trusted-keys", &register, "--format", "json"]).run();
    let report: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(report["error_code"], "different-key");
    // Without a register, the catalogue's stage speaks.
    let report = selfcheck("en", &["report", &result, "--format", "json"]).run();
    let report: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(report["error_code"], "catalogue-mismatch");
}

#[test]
fn a_credit_code_is_shown_in_its_one_spelling_however_a_file_writes_it() {
    // Before: `report` of a result that fails showed the code as the file wrote it
    // (５１４４…), and a register line with spaces inside the code was refused.
    let dir = Scratch::new("hostile-spelling");
    let full_width: String =
        "514400005000031282".chars().map(|c| char::from_u32(u32::from(c) + 0xfee0).unwrap()).collect();
    let signed = resigned(&dir, "full-width.json", |value| {
        value["credentialSubject"]["profile"]["credit_code"] = json!(full_width);
    });
    let tampered = dir.file("tampered.json", std::fs::read_to_string(&signed).unwrap().replacen("746", "747", 1));
    let run = selfcheck("en", &["report", &tampered]).run();
    assert!(run.stdout.contains("Association: 广东省示例行业协会 (514400005000031282)"), "{}", run.stdout);
    let run = selfcheck("en", &["report", &tampered, "--format", "json"]).run();
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["claimed"]["profile"]["credit_code"], "514400005000031282", "{report}");
    let fingerprint = selfcheck_core::AssociationKey::from_seed([7; 32]).public().fingerprint();
    let register = dir.file("keys.txt", format!("514400 005000 031282 {fingerprint}\n"));
    let run = selfcheck("en", &["verify", &signed, "--trusted-keys", &register]).run();
    assert_eq!(run.code, Some(0), "{}", run.shown());
    assert!(run.stdout.contains("(514400005000031282)"), "{}", run.stdout);
}
