//! A small static file server for the widget and the desk, bound to 127.0.0.1 only: `/` is
//! the standalone page as the build wrote it (`target/site/index.html`, with the pre-rendered first
//! screen; `web/demo/index.html` before any build), `/pkg/…` comes from `pkg/`, `/desk/…` from
//! `desk-pkg/` (the review desk's build), and any other path from `web/demo/`.
//!
//! It serves as a real site should (web/README.md, "Serving"): `.wasm` as `application/wasm`, so
//! that browsers compile it while it downloads and keep the compiled code; the precompressed
//! `.br` or `.gz` file beside a file when the browser accepts that encoding (other text
//! compressed as it is sent); and `Cache-Control: no-cache` with an `ETag`, so that a browser asks
//! again every time (a new build is seen at once) and gets `304 Not Modified` when nothing
//! changed, which keeps Chromium's cache of compiled WebAssembly.

use std::fs;
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, UNIX_EPOCH};

use crate::cmd;

/// The longest request head read (request line and headers).
const MAX_HEAD: u64 = 16 * 1024;

/// A bound, not yet serving, server.
pub struct Server {
    listener: TcpListener,
    port: u16,
    site: Site,
}

/// Where the files come from, and whether to log requests.
#[derive(Clone)]
struct Site {
    demo: PathBuf,
    /// The pages the build writes (the standalone page with its first screen).
    built: PathBuf,
    pkg: PathBuf,
    desk: PathBuf,
    log: bool,
}

impl Server {
    /// Listens on 127.0.0.1:`port`; port 0 picks a free one.
    pub fn bind(port: u16) -> Result<Self, String> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|error| {
            if error.kind() == ErrorKind::AddrInUse {
                format!(
                    "port {port} on 127.0.0.1 is already in use (another `cargo xtask serve`?); \
                     choose another one with --port, e.g. `cargo xtask serve --port {}`",
                    port.saturating_add(1)
                )
            } else {
                format!("cannot listen on 127.0.0.1:{port}: {error}")
            }
        })?;
        let port = listener.local_addr().map_err(|error| format!("cannot read the server's address: {error}"))?.port();
        let root = cmd::root();
        let site = Site {
            demo: root.join("web").join("demo"),
            built: crate::tools::site_dir(),
            pkg: root.join("pkg"),
            desk: root.join(crate::tools::DESK_PKG),
            log: false,
        };
        Ok(Self { listener, port, site })
    }

    /// Logs each request on standard error when `on`.
    pub fn logging(mut self, on: bool) -> Self {
        self.site.log = on;
        self
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves forever, a thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming() {
            match stream {
                Ok(stream) => {
                    let site = self.site.clone();
                    thread::spawn(move || site.handle(stream));
                }
                Err(error) => eprintln!("xtask serve: accept failed: {error}"),
            }
        }
    }

    /// Serves on a background thread for the rest of the process; returns the port.
    pub fn spawn(self) -> u16 {
        let port = self.port;
        thread::spawn(move || self.run());
        port
    }
}

/// A response: status, content type and body (left out for HEAD).
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    /// `Content-Encoding` of the body, when compressed.
    encoding: Option<&'static str>,
    /// The file's version, for `ETag` and `If-None-Match`.
    etag: Option<String>,
    /// Whether the body depends on `Accept-Encoding` (a compressible file).
    varies: bool,
}

impl Response {
    fn error(status: u16) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {}\n", reason(status)).into_bytes(),
            encoding: None,
            etag: None,
            varies: false,
        }
    }
}

/// What the server reads of a request head.
#[derive(Default)]
struct Head {
    request_line: String,
    /// The policy a page is served with depends on the browser (see [`policy_for`]).
    user_agent: String,
    accept_encoding: String,
    if_none_match: String,
}

/// Whether `Accept-Encoding` accepts `coding` (listed, and not with `q=0`).
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|parameter| {
            parameter.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|weight| weight == 0.0))
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

/// Text sent compressed as it goes, when no precompressed file is beside it; bigger files (a
/// wasm built without its `.br`) go as they are rather than keep the browser waiting.
const COMPRESS_ON_THE_FLY_UP_TO: usize = 256 * 1024;

impl Site {
    fn handle(&self, stream: TcpStream) {
        // A connection that never sends a request (browsers open spare ones) is dropped.
        if stream.set_read_timeout(Some(Duration::from_secs(10))).is_err() {
            return;
        }
        let Ok(head) = read_head(&stream) else {
            return;
        };
        let request_line = head.request_line.as_str();
        let mut parts = request_line.split(' ');
        let (method, target) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(method), Some(target), Some(version), None) if version.starts_with("HTTP/1.") => (method, target),
            _ => ("", ""),
        };
        let response = match method {
            "" => Response::error(400),
            "GET" | "HEAD" => self.respond(target, &head),
            _ => Response::error(405),
        };
        if self.log {
            eprintln!("{request_line} -> {}", response.status);
        }
        // The client may have gone away; nothing to do about it.
        let _ = write_response(stream, &response, method == "HEAD", &head.user_agent);
    }

    fn respond(&self, target: &str, head: &Head) -> Response {
        let Some(path) = self.file_for(target) else {
            return Response::error(400);
        };
        let Some(version) =
            fs::metadata(&path).ok().filter(fs::Metadata::is_file).map(|metadata| file_version(&metadata))
        else {
            return Response::error(404);
        };
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
        let compressible = crate::compress::compressible(&name);
        // The precompressed file beside it, if the browser takes its encoding and it is not older.
        let precompressed = [("br", "br"), ("gzip", "gz")].into_iter().find_map(|(coding, suffix)| {
            let file = path.with_file_name(format!("{name}.{suffix}"));
            let fresh = fs::metadata(&file).ok().filter(fs::Metadata::is_file).is_some_and(|metadata| {
                metadata.modified().ok() >= fs::metadata(&path).and_then(|original| original.modified()).ok()
            });
            (compressible && fresh && accepts(&head.accept_encoding, coding)).then_some((coding, file))
        });
        let etag = format!("\"{version}-{}\"", precompressed.as_ref().map_or("identity", |(coding, _)| coding));
        let mut response = Response {
            status: 200,
            content_type: content_type(&path),
            body: Vec::new(),
            encoding: None,
            etag: Some(etag.clone()),
            varies: compressible,
        };
        if head.if_none_match.split(',').any(|tag| tag.trim().trim_start_matches("W/") == etag) {
            response.status = 304;
            return response;
        }
        let read = match &precompressed {
            Some((coding, file)) => fs::read(file).map(|body| (body, Some(*coding))),
            None => fs::read(&path).map(|body| (body, None)),
        };
        let Ok((body, encoding)) = read else {
            return Response::error(500);
        };
        response.body = body;
        response.encoding = encoding;
        if encoding.is_none()
            && compressible
            && response.body.len() <= COMPRESS_ON_THE_FLY_UP_TO
            && accepts(&head.accept_encoding, "gzip")
            && let Ok(gzipped) = crate::compress::gzip(&response.body)
        {
            response.body = gzipped;
            response.encoding = Some("gzip");
            response.etag = Some(format!("\"{version}-gzip\""));
        }
        response
    }

    /// The file a request target names, or `None` for a malformed or escaping path.
    fn file_for(&self, target: &str) -> Option<PathBuf> {
        let path = target.split(['?', '#']).next()?.strip_prefix('/')?;
        let path = percent_decode(path)?;
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let unsafe_segment = |s: &&str| *s == "." || *s == ".." || s.contains(['\\', '\0']);
        if segments.iter().any(unsafe_segment) {
            return None;
        }
        let built_page = self.built.join("index.html");
        Some(match segments.as_slice() {
            [] | ["index.html"] if built_page.is_file() => built_page,
            [] => self.demo.join("index.html"),
            ["pkg", rest @ ..] => rest.iter().fold(self.pkg.clone(), |dir, s| dir.join(s)),
            ["desk", rest @ ..] => rest.iter().fold(self.desk.clone(), |dir, s| dir.join(s)),
            all => all.iter().fold(self.demo.clone(), |dir, s| dir.join(s)),
        })
    }
}

/// Where `cargo xtask serve` writes the sample set of received results the desk can load.
pub fn sample_dir() -> PathBuf {
    cmd::target_dir().join("desk-sample")
}

/// A file's version as its `ETag` gives it: size and modification time.
fn file_version(metadata: &fs::Metadata) -> String {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    format!("{:x}-{modified:x}", metadata.len())
}

/// Reads the request head: its first line and the headers the server acts on.
fn read_head(stream: &TcpStream) -> io::Result<Head> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut head = Head::default();
    reader.read_line(&mut head.request_line)?;
    head.request_line = head.request_line.trim_end().to_owned();
    let mut header = String::new();
    loop {
        header.clear();
        if reader.read_line(&mut header)? == 0 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        if header.trim_end().is_empty() {
            return Ok(head);
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim().to_owned();
            match name.to_ascii_lowercase().as_str() {
                "user-agent" => head.user_agent = value,
                "accept-encoding" => head.accept_encoding = value,
                "if-none-match" => head.if_none_match = value,
                _ => {}
            }
        }
    }
}

/// The strict policy every demo page is served with, as the province's portal would: the
/// widget must work under it with no violation.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/// The first Chromium that knows `'wasm-unsafe-eval'`.
const WASM_UNSAFE_EVAL_FROM: u32 = 97;

/// The policy for the browser that asks: [`STRICT_CSP`], except for Chromium before 97, which
/// ignores `'wasm-unsafe-eval'` and compiles WebAssembly only under `'unsafe-eval'`. Sent to those
/// browsers alone, because `'unsafe-eval'` also lets a script of the page evaluate strings, which
/// no other browser needs; the widget evaluates none, and `script-src 'self'` still refuses any
/// script injected into the page (README.md, "Browsers").
pub fn policy_for(user_agent: &str) -> String {
    let chromium = user_agent
        .split(' ')
        // `Chrome/88.0…`, or `HeadlessChrome/88.0…` when headless.
        .find_map(|token| token.split_once("Chrome/").map(|(_, version)| version))
        .and_then(|version| version.split('.').next()?.parse::<u32>().ok());
    match chromium {
        Some(major) if major < WASM_UNSAFE_EVAL_FROM => STRICT_CSP.replace("'wasm-unsafe-eval'", "'unsafe-eval'"),
        _ => STRICT_CSP.to_owned(),
    }
}

fn write_response(mut stream: TcpStream, response: &Response, head_only: bool, user_agent: &str) -> io::Result<()> {
    let allow = if response.status == 405 { "Allow: GET, HEAD\r\n" } else { "" };
    let csp = if response.content_type.starts_with("text/html") {
        format!("Content-Security-Policy: {}\r\n", policy_for(user_agent))
    } else {
        String::new()
    };
    let encoding = response.encoding.map(|coding| format!("Content-Encoding: {coding}\r\n")).unwrap_or_default();
    let etag = response.etag.as_ref().map(|etag| format!("ETag: {etag}\r\n")).unwrap_or_default();
    let vary = if response.varies { "Vary: Accept-Encoding\r\n" } else { "" };
    // Every file is asked for again on each visit (`no-cache`), and comes back as 304 when it has
    // not changed: a new build shows at once, and the browser keeps its compiled WebAssembly.
    let cache = if response.status == 200 || response.status == 304 { "no-cache" } else { "no-store" };
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{encoding}{etag}{vary}\
         Cache-Control: {cache}\r\nX-Content-Type-Options: nosniff\r\n{csp}{allow}Connection: close\r\n\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len(),
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            demo: PathBuf::from("/d"),
            built: PathBuf::from("/b"),
            pkg: PathBuf::from("/p"),
            desk: PathBuf::from("/k"),
            log: false,
        }
    }

    #[test]
    fn maps_paths_to_files() {
        let site = site();
        let file = |target| site.file_for(target);
        assert_eq!(file("/"), Some(PathBuf::from("/d/index.html")));
        assert_eq!(file("/?x=1"), Some(PathBuf::from("/d/index.html")));
        assert_eq!(file("/style.css"), Some(PathBuf::from("/d/style.css")));
        assert_eq!(file("/pkg/a%20b.js"), Some(PathBuf::from("/p/a b.js")));
        assert_eq!(file("/pkg/x/y.wasm#f"), Some(PathBuf::from("/p/x/y.wasm")));
        assert_eq!(file("/desk/desk-worker.js"), Some(PathBuf::from("/k/desk-worker.js")));
        assert_eq!(file("/desk.html"), Some(PathBuf::from("/d/desk.html")));
    }

    #[test]
    fn rejects_traversal_and_malformed_targets() {
        let site = site();
        for target in ["/../Cargo.toml", "/pkg/../../x", "/%2e%2e/x", "/a%5c..", "/%zz", "x", "*"] {
            assert_eq!(site.file_for(target), None, "{target}");
        }
    }

    #[test]
    fn old_chromium_alone_gets_unsafe_eval_for_its_webassembly() {
        let chrome = |version: &str| {
            format!(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{version} Safari/537.36"
            )
        };
        for old in ["88.0.4298.0", "86.0.4240.198", "96.0.4664.45"] {
            let policy = policy_for(&chrome(old));
            assert!(
                policy.contains("script-src 'self' 'unsafe-eval';") && !policy.contains("wasm-unsafe-eval"),
                "{old}: {policy}"
            );
        }
        for current in ["97.0.4692.71", "109.0.5412.0", "156.0.8078.73"] {
            assert_eq!(policy_for(&chrome(current)), STRICT_CSP, "{current}");
        }
        assert!(
            policy_for("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/88.0.4298.0 Safari/537.36")
                .contains("'unsafe-eval'")
        );
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0";
        assert_eq!(policy_for(firefox), STRICT_CSP);
        assert_eq!(policy_for(""), STRICT_CSP);
    }

    #[test]
    fn reads_accept_encoding() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=1.0, br;q=0.5", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip, br;q=0.0", "br"));
        assert!(!accepts("gzip, deflate", "br"));
        assert!(!accepts("", "gzip"));
        assert!(accepts("GZIP", "gzip"));
    }

    #[test]
    fn names_content_types() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
    }
}
