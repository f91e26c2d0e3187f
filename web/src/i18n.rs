//! Every interface string of the widget, in Simplified Chinese and English side by side, and
//! the wording of the core's errors for people.

use selfcheck_core::credit_code::{CreditCodeError, CreditCodeWarning};
use selfcheck_core::{Error, Lang, ProblemKind};

macro_rules! strings {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        /// An interface string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($name,)* }

        impl S {
            /// The string in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$name, Lang::Zh) => $zh, (S::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    LanguageSwitch => "English", "中文";
    LanguageSwitchLabel => "Switch to English", "切换到中文";
    Results => "自查结果", "Results";
    Total => "得分", "Total";
    Score => "千分制得分", "Score (per mille)";
    Grade => "等级", "Grade";
    Answered => "已作答", "Answered";
    Points => "分", "points";
    Yes => "是", "Yes";
    Partly => "部分", "Partly";
    No => "否", "No";
    NotApplicable => "不适用", "Not applicable";
    Guidance => "达标要求与佐证材料", "Full compliance and evidence";
    FullCompliance => "达标要求", "Full compliance";
    Evidence => "佐证材料", "Evidence";
    Clause => "依据", "Clause";
    Action => "整改建议", "Rectification";
    Veto => "否决项", "Veto gate";
    Vetoes => "触发否决项", "Vetoes triggered";
    AreaChart => "分项得分率", "Share of points by area";
    Area => "领域", "Area";
    AreaPoints => "得分 / 满分", "Points / maximum";
    Rectification => "整改清单", "What to fix";
    NothingToFix => "无需整改。", "Nothing to fix.";
    ShowAll => "显示全部", "Show all";
    ShowFewer => "只显示前 50 项", "Show the first 50 only";
    Lost => "失分", "lost";
    Unanswered => "未作答", "unanswered";
    MissingItems => "未达标子项", "Not met";
    Note => "备注", "Note";
    AddLink => "添加链接", "Add link";
    LinkLabel => "佐证链接（http:// 或 https://）", "Evidence link (http:// or https://)";
    FileLabel => "佐证文件（只计算摘要，文件不会离开本机）", "Evidence file (only its digest is recorded; the file stays on this computer)";
    Remove => "删除", "Remove";
    Hashing => "正在计算文件摘要…", "Computing the file's digest…";
    Navigation => "自查领域", "Areas";
    Progress => "完成进度", "Progress";
    NextUnanswered => "下一个未作答项", "Next unanswered";
    AllAnswered => "所有项目均已作答。", "Every criterion is answered.";
    Profile => "协会信息", "Association";
    ProfileName => "协会名称", "Association name";
    CreditCode => "统一社会信用代码", "Unified social credit code";
    ContactPerson => "联系人", "Contact person";
    ContactPhone => "联系电话", "Telephone";
    ContactEmail => "电子邮箱", "E-mail";
    PeriodFrom => "自查期间（起）", "Period from";
    PeriodTo => "自查期间（止）", "Period to";
    Draft => "草稿", "Draft";
    Saved => "草稿已保存在本浏览器", "Draft saved in this browser";
    Saving => "正在保存…", "Saving…";
    StorageOff => "本页不保存草稿", "Drafts are not saved on this page";
    StorageFailed => "草稿无法保存在浏览器中（存储空间已满或处于隐私模式）。请下载草稿文件以免丢失。", "The draft cannot be saved in this browser (storage is full or private mode is on). Download the draft file so that nothing is lost.";
    DownloadDraft => "下载草稿文件", "Download draft file";
    LoadDraft => "载入草稿文件", "Load draft file";
    StartOver => "重新开始", "Start over";
    StartOverQuestion => "清除全部作答、备注、佐证和协会信息，重新开始？此操作无法撤销（可先下载草稿文件）。", "Clear every answer, note, piece of evidence and the association's details and start over? This cannot be undone (download the draft file first if in doubt).";
    ConfirmStartOver => "清除并重新开始", "Clear and start over";
    Cancel => "取消", "Cancel";
    Conflict => "此草稿已在另一个标签页中被修改。为免互相覆盖，本页已暂停保存。", "This draft was changed in another tab. To avoid overwriting, this page has stopped saving.";
    LoadOtherTab => "载入另一标签页的版本", "Load the other tab's version";
    KeepThisTab => "保留本页版本并保存", "Keep this page's version and save it";
    Print => "打印摘要", "Print summary";
    KeySection => "签名密钥", "Signing key";
    KeyIntro => "导出的自查结果由协会自己的密钥签名。密钥只以加密形式保存在本浏览器中。", "Exported results are signed with the association's own key. The key is kept in this browser only in encrypted form.";
    NewPassphrase => "设置密钥口令（至少 8 个字符）", "New key passphrase (at least 8 characters)";
    RepeatPassphrase => "再次输入口令", "Repeat the passphrase";
    CreateKey => "创建密钥", "Create key";
    CreatingKey => "正在创建并加密密钥…", "Creating and encrypting the key…";
    LoadKey => "载入已有密钥文件", "Load an existing key file";
    DownloadKey => "下载密钥备份文件（使用前必须下载）", "Download the key backup (required before use)";
    KeyBackupNeeded => "请先下载密钥备份文件并妥善保管，然后才能用它签名。", "Download the key backup and keep it safe before signing with it.";
    KeyReady => "密钥已备份，可以签名。", "The key is backed up and ready to sign.";
    Fingerprint => "密钥指纹", "Key fingerprint";
    ForgetKey => "从本浏览器移除密钥", "Remove the key from this browser";
    PassphraseMismatch => "两次输入的口令不一致。", "The two passphrases differ.";
    Export => "签名并导出结果", "Sign and export result";
    ExportSection => "签名导出", "Sign and export";
    UnlockPassphrase => "密钥口令", "Key passphrase";
    Signing => "正在解锁密钥并签名…", "Unlocking the key and signing…";
    ExportNeedsProfile => "签名前请填写协会名称、统一社会信用代码和自查期间。", "Fill in the association's name, credit code and period before signing.";
    ExportNeedsKey => "签名前请先创建或载入密钥，并下载备份。", "Create or load a key, and download its backup, before signing.";
    Exported => "已导出签名结果：", "Signed result exported: ";
    ImportSection => "导入已签名结果", "Import a signed result";
    ImportIntro => "导入本月或以往的签名结果：先核验，再选择以其作答继续，或与当前草稿逐项对比。", "Import this month's or an earlier signed result: it is verified first; then continue from its answers or compare it with the current draft.";
    ImportFile => "选择结果文件", "Choose a result file";
    ImportFailed => "无法导入，当前草稿未作任何改动：", "Not imported; the current draft is unchanged: ";
    ImportVerified => "结果有效（签名与评分已核验）：", "Valid result (signature and score verified): ";
    ImportContinue => "以此结果的作答继续", "Continue from its answers";
    ImportReplaceQuestion => "用导入结果的作答和协会信息替换当前草稿？（可先下载草稿文件）", "Replace the current draft with the imported answers and association details? (Download the draft file first if in doubt.)";
    ConfirmImport => "替换当前草稿", "Replace the current draft";
    ImportCompare => "与当前草稿对比", "Compare with the current draft";
    Imported => "导入结果", "Imported";
    Current => "当前草稿", "Current draft";
    Change => "变化", "Change";
    DraftLoaded => "草稿已载入。", "Draft loaded.";
    DraftFileInvalid => "草稿文件无法载入，当前草稿未改动：", "The draft file cannot be loaded; the current draft is unchanged: ";
    FileUnreadable => "文件无法读取：", "The file cannot be read: ";
    EvidenceRefused => "未添加佐证：", "Evidence not added: ";
    PrintTitle => "行业自律与诚信创建活动自查结果摘要", "Self-assessment summary: industry self-discipline and integrity campaign";
    SignedAt => "签名时间", "Signed at";
    ResultDigest => "结果摘要（SHA-256）", "Result digest (SHA-256)";
    NotExported => "尚未签名导出，或导出后草稿已修改：请先导出结果再打印，摘要中的二维码标识所提交的结果文件。", "Not signed yet, or the draft changed since the export: export the result, then print; the QR code identifies the submitted result file.";
    Seal => "协会盖章", "Seal of the association";
    Signature => "负责人签字", "Signature of the person in charge";
    Date => "日期", "Date";
    Close => "关闭", "Close";
    Period => "自查期间", "Period";
    Criterion => "标准", "Criterion";
    LoadFailed => "自查工具加载失败。", "The self-assessment failed to load.";
}

/// A core error in plain words of `lang`: the core's own wording, shared with the CLI.
pub fn error_text(error: &Error, lang: Lang) -> String {
    error.message(lang)
}

/// A problem in plain words of `lang`, without its place.
pub fn problem_text(kind: &ProblemKind, lang: Lang) -> String {
    selfcheck_core::messages::problem_kind(kind, lang)
}

/// What is wrong with a credit code, in plain words of `lang`.
pub fn credit_code_text(error: &CreditCodeError, lang: Lang) -> String {
    selfcheck_core::messages::credit_code(error, lang)
}

/// A credit code warning in plain words of `lang`.
pub fn credit_warning_text(warning: CreditCodeWarning, lang: Lang) -> String {
    selfcheck_core::messages::credit_code_warning(warning, lang)
}
