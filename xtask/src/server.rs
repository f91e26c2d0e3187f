//! A small static file server for the widget and the desk, bound to 127.0.0.1 only: `/` is
//! `web/demo/index.html`, `/pkg/…` comes from `pkg/`, `/desk/…` from `desk-pkg/` (the review
//! desk's build), and any other path from
//! `web/demo/`.

use std::fs;
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

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
}

impl Response {
    fn error(status: u16) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {}\n", reason(status)).into_bytes(),
        }
    }
}

impl Site {
    fn handle(&self, stream: TcpStream) {
        // A connection that never sends a request (browsers open spare ones) is dropped.
        if stream.set_read_timeout(Some(Duration::from_secs(10))).is_err() {
            return;
        }
        let Ok((request_line, user_agent)) = read_head(&stream) else {
            return;
        };
        let mut parts = request_line.split(' ');
        let (method, target) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(method), Some(target), Some(version), None) if version.starts_with("HTTP/1.") => (method, target),
            _ => ("", ""),
        };
        let response = match method {
            "" => Response::error(400),
            "GET" | "HEAD" => self.respond(target),
            _ => Response::error(405),
        };
        if self.log {
            eprintln!("{request_line} -> {}", response.status);
        }
        // The client may have gone away; nothing to do about it.
        let _ = write_response(stream, &response, method == "HEAD", &user_agent);
    }

    fn respond(&self, target: &str) -> Response {
        let Some(path) = self.file_for(target) else {
            return Response::error(400);
        };
        match fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => match fs::read(&path) {
                Ok(body) => Response { status: 200, content_type: content_type(&path), body },
                Err(_) => Response::error(500),
            },
            _ => Response::error(404),
        }
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
        Some(match segments.as_slice() {
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

/// Reads the request head and returns its first line and its User-Agent (empty when none): the
/// policy a page is served with depends on the browser (see [`policy_for`]).
fn read_head(stream: &TcpStream) -> io::Result<(String, String)> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut user_agent = String::new();
    let mut header = String::new();
    loop {
        header.clear();
        if reader.read_line(&mut header)? == 0 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        if header.trim_end().is_empty() {
            return Ok((request_line.trim_end().to_owned(), user_agent));
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            user_agent = value.trim().to_owned();
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
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n{csp}{allow}Connection: close\r\n\r\n",
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
        Site { demo: PathBuf::from("/d"), pkg: PathBuf::from("/p"), desk: PathBuf::from("/k"), log: false }
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
    fn names_content_types() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
    }
}
