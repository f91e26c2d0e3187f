//! What the tests of hostile input share: running `selfcheck` so that a regression cannot take
//! the machine down with it (a memory ceiling through `prlimit`, a deadline that kills a run
//! waiting forever on a FIFO), scratch folders, test data and signed results with chosen names.

#![allow(dead_code, reason = "each test file uses some of these")]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The passphrase of the test keys in `tests/data/keys/`.
pub const PASSPHRASE: &str = "selfcheck fuzzing passphrase";

/// A run far beyond this is waiting forever (on a FIFO, say), not slow.
const DEADLINE: Duration = Duration::from_secs(120);

/// The address space a run may take: an unbounded read fails fast instead of taking gigabytes.
const MEMORY_CEILING: &str = "--as=2147483648";

/// What a run printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output and standard error together.
    pub fn shown(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// How to run `selfcheck`.
pub struct Selfcheck {
    args: Vec<String>,
    unprivileged: bool,
}

/// `selfcheck --lang LANG ARGS…`, with the test keys' passphrase in the environment.
pub fn selfcheck(lang: &str, args: &[&str]) -> Selfcheck {
    let mut all = vec!["--lang".to_owned(), lang.to_owned()];
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    Selfcheck { args: all, unprivileged: false }
}

impl Selfcheck {
    /// Runs as the user `nobody` when the tests run as root, for whom no permission is ever
    /// denied (through `setpriv`, which util-linux installs everywhere `prlimit` is).
    pub fn unprivileged(mut self) -> Selfcheck {
        self.unprivileged = true;
        self
    }

    /// Runs it to the end, or kills it at the deadline and fails the test.
    pub fn run(self) -> Run {
        let binary = env!("CARGO_BIN_EXE_selfcheck");
        let mut command = Command::new("prlimit");
        command.arg(MEMORY_CEILING).arg("--");
        if self.unprivileged && is_root() {
            command.args(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        }
        command.arg(binary).args(&self.args);
        command
            .env("SELFCHECK_PASSPHRASE", PASSPHRASE)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("prlimit (util-linux) runs selfcheck");
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let out = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stdout.read_to_end(&mut bytes);
            bytes
        });
        let err = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stderr.read_to_end(&mut bytes);
            bytes
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > DEADLINE {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "selfcheck {:?} was still running after {} s: it waits on something that never comes, or \
                     works far longer than any input should make it",
                    self.args,
                    DEADLINE.as_secs()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let run = Run {
            code: status.code(),
            stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
            stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        };
        assert_ne!(run.code, Some(101), "selfcheck {:?} panicked: {}", self.args, run.stderr);
        assert!(
            run.code.is_some(),
            "selfcheck {:?} was killed by a signal (out of memory?): {}",
            self.args,
            run.stderr
        );
        run
    }
}

/// Whether the tests run as root.
pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

/// A file of the shared test data.
pub fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(name).display().to_string()
}

/// The text of a file of the shared test data.
pub fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// A scratch folder, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("selfcheck-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// The path of `name` in the folder.
    pub fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }

    /// Writes `name` and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }

    /// Makes a FIFO `name` and returns its path.
    pub fn fifo(&self, name: &str) -> String {
        let path = self.path(name);
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success(), "mkfifo {path}");
        path
    }

    /// Makes a symbolic link `name` to `target` and returns its path.
    pub fn link(&self, name: &str, target: &str) -> String {
        let path = self.path(name);
        std::os::unix::fs::symlink(target, &path).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // A test may have locked a folder; unlock before removing.
        let _ = Command::new("chmod").args(["-R", "u+rwx"]).arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The golden answers with `change` applied, as JSON.
pub fn answers_with(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut answers: serde_json::Value = serde_json::from_str(&read("golden/answers-complete.json")).unwrap();
    change(&mut answers);
    answers.to_string()
}

/// A result signed (with `tests/data/keys/openssl-pbkdf2-1000.pem`) for the golden answers
/// with `change` applied, written to `name` in `dir`; returns its path.
pub fn signed(dir: &Scratch, name: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let answers = dir.file(&format!("{name}.answers.json"), answers_with(change));
    let out = dir.path(name);
    let key = data("keys/openssl-pbkdf2-1000.pem");
    let run = selfcheck("en", &["sign", &answers, "--key", &key, "--out", &out]).run();
    assert_eq!(run.code, Some(0), "signing {name}: {}", run.stderr);
    std::fs::remove_file(answers).unwrap();
    out
}

/// The golden result with `change` applied and signed again, validly, by a test key (the
/// issuer changed to match): a result whose signature holds, whatever the change put in it,
/// written to `name` in `dir`; returns its path. What the core then thinks of its content is
/// the verdict's business.
pub fn resigned(dir: &Scratch, name: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    use selfcheck_core::json::{self, Json};
    let mut value: serde_json::Value = serde_json::from_str(&read("golden/result-complete.json")).unwrap();
    let created = value["proof"]["created"].as_str().unwrap().to_owned();
    value.as_object_mut().unwrap().remove("proof");
    change(&mut value);
    let key = selfcheck_core::AssociationKey::from_seed([7; 32]);
    value["issuer"] = serde_json::json!(key.public().did());
    let Json::Object(mut document) = json::parse(&value.to_string()).unwrap() else { panic!("not an object") };
    let created = selfcheck_core::Timestamp::parse(&created).unwrap();
    selfcheck_core::credential::add_proof(&mut document, &key, Some(&created));
    dir.file(name, json::compact(&Json::Object(document)))
}

/// Whether `text` holds a character that acts on a terminal: C0 and C1 controls other than the
/// line feed, DEL, and the bidirectional controls.
pub fn has_terminal_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}
