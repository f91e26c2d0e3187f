//! Every string the command line writes, in Simplified Chinese and English side by side. The
//! other modules choose with `--lang`; none of them holds a sentence of its own. Whatever came
//! from input is passed in already escaped ([`crate::escape`]).
//!
//! Chinese text uses full-width punctuation (，。：；（）), ‘’ inside “”, and one term for one
//! thing: 自查结果 (a signed result), 作答文件 (an answers document), 自查目录 (a catalogue),
//! 密钥文件, 口令, 密钥备案表 (the bureau's register of keys), 折合千分制 (the per-mille score),
//! 实得分 and 适用满分 (the points), 自评等级 (the grade, the association's own).

use selfcheck_core::Lang;
use selfcheck_core::messages::period_range;

use selfcheck_files::ReadProblem;

pub(crate) use selfcheck_core::pick;

selfcheck_core::strings! {
    /// A word or short phrase of the command line, in both languages.
    pub enum Words {
        // What is read.
        /// An answers document.
        AnswersFile => "作答文件", "the answers file";
        /// A catalogue given with `--catalog`.
        CatalogueFile => "自查目录", "the catalogue";
        /// The association's key.
        KeyFile => "密钥文件", "the key file";
        /// `--passphrase-file`.
        PassphraseFile => "口令文件", "the passphrase file";
        /// `--trusted-keys`.
        RegisterFile => "密钥备案表", "the key register";
        /// A signed result.
        ResultFile => "自查结果文件", "the result";
        /// `--expected`.
        ExpectedFile => "应报名单", "the expected list";
        /// `--reviews`.
        ReviewFile => "审核记录文件", "the review file";
        /// `--notice`.
        NoticeFile => "整改通知", "the rectification notice";
        /// A file given with `verify --inputs`.
        InputFile => "文件", "the file";
        // The handbook (`catalog --format markdown`) and the report.
        AnswerKind => "作答方式", "Answer";
        Scale => "是 / 部分做到 / 否", "yes / partly / no";
        Binary => "是 / 否", "yes / no";
        Checklist => "逐项勾选", "tick the sub-items met";
        NaAllowed => "可选“不适用”", "\"not applicable\" allowed";
        Veto => "否决项", "Veto gate";
        Clause => "依据", "Clause";
        Guidance => "达标要求", "Full compliance";
        Evidence => "佐证材料", "Evidence";
        Action => "整改建议", "Rectification";
        Grades => "自评等级", "Grades";
        Source => "依据文件", "Source";
        CatalogueDigest => "目录摘要", "Catalogue digest";
        Association => "协会", "Association";
        Period => "自查期间", "Period";
        Grade => "自评等级", "Grade";
        Answered => "已作答", "Answered";
        Areas => "分项得分", "Areas";
        Vetoes => "触发否决项", "Vetoes triggered";
        Rectification => "整改清单", "Rectification list";
        NothingToFix => "无需整改。", "Nothing to fix.";
        MissingItems => "未达标子项", "Not met";
        Unanswered => "未作答", "unanswered";
        VetoFlag => "否决项", "veto gate";
        None => "无", "none";
        // A signed result (`report`).
        ResultTitle => "自查结果", "Self-assessment result";
        Validity => "有效性", "Validity";
        ValidVerified => "有效（签名与评分均已核验）", "valid (signature and score verified)";
        SignedAt => "签名时间（北京时间）", "Signed at (Beijing time)";
        PublicKeyId => "公钥标识", "Public key identifier (did:key)";
        Fingerprint => "密钥指纹", "Key fingerprint";
        ResultDigest => "结果摘要", "Result digest";
        Claimed => "结果自称（未经核验）", "What it claims (not verified)";
        Notes => "提示", "Notes";
        // Verdicts: the first words of each `verify` line and of each `summary` status.
        VerdictValid => "有效", "valid";
        VerdictInvalid => "无效", "INVALID";
        VerdictNotAResult => "不是自查结果", "NOT A RESULT";
        VerdictUnreadable => "无法读取", "UNREADABLE";
        StatusUnreadable => "无法读取", "unreadable";
        StatusNotRead => "未读取", "not read";
        // Passphrase prompts.
        PromptPassphrase => "密钥口令：", "Key passphrase: ";
        PromptNewPassphrase => "设置密钥口令：", "New key passphrase: ";
        PromptRepeatPassphrase => "再次输入口令：", "Repeat the passphrase: ";
        /// The verdict of a summary that, computed again from its files, differs.
        VerdictDiffers => "不一致", "DIFFERS";
        /// The verdict of a summary that cannot be computed again: a file it lists was not given.
        VerdictNotChecked => "无法核对", "NOT CHECKED";
    }
}

/// The prefix of every message on standard error.
pub fn program(lang: Lang, message: &str) -> String {
    pick!(lang, format!("selfcheck：{message}"), format!("selfcheck: {message}"))
}

/// `{role} {path}` cannot be read, and why; `path` is escaped.
pub fn cannot_read(lang: Lang, role: Words, path: &str, problem: &ReadProblem) -> String {
    let problem = read_problem(lang, problem);
    let role = role.get(lang);
    if path == "-" {
        return pick!(lang, format!("无法读取标准输入：{problem}"), format!("cannot read standard input: {problem}"));
    }
    pick!(lang, format!("无法读取{role} {path}：{problem}"), format!("cannot read {role} {path}: {problem}"))
}

pub use selfcheck_files::{read_problem, system_error};

/// Writing a file failed.
pub fn cannot_write(lang: Lang, path: &str, error: &std::io::Error) -> String {
    let error = system_error(lang, error);
    pick!(lang, format!("无法写入 {path}（{error}）"), format!("cannot write {path} ({error})"))
}

/// Writing to standard output failed (other than a reader that stopped early).
pub fn cannot_write_output(lang: Lang, error: &std::io::Error) -> String {
    let error = system_error(lang, error);
    pick!(lang, format!("无法写入标准输出（{error}）"), format!("cannot write to standard output ({error})"))
}

/// An input is also the output.
pub fn output_is_an_input(lang: Lang, path: &str, input: &str) -> String {
    pick!(
        lang,
        format!("{path} 就是输入文件 {input}；本工具从不覆盖输入文件，请另选输出文件名"),
        format!("{path} is the input {input}; selfcheck never overwrites an input: choose another name"),
    )
}

/// `keygen --out` names an existing file.
pub fn key_exists(lang: Lang, path: &str) -> String {
    pick!(
        lang,
        format!("{path} 已存在；本工具从不覆盖密钥（请先将它移走）"),
        format!("{path} exists; selfcheck never overwrites a key (move it away first)"),
    )
}

/// `sign --out` names an existing file and there is no `--force`.
pub fn out_exists(lang: Lang, path: &str) -> String {
    pick!(lang, format!("{path} 已存在；如要替换，请加 --force"), format!("{path} exists; pass --force to replace it"))
}

/// After `keygen`: the key is filed with the registration authority the catalogue names (广东省民政厅).
pub fn keep_the_key_safe(lang: Lang, path: &str) -> String {
    let authority = selfcheck_core::Catalogue::builtin().authority().get(lang).to_owned();
    pick!(
        lang,
        format!("请将 {path} 及其口令另存一份，妥善保管；并将密钥指纹报{authority}备案"),
        format!(
            "keep a copy of {path} and its passphrase in a safe place; register the fingerprint with the {authority}"
        ),
    )
}

/// The clock cannot be read as a Unix time.
pub fn clock_before_1970(lang: Lang) -> &'static str {
    pick!(lang, "系统时钟早于 1970 年，无法确定签名时间", "the system clock is before 1970")
}

/// The operating system's random generator failed.
pub fn random_failed(lang: Lang, error: &dyn std::fmt::Display) -> String {
    pick!(lang, format!("系统随机数生成器出错（{error}）"), format!("the system's random generator failed: {error}"))
}

/// A core error about a file, with what was being done.
pub fn cannot(lang: Lang, action: Action, path: &str, detail: &str) -> String {
    match action {
        Action::Score => pick!(lang, format!("无法计分 {path}：{detail}"), format!("cannot score {path}: {detail}")),
        Action::Sign => pick!(lang, format!("无法签名 {path}：{detail}"), format!("cannot sign {path}: {detail}")),
        Action::UseCatalogue => {
            pick!(
                lang,
                format!("无法使用自查目录 {path}：{detail}"),
                format!("cannot use the catalogue {path}: {detail}")
            )
        }
        Action::OpenKey => {
            pick!(lang, format!("无法打开密钥 {path}：{detail}"), format!("cannot open the key {path}: {detail}"))
        }
        Action::UseRegister => pick!(
            lang,
            format!("无法使用密钥备案表 {path}：{detail}"),
            format!("cannot use the key register {path}: {detail}")
        ),
        Action::UseExpected => pick!(
            lang,
            format!("无法使用应报名单 {path}：{detail}"),
            format!("cannot use the expected list {path}: {detail}")
        ),
        Action::UseReviews => pick!(
            lang,
            format!("无法使用审核记录文件 {path}：{detail}"),
            format!("cannot use the review file {path}: {detail}")
        ),
        Action::UseNotice => pick!(
            lang,
            format!("无法使用整改通知 {path}：{detail}"),
            format!("cannot use the rectification notice {path}: {detail}")
        ),
        Action::SignNotice => pick!(
            lang,
            format!("无法签发整改通知 {path}：{detail}"),
            format!("cannot issue the rectification notice {path}: {detail}")
        ),
        Action::SignSummary => pick!(
            lang,
            format!("无法签名审核汇总 {path}：{detail}"),
            format!("cannot sign the bureau summary {path}: {detail}")
        ),
    }
}

/// What the program was doing when the core refused.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// `score`.
    Score,
    /// `sign`.
    Sign,
    /// `--catalog`.
    UseCatalogue,
    /// `sign --key`.
    OpenKey,
    /// `--trusted-keys`.
    UseRegister,
    /// `--expected`.
    UseExpected,
    /// `--reviews`.
    UseReviews,
    /// `summary --sign`.
    SignSummary,
    /// `notice`.
    SignNotice,
    /// `summary --notice`.
    UseNotice,
}

/// `sign` with open criteria.
pub fn unanswered_note(lang: Lang, open: usize, total: usize) -> String {
    pick!(
        lang,
        format!("注意：{total} 项中有 {open} 项未作答，按零分计"),
        format!("note: {open} of {total} criteria are unanswered and score zero"),
    )
}

/// `sign` succeeded.
pub fn signed(lang: Lang, score: u32, grade: &str, fingerprint: &str, sm2: bool, out: Option<&str>) -> String {
    let proofs = if sm2 {
        pick!(lang, "附 Ed25519 签名和国密签名（SM2/SM3）", "with the Ed25519 and the SM2/SM3 signatures")
    } else {
        pick!(
            lang,
            "只附 Ed25519 签名：此密钥没有国密（SM2）部分，如需国密签名请生成新密钥并重新备案",
            "with the Ed25519 signature only: this key has no SM2 part (make a new key and file it again for an SM2/SM3 signature)"
        )
    };
    match out {
        Some(out) => pick!(
            lang,
            format!("已签名：折合千分制 {score}（自评等级：{grade}），密钥 {fingerprint}，{proofs}，已写入 {out}"),
            format!("signed: score {score} ({grade}), key {fingerprint}, {proofs}, written to {out}"),
        ),
        None => pick!(
            lang,
            format!("已签名：折合千分制 {score}（自评等级：{grade}），密钥 {fingerprint}，{proofs}"),
            format!("signed: score {score} ({grade}), key {fingerprint}, {proofs}"),
        ),
    }
}

/// `report` of a file that is not a result.
pub fn not_a_result(lang: Lang, path: &str, reason: &str) -> String {
    pick!(lang, format!("{path} 不是签名的自查结果：{reason}"), format!("{path} is not a signed result: {reason}"))
}

// Passphrases.

/// The two typed passphrases differ.
pub fn passphrases_differ(lang: Lang) -> &'static str {
    pick!(lang, "两次输入的口令不一致；未写入任何文件", "the two passphrases differ; nothing was written")
}

/// The passphrase file has nothing on its first line.
pub fn passphrase_file_empty(lang: Lang, path: &str) -> String {
    pick!(lang, format!("口令文件 {path} 的第一行是空的"), format!("the passphrase file {path} is empty"))
}

/// `SELFCHECK_PASSPHRASE` is set to nothing.
pub fn passphrase_variable_empty(lang: Lang, variable: &str) -> String {
    pick!(lang, format!("环境变量 {variable} 已设置，但内容为空"), format!("{variable} is set but empty"))
}

/// `SELFCHECK_PASSPHRASE` is not UTF-8.
pub fn passphrase_variable_not_utf8(lang: Lang, variable: &str) -> String {
    pick!(lang, format!("环境变量 {variable} 不是有效的 UTF-8 文本"), format!("{variable} is not valid UTF-8"))
}

/// No passphrase anywhere and no terminal to ask at.
pub fn no_passphrase(lang: Lang, variable: &str) -> String {
    pick!(
        lang,
        format!("未提供口令：请在终端中输入，或设置环境变量 {variable}，或使用 --passphrase-file 文件"),
        format!("no passphrase given: type it at a terminal, set {variable}, or pass --passphrase-file FILE"),
    )
}

/// The terminal could not be read.
pub fn cannot_read_passphrase(lang: Lang, error: &std::io::Error) -> String {
    let error = system_error(lang, error);
    pick!(lang, format!("无法读取口令（{error}）"), format!("cannot read the passphrase ({error})"))
}

// Summaries of many files.

/// Progress of a long `summary` or `verify`.
pub fn progress(lang: Lang, done: usize, total: usize, elapsed: std::time::Duration) -> String {
    let seconds = elapsed.as_secs();
    pick!(
        lang,
        format!("已核验 {done} / {total} 个文件（{seconds} 秒）"),
        format!("checked {done} of {total} files ({seconds} s)"),
    )
}

/// The counts `summary` ends with.
pub fn summary_counts(
    lang: Lang,
    files: usize,
    valid: usize,
    invalid: usize,
    not_results: usize,
    not_read: usize,
) -> String {
    let mut line = pick!(
        lang,
        format!("共 {files} 个文件：有效 {valid} 个，无效 {invalid} 个，不是自查结果 {not_results} 个"),
        format!("{files} files: {valid} valid, {invalid} invalid, {not_results} not results"),
    );
    if not_read > 0 {
        line.push_str(&pick!(
            lang,
            format!("；另有 {not_read} 项未读取（链接、管道、设备或无法读取的文件夹，详见表中各行）"),
            format!(
                "; {not_read} other entries not read (links, pipes, devices or unreadable folders: see their rows)"
            ),
        ));
    }
    line
}

/// `verify`'s line for a valid result (after the verdict and the file).
#[allow(clippy::too_many_arguments)]
pub fn valid_line(
    lang: Lang,
    name: &str,
    code: &str,
    from: &str,
    to: &str,
    score: u32,
    grade: &str,
    fingerprint: &str,
    sm2: &str,
) -> String {
    let period = period_range(from, to, lang);
    pick!(
        lang,
        format!("{name}（{code}），{period}，折合千分制 {score}（自评等级：{grade}），密钥 {fingerprint}，{sm2}"),
        format!("{name} ({code}), {period}, score {score} ({grade}), key {fingerprint}, {sm2}"),
    )
}

/// The warnings about a valid result, after its details on its `verify` line.
pub fn with_warnings(lang: Lang, detail: &str, warnings: &[String]) -> String {
    if warnings.is_empty() {
        return detail.to_owned();
    }
    pick!(lang, format!("{detail}；提示：{}", warnings.join("")), format!("{detail}; note: {}", warnings.join(" ")))
}

/// A line that starts with a verdict: `有效：FILE：…` / `valid: FILE: …`.
pub fn verdict_line(lang: Lang, verdict: Words, file: &str, detail: &str) -> String {
    let verdict = verdict.get(lang);
    pick!(lang, format!("{verdict}：{file}：{detail}"), format!("{verdict}: {file}: {detail}"))
}

/// A summary status: `无效：…` / `invalid: …`.
pub fn status(lang: Lang, status: Words, detail: &str) -> String {
    let status = status.get(lang);
    if detail.is_empty() {
        return status.to_owned();
    }
    pick!(lang, format!("{status}：{detail}"), format!("{status}: {detail}"))
}

/// `label: value` as the program's own line.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    pick!(lang, format!("{label}：{value}"), format!("{label}: {value}"))
}

/// A heading of the lines below it.
pub fn heading(lang: Lang, label: &str) -> String {
    pick!(lang, format!("{label}："), format!("{label}:"))
}

/// A name with its credit code.
pub fn name_and_code(lang: Lang, name: &str, code: &str) -> String {
    if code.is_empty() {
        return name.to_owned();
    }
    pick!(lang, format!("{name}（{code}）"), format!("{name} ({code})"))
}

/// The headline of a report: the per-mille score, with the points that explain it.
pub fn score_line(lang: Lang, score: u32, total: u32, maximum: u32) -> String {
    pick!(
        lang,
        format!("折合千分制：{score}（实得分 {total} / 适用满分 {maximum}）"),
        format!("Score (per mille): {score} ({total} of {maximum} applicable points)"),
    )
}

/// What a criterion below full points lost, with its flags.
pub fn lost(lang: Lang, points: u32, veto: bool, unanswered: bool) -> String {
    let mut parts = vec![pick!(lang, format!("扣 {points} 分"), format!("{points} points lost"))];
    if veto {
        parts.push(Words::VetoFlag.get(lang).to_owned());
    }
    if unanswered {
        parts.push(Words::Unanswered.get(lang).to_owned());
    }
    pick!(lang, format!("（{}）", parts.join("；")), format!(" ({})", parts.join("; ")))
}

/// A quoted clause of the notice.
pub fn clause(lang: Lang, section: &str, quote: &str) -> String {
    let label = Words::Clause.get(lang);
    let quote = selfcheck_core::messages::quoted(quote);
    pick!(lang, format!("{label} {section}：{quote}"), format!("{label} {section}: {quote}"))
}

/// Items of a list.
pub fn list(lang: Lang, items: &[String]) -> String {
    items.join(pick!(lang, "；", "; "))
}

/// A points figure in the handbook.
pub fn points(lang: Lang, points: u32) -> String {
    pick!(lang, format!("{points} 分"), format!("{points} points"))
}

/// What an invalid result claims, not verified.
pub fn claimed(lang: Lang, total: u32, maximum: u32, score: u32, grade: &str, vetoes: &str) -> String {
    let label = Words::Claimed.get(lang);
    pick!(
        lang,
        format!(
            "{label}：实得分 {total} / 适用满分 {maximum}，折合千分制 {score}，自评等级 {grade}，触发否决项 {vetoes}"
        ),
        format!("{label}: total {total} / {maximum}, score {score}, grade {grade}, vetoes {vetoes}"),
    )
}

// Errors of the core.

/// A core error in `lang`, as the core words it (input in it already escaped by the core, and
/// escaped again here, which changes nothing but guards the output).
pub fn core(lang: Lang, error: &selfcheck_core::Error) -> String {
    crate::escape::escape(&error.message(lang)).into_owned()
}

// The bureau's summary (`summary`'s text, its files table rows, signed summaries in `verify`).

/// The matrix's cell for a status, two columns wide in a terminal, and the legend's words.
pub fn cell_mark(lang: Lang, status: selfcheck_bureau::CellStatus, late: bool) -> &'static str {
    use selfcheck_bureau::CellStatus;
    match (status, late) {
        (CellStatus::Received, false) => pick!(lang, "已", "ok"),
        (CellStatus::Received, true) => pick!(lang, "迟", "lt"),
        (CellStatus::Duplicate, _) => pick!(lang, "重", "2x"),
        (CellStatus::Invalid, _) => pick!(lang, "无", "xx"),
        (CellStatus::Missing, _) => pick!(lang, "缺", "--"),
        (CellStatus::NotDue, _) => pick!(lang, "待", ".."),
        (CellStatus::Unlisted, _) => pick!(lang, "外", "nl"),
    }
}

/// What the matrix's marks mean.
pub fn matrix_legend(lang: Lang) -> &'static str {
    pick!(
        lang,
        "图例：已＝已报送，迟＝逾期报送，重＝同月收到两份以上不同的结果，无＝仅收到无效文件，缺＝未报送，待＝未到报送期限，外＝名单外协会首次报送之前的月份",
        "Legend: ok received, lt received late, 2x two or more different results, xx only invalid files, -- missing, .. not due yet, nl before the first file of an association not on the list",
    )
}

/// The matrix's heading.
pub fn matrix_heading(lang: Lang, first: &str, last: &str, deadline: Option<u32>, rows: usize) -> String {
    match deadline {
        Some(day) => pick!(
            lang,
            format!("报送情况：{first} 至 {last}，{rows} 个协会（每月结果须在次月 {day} 日前签名）"),
            format!(
                "Reporting: {first} to {last}, {rows} associations (each month's result due by day {day} of the next month)"
            ),
        ),
        None => pick!(
            lang,
            format!("报送情况：{first} 至 {last}，{rows} 个协会"),
            format!("Reporting: {first} to {last}, {rows} associations"),
        ),
    }
}

/// No file names a month: there is no matrix.
pub fn no_matrix(lang: Lang) -> &'static str {
    pick!(
        lang,
        "报送情况：没有任何文件注明自查期间，无法列出报送情况。",
        "Reporting: no file names a period, so there is no matrix."
    )
}

/// The matrix's column headings after the months.
pub fn matrix_columns(lang: Lang) -> (&'static str, &'static str, &'static str) {
    pick!(lang, ("统一社会信用代码", "最长连续未报", "名称"), ("Credit code", "Most missed", "Name"))
}

/// A row's name when only rejected files name it.
pub fn unverified_name(lang: Lang) -> &'static str {
    pick!(lang, "（名称未核实）", "(name unverified)")
}

/// Marks a row not on the expected list.
pub fn not_on_list(lang: Lang) -> &'static str {
    pick!(lang, "（不在应报名单中）", " (not on the expected list)")
}

/// The heading of the monthly figures.
pub fn months_heading(lang: Lang) -> &'static str {
    pick!(lang, "月度报送率：", "Monthly figures:")
}

/// One month's figures.
pub fn month_line(lang: Lang, figures: &selfcheck_bureau::MonthFigures) -> String {
    let f = figures;
    let rate = selfcheck_core::messages::percent(f.rate_per_mille);
    let mut line = pick!(
        lang,
        format!(
            "{}：应报 {}，已报送 {}，报送率 {}；其中逾期 {}，重复报送 {}；无效 {}，未报送 {}，未到期 {}",
            f.month, f.associations, f.received, rate, f.late, f.duplicate, f.invalid, f.missing, f.not_due
        ),
        format!(
            "{}: {} expected, {} received, rate {}; {} late, {} duplicate; {} invalid, {} missing, {} not due",
            f.month, f.associations, f.received, rate, f.late, f.duplicate, f.invalid, f.missing, f.not_due
        ),
    );
    if f.unlisted_received > 0 {
        line.push_str(&pick!(
            lang,
            format!("；另有 {} 个名单外协会报送", f.unlisted_received),
            format!("; {} received from associations not on the list", f.unlisted_received),
        ));
    }
    line
}

/// `notice` without what the notice must name, and no result to take it from.
pub fn notice_needs(lang: Lang, option: &str) -> String {
    pick!(
        lang,
        format!("请用 {option} 给出，或用 --from 给出该协会的签名结果"),
        format!("give {option}, or the association's signed result with --from")
    )
}

/// A value of `option` that is wrong, and why.
pub fn bad_option(lang: Lang, option: &str, why: &str) -> String {
    pick!(lang, format!("{option} 有误：{why}"), format!("{option} is wrong: {why}"))
}

/// A text that is not a date.
pub fn not_a_date(lang: Lang, text: &str) -> String {
    pick!(
        lang,
        format!("“{text}”不是有效日期（应为 2026-12-31 这样的格式）"),
        format!("\"{text}\" is not a date of the form YYYY-MM-DD")
    )
}

/// What `notice` says once the notice is written.
pub fn notice_signed(lang: Lang, items: usize, deadline: &str, fingerprint: &str, path: &str) -> String {
    pick!(
        lang,
        format!("已签发整改通知：整改事项 {items} 项，整改期限 {deadline}，密钥指纹 {fingerprint}，已写入 {path}"),
        format!(
            "rectification notice issued: {items} criteria to fix by {deadline}, key fingerprint {fingerprint}, written to {path}"
        )
    )
}

/// `verify`'s line for a valid rectification notice (after the verdict and the file).
pub fn notice_line(lang: Lang, name: &str, code: &str, items: usize, deadline: &str, fingerprint: &str) -> String {
    pick!(
        lang,
        format!("整改通知：{name}（{code}），整改事项 {items} 项，整改期限 {deadline}，签发密钥 {fingerprint}"),
        format!(
            "rectification notice: {name} ({code}), {items} criteria to fix by {deadline}, signed with key {fingerprint}"
        ),
    )
}

/// The heading of the notices followed.
pub fn notices_heading(lang: Lang, count: usize) -> String {
    pick!(lang, format!("整改通知（{count} 份）："), format!("Rectification notices ({count}):"))
}

/// Where one notice stands, and what is still open.
pub fn notice_state_line(lang: Lang, name: &str, code: &str, deadline: &str, state: &str, open: &str) -> String {
    let open_zh = if open.is_empty() { String::new() } else { format!("，尚未整改：{open}") };
    let open_en = if open.is_empty() { String::new() } else { format!("; still open: {open}") };
    pick!(
        lang,
        format!("{name}（{code}），整改期限 {deadline}：{state}{open_zh}"),
        format!("{name} ({code}), due {deadline}: {state}{open_en}")
    )
}

/// The heading of the problems reported.
pub fn problems_heading(lang: Lang, count: usize) -> String {
    pick!(lang, format!("新情况、新问题（{count} 条）："), format!("New situations and problems ({count}):"))
}

/// One problem reported: month, association, its number and title, help asked, handling.
#[allow(clippy::too_many_arguments)]
pub fn problem_line(
    lang: Lang,
    month: &str,
    name: &str,
    code: &str,
    number: u32,
    title: &str,
    help: bool,
    handling: &str,
) -> String {
    pick!(
        lang,
        format!(
            "{month} {name}（{code}）第 {number} 条：{title}{}；{handling}",
            if help { "（请求协助）" } else { "" }
        ),
        format!("{month} {name} ({code}) no. {number}: {title}{}; {handling}", if help { " (help asked)" } else { "" }),
    )
}

/// The heading of the anomalies.
pub fn anomalies_heading(lang: Lang, count: usize) -> String {
    pick!(lang, format!("异常（{count} 项）："), format!("Anomalies ({count}):"))
}

/// No anomaly.
pub fn no_anomalies(lang: Lang) -> &'static str {
    pick!(lang, "异常：无。", "Anomalies: none.")
}

/// One anomaly: what it is, and the files.
pub fn anomaly_line(lang: Lang, message: &str, files: &[String]) -> String {
    let files = files.join(pick!(lang, "，", ", "));
    pick!(lang, format!("{message}文件：{files}"), format!("{message} Files: {files}"))
}

/// After the files an anomaly's line names: how many more there are.
pub fn more_files(lang: Lang, more: usize) -> String {
    pick!(lang, format!("另有 {more} 个文件（见导出表格）"), format!("and {more} more (see the exports)"))
}

/// The heading of the files that did not pass.
pub fn rejected_heading(lang: Lang, count: usize) -> String {
    pick!(lang, format!("未通过核验的文件（{count} 个）："), format!("Files that did not pass ({count}):"))
}

/// A file that did not pass: the stage first, then the file, then why.
pub fn rejected_line(lang: Lang, stage: &str, file: &str, reason: &str) -> String {
    pick!(lang, format!("{stage}：{file}：{reason}"), format!("{stage}: {file}: {reason}"))
}

/// The ranking's and the province's line in the text: where to find them.
pub fn ranking_note(lang: Lang, ranked: usize) -> String {
    pick!(
        lang,
        format!("排名：{ranked} 个协会（完整排名、评价标准、领域与等级分布见 --xlsx 或 --format json）。"),
        format!(
            "Ranking: {ranked} associations (the full ranking, criteria, areas and grades are in --xlsx or --format json)."
        ),
    )
}

/// A signed summary was written.
pub fn summary_signed(lang: Lang, kind: &str, inputs: usize, fingerprint: &str, out: &str) -> String {
    pick!(
        lang,
        format!("已签名审核汇总（{kind}，依据 {inputs} 个文件），密钥 {fingerprint}，已写入 {out}"),
        format!("signed the bureau summary ({kind}, from {inputs} files), key {fingerprint}, written to {out}"),
    )
}

/// `verify`'s detail for a signed summary whose signature holds.
pub fn summary_verified(lang: Lang, content: &str, inputs: usize, signed: &str, fingerprint: &str) -> String {
    pick!(
        lang,
        format!("签名的审核汇总（{content}，依据 {inputs} 个文件），签名时间 {signed}（北京时间），密钥 {fingerprint}"),
        format!(
            "signed bureau summary ({content}, from {inputs} files), signed at {signed} (Beijing time), key {fingerprint}"
        ),
    )
}

/// `verify`'s note when no files were given to compute a summary again.
pub fn summary_not_reproduced(lang: Lang) -> &'static str {
    pick!(
        lang,
        "未重新计算（用 --inputs 给出其所列文件即可核对内容）",
        "not computed again (give the files it lists with --inputs to check its content)",
    )
}

/// A summary's detail, then whether it reproduces.
pub fn with_reproduction(lang: Lang, detail: &str, reproduction: &str) -> String {
    pick!(lang, format!("{detail}；{reproduction}"), format!("{detail}; {reproduction}"))
}
