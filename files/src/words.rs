//! Why an input or a folder's entry is not read, in Simplified Chinese and English side by side:
//! the words the command line prints and every binding returns, written once. Paths in them come
//! escaped ([`crate::display_path`]).

use selfcheck_core::{Lang, pick};

use crate::display_path;
use crate::read::{Encoding, ReadProblem};
use crate::system::FileKind;
use crate::walk::Skip;

/// Why an input cannot be read.
pub fn read_problem(lang: Lang, problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::NotFound => pick!(lang, "没有这个文件", "there is no such file").to_owned(),
        ReadProblem::PermissionDenied => pick!(lang, "没有读取它的权限", "permission to read it is denied").to_owned(),
        ReadProblem::LinkLoop => {
            pick!(lang, "它是循环的链接，永远到不了文件", "it is a link that loops and never reaches a file").to_owned()
        }
        ReadProblem::NotAFile { kind, link_target } => {
            let what = file_kind(lang, *kind);
            match link_target {
                Some(target) => {
                    let target = display_path(target);
                    pick!(
                        lang,
                        format!("它是指向{what}（{target}）的链接，不是文件，不读取"),
                        format!("it is a link to {what} ({target}), not a file, so it is not read"),
                    )
                }
                None => pick!(
                    lang,
                    format!("它是{what}，不是文件，不读取"),
                    format!("it is {what}, not a file, so it is not read"),
                ),
            }
        }
        ReadProblem::TooLarge { size: Some(size), limit } => pick!(
            lang,
            format!("它有 {size} 字节，超过 {limit} 字节的上限"),
            format!("it is {size} bytes, more than the limit of {limit} bytes"),
        ),
        ReadProblem::TooLarge { size: None, limit } => pick!(
            lang,
            format!("它超过 {limit} 字节的上限（读到上限即停止）"),
            format!("it is more than the limit of {limit} bytes (reading stopped there)"),
        ),
        ReadProblem::NotUtf8 { encoding: Encoding::Gbk, .. } => pick!(
            lang,
            "它似乎是 GBK（ANSI）编码的文本，不是 UTF-8；请另存为 UTF-8（记事本：“另存为”，编码选“UTF-8”）",
            "it seems to be GBK (ANSI) text, not UTF-8; save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        )
        .to_owned(),
        ReadProblem::NotUtf8 { encoding: Encoding::Utf16, .. } => pick!(
            lang,
            "它是 UTF-16（“Unicode”）编码的文本，不是 UTF-8；请另存为 UTF-8",
            "it is UTF-16 (\"Unicode\") text, not UTF-8; save it as UTF-8",
        )
        .to_owned(),
        ReadProblem::NotUtf8 { encoding: Encoding::Unknown, offset } => pick!(
            lang,
            format!("它不是 UTF-8 编码的文本（第 {} 个字节起）；请另存为 UTF-8 编码", offset + 1),
            format!("it is not UTF-8 text (from byte {}); save it as UTF-8", offset + 1),
        ),
        ReadProblem::Io(error) => {
            let error = system_error(lang, error);
            pick!(lang, format!("读取出错（{error}）"), format!("reading failed ({error})"))
        }
    }
}

/// What a path is, when it is not a regular file.
pub fn file_kind(lang: Lang, kind: FileKind) -> &'static str {
    match kind {
        FileKind::Directory => pick!(lang, "文件夹", "a folder"),
        FileKind::Fifo => pick!(lang, "命名管道", "a named pipe (FIFO)"),
        FileKind::Socket => pick!(lang, "套接字", "a socket"),
        FileKind::CharDevice => pick!(lang, "字符设备", "a character device"),
        FileKind::BlockDevice => pick!(lang, "块设备", "a block device"),
        FileKind::Other => pick!(lang, "特殊文件", "a special file"),
    }
}

/// What the system said went wrong: in Chinese for the failures people meet, else the system's
/// own words.
pub fn system_error(lang: Lang, error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let zh = match error.kind() {
        ErrorKind::NotFound => "没有这个文件或文件夹",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::IsADirectory => "这是文件夹",
        ErrorKind::NotADirectory => "路径中有一部分不是文件夹",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::ReadOnlyFilesystem => "文件系统为只读",
        _ => return pick!(lang, format!("系统错误：{error}"), error.to_string()),
    };
    pick!(lang, zh.to_owned(), error.to_string())
}

/// Why an entry of a folder is not read.
pub fn not_read(lang: Lang, reason: &Skip) -> String {
    match reason {
        Skip::NotAFile(FileKind::Fifo) => pick!(
            lang,
            "它是命名管道，不是文件，不读取（管道只有在直接列出时才读取）".to_owned(),
            "it is a named pipe (FIFO), not a file, so it is not read (a pipe is read only when named)".to_owned(),
        ),
        Skip::NotAFile(kind) => {
            let what = file_kind(lang, *kind);
            pick!(lang, format!("它是{what}，不是文件，不读取"), format!("it is {what}, not a file, so it is not read"))
        }
        Skip::BrokenLink(target) => pick!(
            lang,
            format!("它是失效的链接（指向 {target}，该处没有文件）"),
            format!("it is a broken link (to {target}, where there is nothing)"),
        ),
        Skip::LinkLoop => pick!(
            lang,
            "它是循环的链接，永远到不了文件".to_owned(),
            "it is a link that loops and never reaches a file".to_owned()
        ),
        Skip::LinkOutside(target) => pick!(
            lang,
            format!("它是指向所列文件夹之外的链接（{target}），未跟随；如需汇总，请直接列出该处"),
            format!("it is a link to {target}, outside the folders named, and is not followed (name it to include it)"),
        ),
        Skip::LinkToFolder(target) => pick!(
            lang,
            format!("它是指向本次汇总范围内文件夹的链接（{target}），未跟随，以免重复计数"),
            format!(
                "it is a link to a folder summarised anyway ({target}) and is not followed, so nothing is counted twice"
            ),
        ),
        Skip::LinkToFile(target) => pick!(
            lang,
            format!("它是指向 {target} 的链接；该文件在其所在位置计入"),
            format!("it is a link to {target}, which is counted where it is"),
        ),
        Skip::SameFile(first) => pick!(
            lang,
            format!("它与 {first} 是同一个文件，只计一次"),
            format!("it is the same file as {first}, counted once"),
        ),
        Skip::SameFolder(first) => pick!(
            lang,
            format!("它与 {first} 是同一个文件夹，只汇总一次"),
            format!("it is the same folder as {first}, summarised once"),
        ),
        Skip::UnreadableFolder(problem) => {
            let problem = read_problem(lang, problem);
            pick!(lang, format!("无法读取该文件夹：{problem}"), format!("the folder cannot be read: {problem}"))
        }
    }
}

impl ReadProblem {
    /// The problem in plain words of `lang` (input in it escaped).
    pub fn message(&self, lang: Lang) -> String {
        read_problem(lang, self)
    }
}
