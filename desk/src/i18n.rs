//! Every interface string of the desk, in Simplified Chinese and English side by side.

use selfcheck_core::Lang;

macro_rules! strings {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        /// An interface string of the desk.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $(#[doc = $en] $name,)* }

        impl T {
            /// The string in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$name, Lang::Zh) => $zh, (T::$name, Lang::En) => $en,)*
                }
            }

            /// The string with each `{}` filled in, in order.
            pub fn with(self, lang: Lang, values: &[&str]) -> String {
                values.iter().fold(self.get(lang).to_owned(), |text, value| text.replacen("{}", value, 1))
            }
        }
    };
}

strings! {
    Title => "审核台", "Review desk";
    Subtitle => "行业自律与诚信创建活动自查结果的接收、核验与分析；全部在本浏览器内完成，文件不上传。", "Receive, verify and analyse the associations' self-assessment results; everything happens in this browser and no file is uploaded.";
    LanguageSwitch => "English", "中文";
    LanguageSwitchLabel => "Switch to English", "切换到中文";
    Sections => "审核台各部分", "Parts of the desk";
    Load => "接收文件", "Receive files";
    ChooseFiles => "选择文件（可多选）", "Choose files (several at once)";
    ChooseFolder => "选择整个文件夹", "Choose a whole folder";
    DropHere => "或把文件拖放到这里", "Or drop files here";
    Progress => "核验进度", "Verification progress";
    ProgressText => "已核验 {} / {} 个文件", "{} of {} files verified";
    Loaded => "共 {} 个文件：有效 {} 个，无效或不是结果 {} 个。", "{} files: {} valid, {} invalid or not a result.";
    NothingLoaded => "尚未接收文件。", "No file received yet.";
    CancelLoad => "取消读取", "Cancel";
    CopyOf => "与“{}”是同一份结果，只计一次。", "The same result as “{}”: counted once.";
    Cancelled => "已取消：已读取 {} / {} 个文件，其余未读取。现共 {} 个文件，有效 {} 个。", "Cancelled: {} of {} files read, the rest not. {} files held now, {} valid.";
    ClearFiles => "清空已接收的文件", "Clear the received files";
    Register => "密钥备案表", "Key register";
    RegisterHint => "每行一条：统一社会信用代码、空格、密钥指纹（与命令行工具读取的文件格式相同）。", "One line each: credit code, a space, key fingerprint (the file the command line tool reads).";
    Expected => "应报名单", "Expected list (associations expected to report)";
    ExpectedHint => "逗号分隔的表格（可由电子表格另存）：单位名称、统一社会信用代码（与命令行工具读取的文件格式相同）。", "Comma-separated table (a spreadsheet saved as CSV): name and credit code (the file the command line tool reads).";
    FromFile => "读自文件“{}”，按收到的原样核验和计算摘要；编辑后以编辑的文字为准。", "Read from “{}”: checked and hashed exactly as received; once edited, the text as edited counts.";
    LoadFile => "读入文件", "Load a file";
    Apply => "应用", "Apply";
    Download => "下载", "Download";
    Applied => "已应用并保存在本浏览器中。", "Applied and kept in this browser.";
    Verdicts => "核验结论", "Verdicts";
    File => "文件", "File";
    Verdict => "结论", "Verdict";
    Association => "协会", "Association";
    CreditCode => "统一社会信用代码", "Credit code";
    Period => "自查期间", "Period";
    Unverified => "（未经核验，仅为文件自称）", "(unverified, only what the file claims)";
    Show => "显示", "Show";
    All => "全部", "All";
    OnlyAccepted => "有效", "Valid";
    OnlyInvalid => "无效", "Invalid";
    OnlyKey => "密钥未备案或不符", "Key not on file or different";
    Matrix => "月度报送情况", "Monthly reporting";
    MissedTwo => "只显示连续 2 个月以上未报送的协会", "Only associations that missed 2 or more months in a row";
    MissedTwoFilter => "连续 2 个月以上未报送", "missed 2 or more months in a row";
    FilterInForce => "筛选：{}", "Filter: {}";
    SearchFilter => "名称或代码含“{}”", "name or code containing “{}”";
    VetoFilter => "触发否决项的结果", "results with a veto";
    Rate => "报送率", "Reporting rate";
    MonthFigures => "各月汇总", "Each month";
    Month => "月份", "Month";
    Received => "已报送", "Received";
    Late => "逾期", "Late";
    Duplicate => "重复报送", "Duplicate";
    Invalid => "无效", "Invalid";
    Missing => "未报送", "Missing";
    LongestRun => "最长连续未报送（月）", "Longest run missed (months)";
    Ranking => "排名", "Ranking";
    Rank => "名次", "Rank";
    Score => "折合千分制", "Score (per mille)";
    Grade => "自评等级", "Self-assessed grade";
    Vetoes => "否决项", "Vetoes";
    Answered => "已作答", "Answered";
    KeyStatus => "密钥备案", "Key on file";
    SignedAt => "签名时间（北京时间）", "Signed (Beijing time)";
    Review => "审核状态", "Review";
    Search => "按名称或代码查找", "Search by name or code";
    AnyMonth => "各协会最近一期结果", "Each association's latest result";
    RankingMonth => "排名月份", "Month ranked";
    NotOnList => "名单外", "Not on the list";
    NotRanked => "不参与排名", "not ranked";
    Settings => "审核设置", "Review settings";
    SettingsHint => "与命令行工具的汇总选项相同；导出的表格、打印的报告和签名汇总都注明所用设置。", "The same as the command line tool's summary options; the exports, the printed report and the signed summary state the settings used.";
    Deadline => "报送截止日", "Deadline";
    NoDeadline => "不设截止日（月份结束即为应报）", "None (a month is due once it has ended)";
    DeadlineDay => "次月 {} 日", "Day {} of the following month";
    MonthsRange => "月份范围", "Months";
    MonthsFrom => "自", "From";
    MonthsTo => "至", "To";
    MonthsEmpty => "两项都留空：按收到的结果确定（最多 24 个月）。", "Leave both empty to take them from the results (at most 24 months).";
    MonthsHalf => "请同时填写起止两个月份，或两项都留空。", "Fill in both months, or leave both empty.";
    MonthWritten => "月份请写成“2026-01”的形式。", "Write months as 2026-01.";
    MonthsOutOfRange => "截止月份不能早于起始月份，且范围最多 120 个月。", "The last month cannot come before the first, and the range is at most 120 months.";
    Longest => "自查期间最长", "Longest period";
    Days => "天", "days";
    LongestRange => "请填写 1 至 3660 之间的天数。", "Give a number of days from 1 to 3660.";
    AnyGrade => "全部等级", "Every grade";
    WithVetoes => "只显示触发否决项的", "Only those with a veto";
    Rows => "显示 {} / {} 行", "Showing {} of {} rows";
    ShowMore => "再显示 100 行", "Show 100 more";
    Anomalies => "异常", "Anomalies";
    NoAnomalies => "未发现异常。", "No anomaly found.";
    Exports => "导出", "Exports";
    AnalysisJson => "分析结果（JSON）", "Analysis (JSON)";
    Xlsx => "Excel 工作簿（XLSX）", "Excel workbook (XLSX)";
    CsvRanking => "排名（CSV）", "Ranking (CSV)";
    CsvMatrix => "月度报送情况（CSV）", "Monthly reporting (CSV)";
    Close => "关闭", "Close";
    Open => "查看 {}", "Open {}";
    NoAccepted => "该协会没有有效的结果。", "This association has no valid result.";
    Opening => "正在打开该协会的结果…", "Opening the association's results…";
    Trend => "各月折合千分制得分", "Score month by month";
    Compare => "{} 与 {} 逐项比较", "{} and {} compared criterion by criterion";
    CompareWith => "与此期间比较", "Compare with";
    ScoreChange => "折合千分制：{} → {}", "Score (per mille): {} → {}";
    NothingChanged => "两期各项相同。", "The two periods are the same on every criterion.";
    Criterion => "指标", "Criterion";
    Change => "得分变化", "Change in points";
    Province => "全省情况", "The province";
    ProvinceSummary => "共 {} 份结果，其中尚未完成 {} 份；已完成的结果平均折合千分制 {}，{} 份触发否决项。", "{} results, {} of them not finished; the finished ones score {} per mille on average, {} with a veto.";
    GradeDistribution => "自评等级分布", "Grades";
    Results => "结果份数", "Results";
    AreaMeans => "各领域平均得分率", "Share of points by area";
    Area => "领域", "Area";
    Earned => "得分率", "Share earned";
    MostFailed => "最常未达标的指标", "The criteria most often failed";
    FailedShare => "未达标比例", "Share failed";
    VetoCounts => "否决项触发次数", "Vetoes triggered";
    FailedOf => "{} 未达标（适用 {} 份）", "{} failed (applies to {})";
    AllCriteria => "各项指标及依据条款", "Every criterion and its clause";
    Clause => "依据通知", "Notice, section";
    Pick => "选中 {}（{}）", "Pick {} ({})";
    PickAll => "选中显示的全部结果", "Pick every result shown";
    PickFirst => "请先勾选要设置的结果。", "Pick the results to set first.";
    ApplyPicked => "设置选中的 {} 份", "Set the {} picked";
    ReviewsSet => "已将 {} 份结果设为“{}”。", "{} results set to “{}”.";
    ChooseState => "（请选择）", "(choose)";
    ChooseStateFirst => "请先选择要设置的审核状态。", "Choose the review state to set first.";
    BulkQuestion => "将 {} 份结果设为“{}”？", "Set {} results to “{}”?";
    BulkNote => "说明：{}", "Note: {}";
    ConfirmBulk => "确认设为“{}”", "Set to “{}”";
    Cancel => "取消", "Cancel";
    Note => "说明", "Note";
    NoteFor => "{}（{}）的审核说明", "Review note of {} ({})";
    ExportReviews => "导出审核记录文件", "Export the review file";
    ImportReviews => "导入审核记录文件", "Import a review file";
    ReviewsImported => "已导入 {} 条审核记录。", "{} review states imported.";
    SummarySigner => "签名密钥指纹 {}，签名时间 {}（北京时间），内容为{}。", "Signed by the key {} at {} (Beijing time), a {}.";
    PrintTitle => "行业自律与诚信创建活动自查结果汇总", "Summary of the self-discipline and integrity self-assessments";
    PrintDate => "制表日期：{}", "Date: {}";
    Appendix => "附件：所依据的文件（{} 个）", "Appendix: the files this report is built from ({})";
    Role => "用途", "Used as";
    SealBureau => "制表单位（盖章）：", "Bureau (seal):";
    SealSigner => "审核人（签字）：", "Reviewed by (signature):";
    SealDate => "日期：", "Date:";
    Bureau => "制表单位（打印时作为标题）", "Bureau (the printed heading)";
    Print => "打印报告（A4 横向）", "Print the report (A4 landscape)";
    SignedSummary => "签名汇总", "Signed summary";
    SignHint => "用本单位的密钥文件对排名或月度报送情况签名；签名汇总列出所依据的每个文件的摘要（SHA-256），持有相同文件者可以复核。", "Sign the ranking or the monthly reporting with the bureau's key file; the summary lists the digest (SHA-256) of every file it is built from, so anyone holding the same files can check it.";
    KeyFile => "本单位密钥文件", "The bureau's key file";
    Passphrase => "口令", "Passphrase";
    SummaryKind => "内容", "Content";
    Sign => "签名并下载", "Sign and download";
    Signed => "已签名，签名汇总已下载。", "Signed; the summary is downloaded.";
    CheckSummary => "核验签名汇总", "Check a signed summary";
    PrintWithButton => "如需列出所依据的文件及其摘要（SHA-256），请用审核台“导出”部分的“打印报告”按钮打印。", "To list the files this report is built from with their digests (SHA-256), print with the “Print the report” button under Exports.";
    WorkerFailed => "后台核验未能启动：本浏览器缺少所需的功能，请换用较新的浏览器。", "The verification in the background could not start: this browser lacks what it needs; use a newer browser.";
    ReadFailed => "浏览器未能读取文件“{}”（可能已被移动或删除），请重新选择。", "The browser could not read the file “{}” (it may have been moved or deleted); choose it again.";
    InternalFailure => "核验时出错，请刷新页面后重试。", "Something went wrong while verifying; reload the page and try again.";
    StorageRefused => "浏览器拒绝保存（可能已满或处于隐私模式），刷新后将丢失。", "The browser refused to keep this (full, or a private window); it will be lost on reload.";
}
