//! The old Chromium builds the smoke tests run in (issue 22: offices run Chromium 8x–10x cores),
//! from the npm registry, the one place besides Debian's archive the build may download from:
//! packages made for serverless use ship a whole headless Chromium, brotli-compressed, with the
//! shared libraries (libnss3, …) a bare system lacks. Each is installed under
//! `target/old-chromium/`, unpacked once and reused; nothing downloads a browser of its own.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter};
use std::path::{Path, PathBuf};

use crate::cmd::{self, command, run};

/// A Chromium of an npm package.
pub struct NpmChromium {
    /// The major version the build reports; the tests check it.
    pub major: u32,
    package: &'static str,
    version: &'static str,
}

/// The old builds tested, oldest first: the oldest core the product supports (360 极速模式 and the
/// 信创 browsers), and Windows 7's last Chrome.
pub const OLD_CHROMIUMS: [NpmChromium; 2] = [
    NpmChromium { major: 88, package: "chrome-aws-lambda", version: "5.5.0" },
    NpmChromium { major: 109, package: "@sparticuz/chromium", version: "109.0.6" },
];

/// An unpacked build: the program, and the folder of its libraries (for `LD_LIBRARY_PATH`).
pub struct Unpacked {
    pub executable: PathBuf,
    pub libraries: PathBuf,
}

/// Written into a build's folder once it is wholly unpacked: a folder without it is from an
/// interrupted run and is unpacked again.
const COMPLETE: &str = "complete";

impl NpmChromium {
    /// How the tests name it.
    pub fn name(&self) -> String {
        format!("Chromium {} (npm {}@{})", self.major, self.package, self.version)
    }

    /// Installs and unpacks the build unless a complete copy is there; returns where it is.
    pub fn ensure(&self) -> Result<Unpacked, String> {
        let dir = cmd::target_dir().join("old-chromium").join(format!("chromium-{}-{}", self.major, self.version));
        let unpacked = Unpacked { executable: dir.join("chromium"), libraries: dir.join("lib") };
        if dir.join(COMPLETE).is_file() {
            return Ok(unpacked);
        }
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        eprintln!(
            "xtask: installing {}@{} (Chromium {}) from npm into {}",
            self.package,
            self.version,
            self.major,
            dir.display()
        );
        let npm = dir.join("npm");
        // No scripts and no peer packages (chrome-aws-lambda names puppeteer-core): only the
        // package's files are needed, and nothing may fetch a browser of its own.
        run(command("npm")
            .args(["install", "--no-save", "--no-package-lock", "--ignore-scripts", "--legacy-peer-deps"])
            .args(["--no-audit", "--no-fund", "--prefix"])
            .arg(&npm)
            .arg(format!("{}@{}", self.package, self.version)))?;
        let bin = npm.join("node_modules").join(self.package).join("bin");
        unbrotli(&bin.join("chromium.br"), &unpacked.executable)?;
        make_executable(&unpacked.executable)?;
        // aws.tar holds lib/ (libnss3, libexpat, …) and fonts; the system's fonts are used, since
        // the bundled ones have no Chinese.
        let tar = dir.join("aws.tar");
        unbrotli(&bin.join("aws.tar.br"), &tar)?;
        run(command("tar")
            .args(["--extract", "--no-same-owner", "--no-same-permissions", "--file"])
            .arg(&tar)
            .arg("--directory")
            .arg(&dir)
            .arg("lib"))?;
        // The compressed copies are not needed any more (100 MB).
        fs::remove_file(&tar)
            .and_then(|()| fs::remove_dir_all(&npm))
            .map_err(|error| format!("cannot tidy {}: {error}", dir.display()))?;
        fs::write(dir.join(COMPLETE), "").map_err(|error| format!("cannot write into {}: {error}", dir.display()))?;
        Ok(unpacked)
    }
}

/// Decompresses the brotli file `from` into `to`.
fn unbrotli(from: &Path, to: &Path) -> Result<(), String> {
    let input = File::open(from).map_err(|error| format!("cannot open {}: {error}", from.display()))?;
    let output = File::create(to).map_err(|error| format!("cannot create {}: {error}", to.display()))?;
    let mut reader = brotli::Decompressor::new(BufReader::new(input), 1 << 16);
    let mut writer = BufWriter::new(output);
    io::copy(&mut reader, &mut writer)
        .and_then(|_| io::Write::flush(&mut writer))
        .map(|_| ())
        .map_err(|error| format!("cannot decompress {} into {}: {error}", from.display(), to.display()))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
        .map_err(|error| format!("cannot make {} executable: {error}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), String> {
    Err("the old Chromium builds are Linux programs: run the smoke tests on Linux".into())
}
