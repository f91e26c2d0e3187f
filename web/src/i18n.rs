//! Every interface string of the widget, in Simplified Chinese and English side by side, the
//! small formatters of numbers and quotations, and the wording of the core's errors for people.

use selfcheck_core::credit_code::{CreditCodeError, CreditCodeWarning};
use selfcheck_core::{Error, Lang, ProblemKind, pick};

selfcheck_core::strings! {
    /// An interface string of the widget.
    pub enum S {
        LanguageSwitch => "English", "中文";
        LanguageSwitchLabel => "Switch to English", "切换到中文";
        Results => "自查结果", "Results";
        ScoreHeadline => "折合千分制", "Score (per mille)";
        Earned => "实得分", "Points earned";
        ApplicableMaximum => "适用满分", "Applicable maximum";
        Grade => "自评等级", "Self-assessed grade";
        Answered => "已作答", "Answered";
        Points => "分", "points";
        Met => "已做到", "Met";
        PartlyMet => "部分做到", "Partly met";
        NotMet => "未做到", "Not met";
        NotApplicable => "不适用", "Not applicable";
        NoneMet => "以上均未做到", "None of the above";
        ItemsMet => "已做到 {} 项", "{} met";
        OpenState => "未作答", "Not answered";
        AnsweredState => "已作答", "Answered";
        Guidance => "达标要求与佐证材料", "Full compliance and evidence";
        FullCompliance => "达标要求", "Full compliance";
        Evidence => "佐证材料", "Evidence";
        Clause => "依据通知", "Notice, section";
        Veto => "否决项", "Veto gate";
        Vetoes => "触发否决项", "Vetoes triggered";
        Area => "领域", "Area";
        AreaPoints => "实得分 / 适用满分", "Earned / applicable";
        Rectification => "整改清单", "What to fix";
        RectificationCount => "整改清单（共 {} 项）", "What to fix ({} criteria)";
        NothingToFix => "无需整改。", "Nothing to fix.";
        Deduct => "扣 {} 分", "{} points lost";
        Unanswered => "未作答", "not answered";
        Note => "备注", "Note";
        AddLink => "添加链接", "Add link";
        LinkLabel => "佐证链接（网址）", "Evidence link (web address)";
        FileLabel => "佐证文件", "Evidence file";
        ChooseFile => "选择文件…", "Choose a file…";
        FileHint => "只记录文件名、大小和 SHA-256 摘要，文件不上传；原件由协会留存备查。", "Only the file's name, size and SHA-256 digest are recorded; the file is not uploaded, and the association keeps the original.";
        LinkAddedWithScheme => "已添加为 {}（补上了“https://”）。", "Added as {} (https:// added).";
        LinkNotAnAddress => "未添加：“{}”不是网址。请填写以“http://”或“https://”开头的网址，例如“https://www.example.org.cn/xxgk”。", "Not added: “{}” is not a web address. Enter an address starting with http:// or https://, for example https://www.example.org.cn/xxgk.";
        LinkEmpty => "请先填写链接，再按“添加链接”。", "Type the link first, then press “Add link”.";
        Remove => "删除", "Remove";
        Hashing => "正在计算文件摘要…", "Computing the file's digest…";
        Navigation => "自查导航", "Navigation";
        Contents => "目录", "Contents";
        Progress => "完成进度", "Progress";
        NextUnanswered => "下一个未作答项", "Next unanswered";
        AllAnswered => "全部填写完毕。", "Everything is filled in.";
        Profile => "协会信息", "Association";
        Monthly => "本月报送", "This month's report";
        MonthlyIntro => "按省民政厅通知要求，各协会每月报送活动进展情况，遇到新情况、新问题及时上报。此处所填随自查结果一并签名报送；本月没有的内容可以不填。", "As the Department's notice asks, each association reports its progress every month and reports new situations and problems promptly. What you write here is signed and sent with the result; leave blank what did not happen this month.";
        MonthlyProgress => "本月活动进展", "Progress this month";
        MonthlyByArea => "分领域填写进展（选填）", "Progress by area (optional)";
        Problems => "新情况、新问题", "New situations and problems";
        NoProblems => "本月有需要上报的新情况、新问题时，逐条添加。", "Add each new situation or problem to report this month, one by one.";
        ProblemNumber => "第 {} 条", "No. {}";
        ProblemTitle => "标题", "Title";
        ProblemDescription => "情况说明（发生了什么，协会已做了什么）", "Description (what happened, what the association did)";
        HelpRequested => "请求登记管理机关协助", "Ask the registration authority for help";
        HelpRequestedTag => "请求协助", "help asked";
        AddProblem => "添加一条新情况、新问题", "Add a situation or problem";
        RemoveProblem => "删除第 {} 条", "Remove No. {}";
        ProblemsFull => "已达每月上限 {} 条。", "The monthly limit of {} is reached.";
        ProblemTitleNeeded => "签名前须填写标题。", "A title is needed before signing.";
        ExportNeedsProblemTitles => "签名前请为新情况、新问题填写标题：第 {} 条", "Give each new situation or problem a title before signing: No. {}";
        MonthlyRefused => "本月报送未能保存", "This month's report could not be saved";
        NoticeSection => "整改通知", "Rectification notice";
        NoticeIntro => "登记管理机关下发整改通知后，在此导入通知文件：各项整改要求、意见和期限列在下面，整改事项在问卷中标出；逐项写明整改情况，随下一次自查结果一并签名报送。", "When the registration authority sends a rectification notice, import its file here: each criterion to fix, the authority's remarks and the deadline are listed below and marked in the questionnaire; write what was done for each, and it is signed and sent with the next result.";
        NoticeFile => "导入整改通知…", "Import a notice…";
        NoticeRefused => "整改通知未能导入", "The notice could not be imported";
        NoticeForAnother => "这份整改通知是下发给{}的，不是本协会的；未导入。", "This notice is for {}, not this association; it was not imported.";
        NoticeWrongKey => "这份整改通知的签发密钥（指纹 {}）不是本网站公布的登记管理机关密钥；未导入。", "This notice was signed with a key (fingerprint {}) that is not the registration authority's published key; it was not imported.";
        NoticeKeyChecked => "签发密钥与本网站公布的登记管理机关密钥一致。", "Signed with the registration authority's key published by this site.";
        NoticeKeyToCheck => "请将签发密钥指纹与登记管理机关公布的指纹核对：{}", "Check the signing key's fingerprint against the one the registration authority publishes: {}";
        NoticeIssued => "签发时间", "Issued";
        NoticeDeadline => "整改期限", "Deadline";
        NoticeDaysLeft => "还剩 {} 天", "{} days left";
        NoticeDueToday => "今天到期", "due today";
        NoticeOverdue => "已逾期 {} 天", "{} days overdue";
        NoticeRemark => "登记管理机关意见", "The authority's remarks";
        NoticeItems => "整改事项", "Criteria to fix";
        NoticeItemRemark => "意见：{}", "Remark: {}";
        NoticeCurrent => "当前：{}", "Now: {}";
        NoticeReply => "整改情况", "What was done";
        NoticeRemove => "移除整改通知", "Remove the notice";
        NoticeMark => "整改事项", "To fix";
        ProfileName => "协会名称", "Association name";
        CreditCode => "统一社会信用代码", "Unified social credit code";
        ContactPerson => "联系人", "Contact person";
        ContactPhone => "联系电话", "Telephone";
        ContactEmail => "电子邮箱", "E-mail";
        PeriodFrom => "自查期间（起）", "Period from";
        PeriodTo => "自查期间（止）", "Period to";
        LockedField => "由本网站填写，不可修改", "Filled in by this site; cannot be changed";
        LockedName => "协会名称", "association's name";
        LockedCode => "统一社会信用代码", "credit code";
        LockedNameAndCode => "协会名称和统一社会信用代码", "association's name and credit code";
        ImportOtherAssociation => "此结果属于另一协会（{who}），而本页的{fields}由本网站填写，不能以其作答继续；仍可与当前草稿逐项对比。", "This result is another association's ({who}), and this site fills in the {fields}: the draft cannot continue from it. It can still be compared with the current draft.";
        DraftOtherAssociation => "此草稿文件属于另一协会（{who}），而本页的{fields}由本网站填写，不能载入；当前草稿未改动。", "This draft file is another association's ({who}), and this site fills in the {fields}: it cannot be loaded here. The current draft is unchanged.";
        EmailInvalid => "请按“name@example.cn”的格式填写", "Should look like name@example.cn";
        Draft => "草稿", "Draft";
        Saved => "草稿已保存在本浏览器", "Draft saved in this browser";
        Saving => "正在保存…", "Saving…";
        SavingPaused => "已暂停保存：另一个标签页修改了草稿", "Saving paused: another tab changed the draft";
        StorageOff => "本页不保存草稿", "Drafts are not saved on this page";
        Starting => "正在载入…", "Loading…";
        StorageFailed => "草稿无法保存在浏览器中（存储空间已满或处于隐私模式）。请下载草稿文件以免丢失。", "The draft cannot be saved in this browser (storage is full or private mode is on). Download the draft file so that nothing is lost.";
        DownloadDraft => "下载草稿文件", "Download draft file";
        LoadDraft => "载入草稿文件", "Load draft file";
        StartOver => "重新开始", "Start over";
        StartOverQuestion => "清除全部作答、备注、佐证和协会信息，重新开始？此操作无法撤销（可先下载草稿文件）。", "Clear every answer, note, piece of evidence and the association's details and start over? This cannot be undone (download the draft file first if in doubt).";
        ConfirmStartOver => "清除并重新开始", "Clear and start over";
        Cancel => "取消", "Cancel";
        Conflict => "此草稿刚在另一个标签页中被修改。为免互相覆盖，本页已暂停保存。请选择保留哪个版本：", "This draft was just changed in another tab. To avoid overwriting, this page has stopped saving. Choose which version to keep:";
        LoadOtherTab => "载入另一标签页的版本", "Load the other tab's version";
        KeepThisTab => "保留本页版本并保存", "Keep this page's version and save it";
        OtherTabUnreadable => "另一标签页的版本无法读取，已保留并保存本页版本。", "The other tab's version cannot be read; this page's version is kept and saved.";
        Print => "打印摘要", "Print summary";
        PrintUnsignedQuestion => "当前草稿尚未签名导出，或导出后又有修改，打印出的摘要与报送的结果文件不一致。建议先签名导出再打印；也可以打印标明“未签名草稿”的摘要，仅供内部核对。", "The draft has not been signed and exported, or it changed after the export: a printed summary would not match the result file you submit. Sign and export first; or print a summary marked “unsigned draft”, for internal checking only.";
        PrintExportFirst => "先签名导出", "Sign and export first";
        PrintDraft => "打印未签名草稿", "Print the unsigned draft";
        KeySection => "签名密钥", "Signing key";
        KeyIntro => "导出的自查结果由协会自己的密钥签名。密钥只以加密形式保存在本浏览器中。", "Exported results are signed with the association's own key. The key is kept in this browser only in encrypted form.";
        NewKeyPath => "新建密钥（首次使用）", "Create a new key (first use)";
        NewKeyIntro => "用口令加密保存在本浏览器中；创建后须下载备份文件才能签名。", "Kept in this browser encrypted with a passphrase; download its backup file before signing with it.";
        NewPassphrase => "新密钥的口令（至少 8 个字符）", "Passphrase for the new key (at least 8 characters)";
        RepeatPassphrase => "再次输入新密钥的口令", "The new key's passphrase again";
        CreateKey => "创建密钥", "Create key";
        CreatingKey => "正在创建并加密密钥…", "Creating and encrypting the key…";
        LoadKeyPath => "载入已有密钥文件", "Load an existing key file";
        LoadKeyIntro => "已有密钥备份文件（.pem 文件，例如以前下载的备份，或命令行工具生成的密钥文件）时使用。", "If you have a key file (.pem: a backup downloaded earlier, or one made by selfcheck keygen).";
        KeyFile => "密钥文件（.pem）", "Key file (.pem)";
        KeyFilePassphrase => "该密钥文件的口令", "That key file's passphrase";
        LoadKey => "载入密钥", "Load key";
        LoadingKey => "正在打开密钥文件…", "Opening the key file…";
        KeyFileChosen => "已选择密钥文件：{}", "Key file chosen: {}";
        KeyFileMissing => "请先选择密钥文件。", "Choose the key file first.";
        KeyPassphraseMissing => "请输入该密钥文件的口令，然后按“载入密钥”。", "Type the key file's passphrase, then press “Load key”.";
        DownloadKey => "下载密钥备份文件（使用前必须下载）", "Download the key backup (required before use)";
        KeyCreated => "密钥已创建。请先下载密钥备份文件并妥善保管，然后才能用它签名。", "The key is created. Download its backup file and keep it safe before signing with it.";
        KeyBackupNeeded => "请先下载密钥备份文件并妥善保管，然后才能用它签名。", "Download the key backup and keep it safe before signing with it.";
        KeyReady => "密钥已备份，可以签名。", "The key is backed up and ready to sign.";
        KeyLoaded => "密钥已载入，可以签名。", "The key is loaded and ready to sign.";
        KeyRemoved => "密钥已从本浏览器移除。", "The key was removed from this browser.";
        KeyNotCreated => "密钥未创建", "The key was not created";
        KeyNotLoaded => "密钥未载入", "The key was not loaded";
        Fingerprint => "密钥指纹", "Key fingerprint";
        Sm2Part => "国密签名", "SM2/SM3 signature";
        Sm2PartYes => "本密钥含国密（SM2）部分：导出的结果同时附国密签名（SM2/SM3），密钥指纹涵盖两部分。", "This key has an SM2 part: exported results also carry the SM2/SM3 signature, and the fingerprint covers both parts.";
        Sm2PartNo => "本密钥是早先生成的，没有国密（SM2）部分：导出的结果只附 Ed25519 签名。如需国密签名，请生成新密钥，并重新备案其密钥指纹。", "This key was made before and has no SM2 part: exported results carry the Ed25519 signature only. For an SM2/SM3 signature, create a new key and file its fingerprint again.";
        ForgetKey => "从本浏览器移除密钥", "Remove the key from this browser";
        ForgetKeyQuestion => "从本浏览器移除密钥？移除后只有密钥备份文件能把它找回；没有备份文件，就要新建密钥并重新备案指纹。", "Remove the key from this browser? Only its backup file can bring it back; without the backup you will need a new key and a new registration of its fingerprint.";
        ConfirmForgetKey => "移除密钥", "Remove the key";
        PassphraseMismatch => "两次输入的口令不一致，请重新输入。", "The two passphrases differ; type them again.";
        Export => "签名并导出结果", "Sign and export result";
        ExportSection => "签名导出", "Sign and export";
        UnlockPassphrase => "密钥口令（用于签名）", "Key passphrase (to sign)";
        Signing => "正在解锁密钥并签名…", "Unlocking the key and signing…";
        ExportNeedsProfile => "签名前请补全或改正协会信息", "Complete or correct the association's details before signing";
        ExportNeedsKey => "签名前请先创建或载入密钥，并下载备份。", "Create or load a key, and download its backup, before signing.";
        ExportNeedsBackup => "签名前请先下载密钥备份文件（见上方“签名密钥”）。", "Download the key backup (under “Signing key” above) before signing.";
        CheckingPassphrase => "正在核对密钥口令…", "Checking the key passphrase…";
        ExportFailed => "未导出", "Not exported";
        Exported => "已签名并导出结果文件：{}", "Signed and exported the result file: {}";
        ExportOpenQuestion => "还有 {open} 项未作答（共 {total} 项）。未作答项按 0 分计，导出的结果会如实写明“已作答 {answered} / {total}”。仍要签名导出吗？", "{open} of {total} criteria are not answered. They score 0, and the exported result will say “answered {answered} / {total}”. Sign and export anyway?";
        ConfirmExportOpen => "仍然签名导出", "Sign and export anyway";
        KeepAnswering => "返回继续作答", "Go back and answer";
        SubmissionSection => "如何提交", "How to submit";
        ImportSection => "导入已签名结果", "Import a signed result";
        ImportIntro => "导入本月或以往的签名结果：先核验，再选择以其作答继续，或与当前草稿逐项对比。", "Import this month's or an earlier signed result: it is verified first; then continue from its answers or compare it with the current draft criterion by criterion.";
        ImportFile => "选择结果文件", "Choose a result file";
        ImportFailed => "无法导入，当前草稿未作任何改动", "Not imported; the current draft is unchanged";
        ImportVerified => "结果有效（签名与评分已核验）：", "Valid result (signature and score verified): ";
        ImportOlderCatalogue => "此结果按自查目录 {} 版填写；以其作答继续时，将按项目编号转入当前版本。", "This result answers version {} of the catalogue; continuing from it carries its answers over to the current version by criterion id.";
        ImportContinue => "以此结果的作答继续", "Continue from its answers";
        ImportReplaceQuestion => "用导入结果的作答和协会信息替换当前草稿？（可先下载草稿文件）", "Replace the current draft with the imported answers and association details? (Download the draft file first if in doubt.)";
        ConfirmImport => "替换当前草稿", "Replace the current draft";
        ImportCompare => "与当前草稿逐项对比", "Compare with the current draft, criterion by criterion";
        OnlyChanged => "只显示有变化的项", "Only what changed";
        NoChanges => "两者各项的作答、备注和佐证均相同。", "Every answer, note and piece of evidence is the same in both.";
        Criterion => "项目", "Criterion";
        Imported => "导入结果", "Imported";
        Current => "当前草稿", "Current draft";
        Change => "变化", "Change";
        NoteChanged => "备注有改动", "note changed";
        EvidenceChanged => "佐证有改动", "evidence changed";
        NotInCatalogue => "（此版本无此项）", "(not in this version)";
        Total => "合计", "Total";
        DraftLoaded => "草稿已载入。", "Draft loaded.";
        DraftFromFile => "已载入草稿文件：{}", "Draft file loaded: {}";
        ImportedDraft => "已用导入结果的作答替换当前草稿。", "The draft now holds the imported answers.";
        OtherTabLoaded => "已载入另一标签页的版本。", "The other tab's version is loaded.";
        DraftFileInvalid => "草稿文件无法载入，当前草稿未改动", "The draft file cannot be loaded; the current draft is unchanged";
        DraftSetAside => "浏览器中保存的草稿无法读取，已另行保留，当前从空白开始。", "The draft stored in this browser cannot be read; it was set aside, and this is a blank one.";
        DraftCarriedOver => "此草稿按自查目录 {} 版填写，已按项目编号转入当前版本：作答、备注和佐证均保留。", "This draft was begun under version {} of the catalogue and was carried over to the current version by criterion id: every answer, note and piece of evidence is kept.";
        FileUnreadable => "文件无法读取", "The file cannot be read";
        UseInstead => "请用“{}”。", "Use “{}” instead.";
        EvidenceRefused => "未添加佐证", "Evidence not added";
        DownloadFailed => "无法下载", "The download failed";
        BrowserRefused => "浏览器拒绝了此操作，请重试或换用其他浏览器。", "The browser refused";
        SigningUnavailable => "签名功能未能载入，请检查网络连接后重试；已填写的内容均已保留。", "Signing could not be loaded; check the network connection and try again. Everything filled in is kept.";
        PrintTitleSuffix => "结果摘要", " — summary of the self-assessment";
        PrintIntro => "现将本协会行业自律与诚信创建活动自查情况报告如下。", "We hereby report the results of our self-assessment in the industry self-discipline and integrity campaign.";
        PrintUnsigned => "未签名草稿：与报送的结果文件不一致，仅供内部核对，不作报送材料。", "Unsigned draft: it does not match a submitted result file; for internal checking only, not for submission.";
        PrintCatalogue => "自查目录", "Catalogue";
        PrintVersion => "{} 版", "version {}";
        SignedAt => "签名时间（北京时间）", "Signed at (Beijing time)";
        ResultFile => "结果文件", "Result file";
        ResultDigest => "结果摘要（SHA-256）", "Result digest (SHA-256)";
        Declaration => "本协会承诺以上自查情况真实、准确、完整，如有不实，愿承担相应责任。", "The association declares that the above self-assessment is true, accurate and complete, and accepts responsibility for any untruth.";
        Signature => "法定代表人（负责人）签字：", "Legal representative (person in charge), signature:";
        Seal => "协会（盖章）", "Seal of the association";
        Date => "日期：　　　　年　　月　　日", "Date:";
        GradeDisclaimer => "自评等级是协会按自查目录得出的自我评价，不是登记管理机关的评定结论。", "The self-assessed grade is the association's own assessment against the catalogue, not a rating by the registration authority.";
        Close => "关闭", "Close";
        Period => "自查期间", "Period";
        Contact => "联系人及电话", "Contact";
        LoadFailed => "自查工具加载失败。", "The self-assessment failed to load.";
    }
}

impl S {
    /// Whether the message reports something the user must put right (shown as an error).
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            S::LinkNotAnAddress
                | S::LinkEmpty
                | S::PassphraseMismatch
                | S::KeyFileMissing
                | S::KeyPassphraseMissing
                | S::OtherTabUnreadable
                | S::DraftSetAside
                | S::NoticeForAnother
                | S::NoticeWrongKey
        )
    }

    /// The string with its `{}` filled in with `value`, or followed by it after a colon
    /// when it has no `{}`.
    pub fn with(self, lang: Lang, value: &str) -> String {
        let text = self.get(lang);
        if text.contains("{}") {
            text.replacen("{}", value, 1)
        } else if lang == Lang::Zh {
            format!("{text}：{value}")
        } else {
            format!("{text}: {value}")
        }
    }

    /// The string with each `{name}` filled in.
    pub fn fill(self, lang: Lang, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.get(lang).to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    }
}

/// Points after a title: `（40 分）` in Chinese (full-width brackets), ` (40 points)` in English.
pub fn points_after(points: u32, lang: Lang) -> String {
    pick!(lang, format!("（{points} 分）"), format!(" ({points} points)"))
}

/// Text within “”, the quotation marks inside it becoming ‘’: the core's one rule.
pub fn quoted(text: &str) -> String {
    selfcheck_core::messages::quoted(text)
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
