//! The bureau's words: the verdict's stages, the matrix's cells, review states, anomalies,
//! summaries and the exports' headers, in the one language asked for. The core words everything
//! the association's side says too ([`selfcheck_core::messages`]); these are the bureau's alone,
//! so the widget, which has no bureau, carries none of them.

use selfcheck_core::messages::{
    beijing_short, capitalized, display_input, file_size, period_range, short_digest, thousands, with_article,
};
use selfcheck_core::{Lang, pick};

/// What failing at a stage of the bureau's verdict means, in a few words.
pub fn stage(stage: crate::Stage, lang: Lang) -> &'static str {
    use crate::Stage;
    match (stage, lang) {
        (Stage::NotAResult, Lang::Zh) => "不是自查结果",
        (Stage::NotAResult, Lang::En) => "not a result",
        (Stage::Format, Lang::Zh) => "格式有误",
        (Stage::Format, Lang::En) => "malformed",
        (Stage::Signature, Lang::Zh) => "签名无效",
        (Stage::Signature, Lang::En) => "signature invalid",
        (Stage::KeyRegister, Lang::Zh) => "签名密钥未备案",
        (Stage::KeyRegister, Lang::En) => "key not on file",
        (Stage::Catalogue, Lang::Zh) => "目录或评分不符",
        (Stage::Catalogue, Lang::En) => "catalogue or score wrong",
        (Stage::Period, Lang::Zh) => "自查期间有误",
        (Stage::Period, Lang::En) => "period impossible",
    }
}

/// What is wrong with a result's period, in plain words of `lang`.
pub fn period_problem(problem: &crate::PeriodProblem, lang: Lang) -> String {
    use crate::PeriodProblem;
    match (problem, lang) {
        (PeriodProblem::NotBegun { from, signed }, Lang::Zh) => format!(
            "自查期间从 {} 开始，而该结果在 {signed}（北京时间）就已签名：不能对尚未开始的期间出具报告。",
            display_input(from)
        ),
        (PeriodProblem::NotBegun { from, signed }, Lang::En) => format!(
            "The period starts on {}, but the result was signed on {signed} (Beijing time): a report cannot cover a period that has not begun.",
            display_input(from)
        ),
    }
}

/// The bureau's verdict on a file in a line of `lang`.
pub fn verdict(verdict: &crate::Verdict, lang: Lang) -> String {
    match (verdict.stage(), verdict.reason(), lang) {
        (Some(stage), Some(reason), Lang::Zh) => format!("{}：{}", self::stage(stage, lang), reason.message(lang)),
        (Some(stage), Some(reason), Lang::En) => {
            format!("{}: {}", capitalized(self::stage(stage, lang)), reason.message(lang))
        }
        (_, _, Lang::Zh) if verdict.key_status.is_none() => "有效（未对照密钥备案表核对签名密钥）。".into(),
        (_, _, Lang::En) if verdict.key_status.is_none() => {
            "Valid (the signing key was not checked against a key register).".into()
        }
        (_, _, Lang::Zh) => "有效，签名密钥已备案。".into(),
        (_, _, Lang::En) => "Valid, signed with the key on file.".into(),
    }
}

/// A cell of the matrix in a word or two.
pub fn cell_status(status: crate::CellStatus, lang: Lang) -> &'static str {
    use crate::CellStatus;
    match (status, lang) {
        (CellStatus::Received, Lang::Zh) => "已报送",
        (CellStatus::Received, Lang::En) => "received",
        (CellStatus::Duplicate, Lang::Zh) => "重复报送",
        (CellStatus::Duplicate, Lang::En) => "duplicate",
        (CellStatus::Invalid, Lang::Zh) => "无效",
        (CellStatus::Invalid, Lang::En) => "invalid",
        (CellStatus::Missing, Lang::Zh) => "未报送",
        (CellStatus::Missing, Lang::En) => "missing",
        (CellStatus::NotDue, Lang::Zh) => "未到期",
        (CellStatus::NotDue, Lang::En) => "not due",
        (CellStatus::Unlisted, Lang::Zh) => "名单外",
        (CellStatus::Unlisted, Lang::En) => "not listed",
    }
}

/// Why a result of the ranking has no rank number, in a few words of `lang`; `None` for a ranked
/// one. `answered` and `criteria` say how far an incomplete one got.
pub fn unranked_reason(
    standing: selfcheck_core::report::Standing,
    answered: usize,
    criteria: usize,
    lang: Lang,
) -> Option<String> {
    use selfcheck_core::report::Standing;
    match (standing, lang) {
        (Standing::Graded, _) => None,
        (Standing::Vetoed, Lang::Zh) => Some("一票否决，不参与排名".to_owned()),
        (Standing::Vetoed, Lang::En) => Some("vetoed: not ranked".to_owned()),
        (Standing::Incomplete, Lang::Zh) => Some(format!("尚未完成（已作答 {answered} / {criteria}），不参与排名")),
        (Standing::Incomplete, Lang::En) => {
            Some(format!("not finished ({answered} / {criteria} answered): not ranked"))
        }
    }
}

/// A review state as the bureau says it.
pub fn notice_state(state: crate::NoticeState, lang: Lang) -> &'static str {
    use crate::NoticeState;
    match (state, lang) {
        (NoticeState::InProgress, Lang::Zh) => "整改中",
        (NoticeState::InProgress, Lang::En) => "in progress",
        (NoticeState::Rectified, Lang::Zh) => "已整改",
        (NoticeState::Rectified, Lang::En) => "rectified",
        (NoticeState::Overdue, Lang::Zh) => "逾期未整改",
        (NoticeState::Overdue, Lang::En) => "overdue",
    }
}

/// A reported problem's handling as the bureau says it.
pub fn problem_state(state: crate::ProblemState, lang: Lang) -> &'static str {
    use crate::ProblemState;
    match (state, lang) {
        (ProblemState::Open, Lang::Zh) => "未处理",
        (ProblemState::Open, Lang::En) => "not handled",
        (ProblemState::Read, Lang::Zh) => "已阅",
        (ProblemState::Read, Lang::En) => "read",
        (ProblemState::Answered, Lang::Zh) => "已答复",
        (ProblemState::Answered, Lang::En) => "answered",
        (ProblemState::Closed, Lang::Zh) => "已办结",
        (ProblemState::Closed, Lang::En) => "closed",
    }
}

/// A result's review state as the bureau says it.
pub fn review_state(state: crate::ReviewState, lang: Lang) -> &'static str {
    use crate::ReviewState;
    match (state, lang) {
        (ReviewState::Pending, Lang::Zh) => "待审",
        (ReviewState::Pending, Lang::En) => "pending",
        (ReviewState::Approved, Lang::Zh) => "通过",
        (ReviewState::Approved, Lang::En) => "approved",
        (ReviewState::Returned, Lang::Zh) => "退回",
        (ReviewState::Returned, Lang::En) => "returned",
        (ReviewState::NeedsExplanation, Lang::Zh) => "需说明",
        (ReviewState::NeedsExplanation, Lang::En) => "needs explanation",
    }
}

/// What a signed summary carries, in a word.
pub fn summary_kind(kind: crate::SummaryKind, lang: Lang) -> &'static str {
    use crate::SummaryKind;
    match (kind, lang) {
        (SummaryKind::Ranking, Lang::Zh) => "排名",
        (SummaryKind::Ranking, Lang::En) => "ranking",
        (SummaryKind::Matrix, Lang::Zh) => "报送情况表",
        (SummaryKind::Matrix, Lang::En) => "reporting matrix",
        (SummaryKind::Year(_), Lang::Zh) => "阶段性总结",
        (SummaryKind::Year(_), Lang::En) => "year's summary",
    }
}

/// What a summary of `kind` carries: the kind and its rows when counted, or the year of a year's
/// summary.
pub fn summary_content(kind: crate::SummaryKind, rows: Option<usize>, lang: Lang) -> String {
    let label = summary_kind(kind, lang);
    match (kind, rows) {
        (crate::SummaryKind::Year(year), _) => {
            pick!(lang, format!("{} 年{label}", year.year), format!("{label} of {}", year.year))
        }
        (_, Some(rows)) => pick!(lang, format!("{label}，{rows} 行"), format!("{label}, {rows} rows")),
        (_, None) => label.to_owned(),
    }
}

fn joined(items: &[String], lang: Lang) -> String {
    let items: Vec<String> = items.iter().map(|item| display_input(item)).collect();
    items.join(if lang == Lang::Zh { "，" } else { ", " })
}

/// The settings of a review as people read them, one (name, value) per line, in `lang`: the
/// same lines in the exports, the desk's page and print, and the command's report.
pub fn settings_lines(
    settings: &crate::Settings,
    months: Option<crate::MonthRange>,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    let zh = lang == Lang::Zh;
    let months = match months {
        Some(range) => match settings.months {
            Some(_) => period_range(&range.first.to_string(), &range.last.to_string(), lang),
            None => {
                let range = period_range(&range.first.to_string(), &range.last.to_string(), lang);
                if zh {
                    format!("{range}（按收到的结果确定）")
                } else {
                    format!("{range} (from the results received)")
                }
            }
        },
        None => pick!(lang, "按收到的结果确定", "from the results received").to_owned(),
    };
    let deadline = match settings.deadline {
        Some(deadline) if zh => format!("次月 {} 日（北京时间）", deadline.day()),
        Some(deadline) => format!("day {} of the following month (Beijing time)", deadline.day()),
        None => pick!(lang, "未设截止日：月份结束即为应报", "none: a month is due once it has ended").to_owned(),
    };
    let ranking = match settings.ranking_month {
        Some(month) => month.to_string(),
        None => pick!(lang, "各协会最近一期结果", "each association's latest result").to_owned(),
    };
    let longest = if zh {
        format!("{} 天", settings.longest_period_days)
    } else {
        format!("{} days", settings.longest_period_days)
    };
    vec![
        (pick!(lang, "审核时间（北京时间）", "Reviewed at (Beijing time)"), beijing_short(&settings.now)),
        (pick!(lang, "月份范围", "Months"), months),
        (pick!(lang, "报送截止日", "Deadline"), deadline),
        (pick!(lang, "排名月份", "Month ranked"), ranking),
        (pick!(lang, "自查期间最长天数", "Longest period"), longest),
        (
            pick!(lang, "国密签名（SM2/SM3）", "SM2/SM3 signature"),
            if settings.require_sm2 {
                pick!(lang, "必须附有，未附的结果不予接收", "required: results without one are refused")
            } else {
                pick!(lang, "不作要求", "not required")
            }
            .to_owned(),
        ),
    ]
}

/// The kind of an anomaly in a few words of `lang`.
pub fn anomaly_label(kind: &crate::AnomalyKind, lang: Lang) -> &'static str {
    use crate::AnomalyKind;
    match (kind, lang) {
        (AnomalyKind::SameFileTwice { .. }, Lang::Zh) => "同一文件重复",
        (AnomalyKind::SameFileTwice { .. }, Lang::En) => "same file twice",
        (AnomalyKind::SameAnswersForTwoPeriods { .. }, Lang::Zh) => "两期作答相同",
        (AnomalyKind::SameAnswersForTwoPeriods { .. }, Lang::En) => "same answers for two periods",
        (AnomalyKind::KeyForSeveralAssociations { .. }, Lang::Zh) => "一把密钥用于多个协会",
        (AnomalyKind::KeyForSeveralAssociations { .. }, Lang::En) => "one key, several associations",
        (AnomalyKind::KeyChanged { .. }, Lang::Zh) => "更换了密钥",
        (AnomalyKind::KeyChanged { .. }, Lang::En) => "key changed",
        (AnomalyKind::PeriodsOverlap { .. }, Lang::Zh) => "自查期间重叠",
        (AnomalyKind::PeriodsOverlap { .. }, Lang::En) => "periods overlap",
        (AnomalyKind::PeriodInFuture { .. }, Lang::Zh) => "自查期间在未来",
        (AnomalyKind::PeriodInFuture { .. }, Lang::En) => "period in the future",
        (AnomalyKind::PeriodTooLong { .. }, Lang::Zh) => "自查期间过长",
        (AnomalyKind::PeriodTooLong { .. }, Lang::En) => "period too long",
    }
}

/// An anomaly in plain words of `lang`.
pub fn anomaly(kind: &crate::AnomalyKind, lang: Lang) -> String {
    use crate::AnomalyKind;
    match kind {
        AnomalyKind::SameFileTwice { copies } => pick!(
            lang,
            format!("同一份结果（或同一文件）出现了 {copies} 次，只计一次。"),
            format!("The same result (or the same file) appears {copies} times; it counts once."),
        ),
        AnomalyKind::SameAnswersForTwoPeriods { credit_code, periods } => {
            let periods: Vec<String> = periods.iter().map(|(from, to)| period_range(from, to, lang)).collect();
            pick!(
                lang,
                format!(
                    "{} 不同期间（{}）的结果，作答、说明和佐证完全相同：可能是同一份结果改换期间后重新签名。",
                    display_input(credit_code),
                    periods.join("；")
                ),
                format!(
                    "The results of {} for different periods ({}) carry exactly the same answers, notes and evidence: one result may have been re-signed for another period.",
                    display_input(credit_code),
                    periods.join("; ")
                ),
            )
        }
        AnomalyKind::KeyForSeveralAssociations { fingerprint, credit_codes } => pick!(
            lang,
            format!("同一把密钥（{fingerprint}）为多个统一社会信用代码（{}）签名。", joined(credit_codes, lang)),
            format!(
                "One key ({fingerprint}) signed results for several credit codes ({}).",
                joined(credit_codes, lang)
            ),
        ),
        AnomalyKind::KeyChanged { credit_code, year, fingerprints } => pick!(
            lang,
            format!(
                "{} 在 {year} 年的结果由不同的密钥签名（{}）：请核实是否备案了新密钥。",
                display_input(credit_code),
                joined(fingerprints, lang)
            ),
            format!(
                "The results of {} for {year} are signed by different keys ({}): check whether a new key was filed.",
                display_input(credit_code),
                joined(fingerprints, lang)
            ),
        ),
        AnomalyKind::PeriodsOverlap { credit_code, first, second } => pick!(
            lang,
            format!(
                "{} 的两份结果期间重叠：{}；{}。",
                display_input(credit_code),
                period_range(&first.0, &first.1, lang),
                period_range(&second.0, &second.1, lang)
            ),
            format!(
                "Two results of {} cover overlapping periods: {} and {}.",
                display_input(credit_code),
                period_range(&first.0, &first.1, lang),
                period_range(&second.0, &second.1, lang)
            ),
        ),
        AnomalyKind::PeriodInFuture { credit_code, period_to, signed } => pick!(
            lang,
            format!(
                "{} 的结果在自查期间结束（{}）之前就已签名（{signed}）。",
                display_input(credit_code),
                display_input(period_to)
            ),
            format!(
                "The result of {} was signed on {signed}, before the period it reports on ended ({}).",
                display_input(credit_code),
                display_input(period_to)
            ),
        ),
        AnomalyKind::PeriodTooLong { credit_code, from, to, days, limit } => pick!(
            lang,
            format!(
                "{} 的自查期间（{}）共 {days} 天，超过月报预期的 {limit} 天。",
                display_input(credit_code),
                period_range(from, to, lang)
            ),
            format!(
                "The period of {} ({}) is {days} days long, more than the {limit} days expected of a monthly report.",
                display_input(credit_code),
                period_range(from, to, lang)
            ),
        ),
    }
}

/// Whether a signed summary reproduces, in plain words of `lang`.
pub fn reproduction(reproduction: &crate::Reproduction, lang: Lang) -> String {
    use crate::Reproduction;
    match reproduction {
        Reproduction::Reproduced => pick!(
            lang,
            "用所列文件重新计算，结果与汇总一致。".into(),
            "Computed again from the files it lists, it is the same.".into(),
        ),
        Reproduction::MissingInputs(missing) => {
            let first = missing.first().map(|input| (display_input(&input.name), short_digest(&input.sha256)));
            let (name, digest) = first.unwrap_or_default();
            pick!(
                lang,
                format!(
                    "汇总所列的文件中有 {} 个没有提供（如 {name}，SHA-256 {digest}），无法重新计算。",
                    missing.len()
                ),
                format!(
                    "{} of the files it lists were not given (such as {name}, SHA-256 {digest}); it cannot be computed again.",
                    missing.len()
                ),
            )
        }
        Reproduction::Differs { at, signed, computed } => pick!(
            lang,
            format!(
                "用所列文件重新计算，结果与汇总不一致：{} 处汇总写的是 {}，重新计算为 {}。",
                display_input(at),
                display_input(signed),
                display_input(computed)
            ),
            format!(
                "Computed again from the files it lists, it differs: at {} the summary says {}, the files give {}.",
                display_input(at),
                display_input(signed),
                display_input(computed)
            ),
        ),
    }
}

/// The words of the bureau's exports: sheet titles, column headers, and the few words cells
/// hold.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs, reason = "each field is the word its name says")]
pub struct ExportWords {
    pub ranking: &'static str,
    pub matrix: &'static str,
    pub months: &'static str,
    pub criteria: &'static str,
    pub areas: &'static str,
    pub grades: &'static str,
    pub anomalies: &'static str,
    pub files: &'static str,
    pub expected_title: &'static str,
    pub rank: &'static str,
    pub credit_code: &'static str,
    pub name: &'static str,
    pub on_list: &'static str,
    pub month: &'static str,
    pub period: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub score: &'static str,
    pub grade: &'static str,
    pub vetoes: &'static str,
    pub answered: &'static str,
    pub key_status: &'static str,
    pub sm2: &'static str,
    pub sm2_valid: &'static str,
    pub sm2_absent: &'static str,
    pub fingerprint: &'static str,
    pub signed: &'static str,
    pub signed_machine: &'static str,
    pub standing: &'static str,
    pub kind: &'static str,
    pub settings: &'static str,
    pub setting: &'static str,
    pub value: &'static str,
    pub review_state: &'static str,
    pub review_note: &'static str,
    pub file: &'static str,
    pub result_digest: &'static str,
    pub longest_missed: &'static str,
    pub current_missed: &'static str,
    pub unverified_name: &'static str,
    pub late_suffix: &'static str,
    pub associations: &'static str,
    pub received: &'static str,
    pub late: &'static str,
    pub duplicate: &'static str,
    pub invalid: &'static str,
    pub missing: &'static str,
    pub not_due: &'static str,
    pub rate: &'static str,
    pub unlisted: &'static str,
    pub failed_rank: &'static str,
    pub catalogue: &'static str,
    pub criterion: &'static str,
    pub title: &'static str,
    pub clause: &'static str,
    pub points: &'static str,
    pub applicable: &'static str,
    pub full: &'static str,
    pub partial: &'static str,
    pub none: &'static str,
    pub open: &'static str,
    pub not_applicable: &'static str,
    pub veto_count: &'static str,
    pub failed_rate: &'static str,
    pub area: &'static str,
    pub results: &'static str,
    pub points_sum: &'static str,
    pub maximum_sum: &'static str,
    pub area_mean: &'static str,
    pub overall: &'static str,
    pub share: &'static str,
    pub with_veto: &'static str,
    pub code: &'static str,
    pub description: &'static str,
    pub sha256: &'static str,
    pub size: &'static str,
    pub role: &'static str,
    pub verdict: &'static str,
    pub reason: &'static str,
    pub verified: &'static str,
    pub verified_yes: &'static str,
    pub verified_no: &'static str,
    pub copy_of: &'static str,
    pub accepted: &'static str,
    pub progress_title: &'static str,
    pub problems_title: &'static str,
    pub progress: &'static str,
    pub whole: &'static str,
    pub problem_number: &'static str,
    pub problem_title: &'static str,
    pub help_requested: &'static str,
    pub handling: &'static str,
    pub handling_note: &'static str,
    pub notices_title: &'static str,
    pub issued: &'static str,
    pub notice_deadline: &'static str,
    pub notice_items: &'static str,
    pub notice_remark: &'static str,
    pub notice_state: &'static str,
    pub notice_open: &'static str,
    pub notice_accepted: &'static str,
    pub notice_result: &'static str,
    pub notice_digest: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

/// The words of the exports in `lang`.
pub fn export_words(lang: Lang) -> ExportWords {
    pick!(
        lang,
        ExportWords {
            ranking: "排名",
            matrix: "报送情况",
            months: "月度报送率",
            criteria: "评价标准",
            areas: "领域得分",
            grades: "等级分布",
            anomalies: "异常",
            files: "文件",
            expected_title: "应报名单",
            rank: "名次",
            credit_code: "统一社会信用代码",
            name: "名称",
            on_list: "在应报名单",
            month: "月份",
            period: "自查期间",
            period_from: "期间起",
            period_to: "期间止",
            score: "折合千分制得分",
            grade: "自评等级",
            vetoes: "否决项",
            answered: "已作答",
            key_status: "密钥备案",
            sm2: "国密签名",
            sm2_valid: "有效",
            sm2_absent: "无",
            fingerprint: "密钥指纹",
            signed: "签名时间（北京时间）",
            signed_machine: "签名时间（机器读取格式）",
            standing: "排名说明",
            kind: "类别",
            settings: "设置",
            setting: "设置项",
            value: "取值",
            review_state: "审核状态",
            review_note: "审核意见",
            file: "文件",
            result_digest: "结果摘要（SHA-256）",
            longest_missed: "最长连续未报（月）",
            current_missed: "目前连续未报（月）",
            unverified_name: "（名称未核实）",
            late_suffix: "（逾期）",
            associations: "应报",
            received: "已报送",
            late: "逾期",
            duplicate: "重复报送",
            invalid: "无效",
            missing: "未报送",
            not_due: "未到期",
            rate: "报送率",
            unlisted: "名单外已报送",
            failed_rank: "未达标排序",
            catalogue: "自查目录",
            criterion: "编号",
            title: "名称",
            clause: "通知条款",
            points: "分值",
            applicable: "适用",
            full: "满分",
            partial: "部分得分",
            none: "零分",
            open: "未作答",
            not_applicable: "不适用",
            veto_count: "触发否决",
            failed_rate: "未达标率",
            area: "领域",
            results: "结果数",
            points_sum: "得分合计",
            maximum_sum: "满分合计",
            area_mean: "折合千分制均值",
            overall: "总体（平均得分）",
            share: "占比",
            with_veto: "触发否决项",
            code: "代码（供程序使用）",
            description: "说明",
            sha256: "SHA-256",
            size: "大小（字节）",
            role: "用途",
            verdict: "结论",
            reason: "原因",
            verified: "内容已核实",
            verified_yes: "已核实",
            verified_no: "未核实（仅为文件自称）",
            copy_of: "与此文件重复",
            accepted: "有效",
            progress_title: "本月活动进展",
            problems_title: "新情况、新问题",
            progress: "进展",
            whole: "总体",
            problem_number: "序号",
            problem_title: "标题",
            help_requested: "请求协助",
            handling: "处理状态",
            handling_note: "处理说明",
            notices_title: "整改通知",
            issued: "签发时间（北京时间）",
            notice_deadline: "整改期限",
            notice_items: "整改事项",
            notice_remark: "登记管理机关意见",
            notice_state: "整改状态",
            notice_open: "尚未整改的事项",
            notice_accepted: "经审核认可的事项",
            notice_result: "据以判断的结果摘要",
            notice_digest: "通知摘要（SHA-256）",
            yes: "是",
            no: "否",
        },
        ExportWords {
            ranking: "Ranking",
            matrix: "Matrix",
            months: "Months",
            criteria: "Criteria",
            areas: "Areas",
            grades: "Grades",
            anomalies: "Anomalies",
            files: "Files",
            expected_title: "Expected list",
            rank: "Rank",
            credit_code: "Credit code",
            name: "Name",
            on_list: "Expected",
            month: "Month",
            period: "Period",
            period_from: "Period from",
            period_to: "Period to",
            score: "Score (per mille)",
            grade: "Grade",
            vetoes: "Vetoes",
            answered: "Answered",
            key_status: "Key on file",
            sm2: "SM2 signature",
            sm2_valid: "valid",
            sm2_absent: "none",
            fingerprint: "Key fingerprint",
            signed: "Signed at (Beijing time)",
            signed_machine: "Signed at (RFC 3339)",
            standing: "Ranking note",
            kind: "Kind",
            settings: "Settings",
            setting: "Setting",
            value: "Value",
            review_state: "Review",
            review_note: "Review note",
            file: "File",
            result_digest: "Result digest (SHA-256)",
            longest_missed: "Longest run missed (months)",
            current_missed: "Current run missed (months)",
            unverified_name: "(name unverified)",
            late_suffix: " (late)",
            associations: "Expected",
            received: "Received",
            late: "Late",
            duplicate: "Duplicate",
            invalid: "Invalid",
            missing: "Missing",
            not_due: "Not due",
            rate: "Rate",
            unlisted: "Received, not listed",
            failed_rank: "Most failed",
            catalogue: "Catalogue",
            criterion: "Criterion",
            title: "Title",
            clause: "Clause",
            points: "Points",
            applicable: "Applicable",
            full: "Full",
            partial: "Partial",
            none: "None",
            open: "Open",
            not_applicable: "Not applicable",
            veto_count: "Vetoes",
            failed_rate: "Failed",
            area: "Area",
            results: "Results",
            points_sum: "Points",
            maximum_sum: "Maximum",
            area_mean: "Mean (per mille)",
            overall: "Overall (mean score)",
            share: "Share",
            with_veto: "With a veto",
            code: "Code (for programs)",
            description: "Description",
            sha256: "SHA-256",
            size: "Size (bytes)",
            role: "Role",
            verdict: "Verdict",
            reason: "Reason",
            verified: "Content verified",
            verified_yes: "verified",
            verified_no: "unverified (only claimed)",
            copy_of: "Copy of",
            accepted: "accepted",
            progress_title: "Progress",
            problems_title: "Problems reported",
            progress: "Progress",
            whole: "All areas",
            problem_number: "No.",
            problem_title: "Title",
            help_requested: "Help asked",
            handling: "Handling",
            handling_note: "Handling note",
            notices_title: "Rectification notices",
            issued: "Issued at (Beijing time)",
            notice_deadline: "Deadline",
            notice_items: "Criteria to fix",
            notice_remark: "The authority's remarks",
            notice_state: "State",
            notice_open: "Still open",
            notice_accepted: "Accepted by the officer",
            notice_result: "Result it is judged by (digest)",
            notice_digest: "Notice digest (SHA-256)",
            yes: "yes",
            no: "no",
        },
    )
}

/// Why a received archive, or a file in it, was not read, and what the sender can do: a sentence
/// of `lang`.
pub fn archive_problem(problem: crate::archive::ArchiveProblem, lang: Lang) -> String {
    use crate::archive::ArchiveProblem as P;
    let limit = file_size(selfcheck_core::credential::MAX_RESULT_BYTES as u64, lang);
    match (problem, lang) {
        (P::Damaged, Lang::Zh) => "压缩包已损坏或不完整，无法打开；请发件人重新发送。".into(),
        (P::Damaged, Lang::En) => {
            "The zip archive is damaged or incomplete and cannot be opened; ask the sender to send it again.".into()
        }
        (P::Encrypted, Lang::Zh) => "压缩包中的此文件已加密（设有密码），无法读取；请发件人不设密码重新发送。".into(),
        (P::Encrypted, Lang::En) => {
            "This file in the zip archive is encrypted (it has a password) and cannot be read; \
            ask the sender to send it again without a password."
                .into()
        }
        (P::TooLarge, Lang::Zh) => format!("压缩包中的此文件解压后超过 {limit}（自查结果的上限），未予解压。"),
        (P::TooLarge, Lang::En) => {
            format!(
                "This file in the zip archive unpacks to more than {limit}, the limit for a result; it was not unpacked."
            )
        }
        (P::ChecksumMismatch, Lang::Zh) => "压缩包中的此文件校验码不符，内容已在传输中损坏；请发件人重新发送。".into(),
        (P::ChecksumMismatch, Lang::En) => "This file in the zip archive does not match its checksum: it was damaged \
            in transit; ask the sender to send it again."
            .into(),
        (P::DamagedEntry, Lang::Zh) => "压缩包中的此文件已损坏，无法解压；请发件人重新发送。".into(),
        (P::DamagedEntry, Lang::En) => {
            "This file in the zip archive is damaged and cannot be unpacked; ask the sender to send it again.".into()
        }
        (P::UnsupportedMethod, Lang::Zh) => {
            "压缩包中的此文件使用了不支持的压缩方式；请发件人用系统自带的压缩功能重新打包。".into()
        }
        (P::UnsupportedMethod, Lang::En) => "This file in the zip archive is packed with a method that is not \
            supported; ask the sender to pack it again with the system's own compression."
            .into(),
        (P::DirectoryDamaged, Lang::Zh) => {
            "压缩包末尾的目录已损坏或缺失（可能传输中断）：其中的文件已按各自的文件头尽量读出，列在下方；请发件人重新发送。"
                .into()
        }
        (P::DirectoryDamaged, Lang::En) => "The zip archive's directory (at its end) is damaged or missing, cut short \
            in transit perhaps: its files were read from their own headers as far as they go, listed below; ask the \
            sender to send it again."
            .into(),
        (P::TooManyEntries, Lang::Zh) => format!(
            "压缩包列有超过 {} 个文件，超出审核台一次打开的上限，未予打开；请发件人分批压缩后发送。",
            thousands(crate::archive::MAX_ARCHIVE_ENTRIES)
        ),
        (P::TooManyEntries, Lang::En) => format!(
            "The zip archive lists more than {} files, more than the desk opens at once; it was not opened. Ask the \
            sender to send the files in smaller archives.",
            thousands(crate::archive::MAX_ARCHIVE_ENTRIES)
        ),
        (P::UnsafeName, Lang::Zh) => {
            "压缩包中此文件的名称指向压缩包之外（含“../”或为绝对路径），解压时可能改写别处的文件，未予读取。".into()
        }
        (P::UnsafeName, Lang::En) => "This file's name in the zip archive leads out of the archive (\"../\" or an \
            absolute path), which could overwrite files elsewhere when unpacked; it was not read."
            .into(),
        (P::MacMetadata, Lang::Zh) => {
            "这是 macOS 压缩时自动附加的元数据（“__MACOSX”文件夹或“._”开头的文件），不是发送的文件，不必处理。".into()
        }
        (P::MacMetadata, Lang::En) => "This is metadata macOS adds when it compresses files (the __MACOSX folder, \
            files starting with ._), not a file that was sent; nothing to do."
            .into(),
        (P::NestedTooDeep, Lang::Zh) => format!(
            "这是嵌套超过 {} 层的压缩包，未再打开；请发件人直接发送其中的文件。",
            crate::archive::MAX_ARCHIVE_DEPTH
        ),
        (P::NestedTooDeep, Lang::En) => format!(
            "This is an archive inside archives more than {} deep; it was not opened. Ask the sender to send the \
            files in it directly.",
            crate::archive::MAX_ARCHIVE_DEPTH
        ),
    }
}

/// What a file was used as, in a word or two.
pub fn input_role(role: crate::InputRole, lang: Lang) -> &'static str {
    use crate::InputRole;
    match (role, lang) {
        (InputRole::File, Lang::Zh) => "报送文件",
        (InputRole::File, Lang::En) => "received file",
        (InputRole::Register, Lang::Zh) => "密钥备案表",
        (InputRole::Register, Lang::En) => "key register",
        (InputRole::Expected, Lang::Zh) => "应报名单",
        (InputRole::Expected, Lang::En) => "expected list",
        (InputRole::Review, Lang::Zh) => "审核记录文件",
        (InputRole::Review, Lang::En) => "review file",
        (InputRole::Catalogue, Lang::Zh) => "自查目录",
        (InputRole::Catalogue, Lang::En) => "catalogue",
        (InputRole::Notice, Lang::Zh) => "整改通知",
        (InputRole::Notice, Lang::En) => "rectification notice",
    }
}

/// An error of the bureau's review in plain words of `lang`.
pub fn error(error: &crate::Error, lang: Lang) -> String {
    use crate::Error;
    match error {
        Error::Core(error) => error.message(lang),
        Error::SummaryInputMissing(role) => pick!(
            lang,
            format!("汇总用到了{}，但输入文件中没有列出它：别人将无法重新计算这份汇总。", input_role(*role, lang)),
            format!(
                "The summary used {} that is not among its inputs: nobody could compute it again.",
                with_article(input_role(*role, lang))
            ),
        ),
        Error::Archive(problem) => archive_problem(*problem, lang),
        Error::EarlierRules => pick!(
            lang,
            "早先的规则只用于重新计算早先签名的汇总；新的汇总按现行规则签名。".into(),
            "The earlier rules only compute again the summaries signed under them; a new summary is signed under the current rules.".into(),
        ),
    }
}

/// The words of the year's summary ([`crate::year`]).
#[allow(missing_docs)]
pub struct YearWords {
    lang: Lang,
    pub participation: &'static str,
    pub grades: &'static str,
    pub areas: &'static str,
    pub criteria: &'static str,
    pub improved: &'static str,
    pub problems: &'static str,
    pub notices: &'static str,
    pub models: &'static str,
    pub month: &'static str,
    pub expected: &'static str,
    pub reported: &'static str,
    pub late: &'static str,
    pub rate: &'static str,
    pub results: &'static str,
    pub incomplete: &'static str,
    pub area: &'static str,
    pub mean: &'static str,
    pub criterion: &'static str,
    pub failed: &'static str,
    pub first_half: &'static str,
    pub second_half: &'static str,
    pub change: &'static str,
    pub change_points: &'static str,
    pub name: &'static str,
    pub credit_code: &'static str,
    pub first_month: &'static str,
    pub first_score: &'static str,
    pub last_month: &'static str,
    pub last_score: &'static str,
    pub handling: &'static str,
    pub count: &'static str,
    pub help_requested: &'static str,
    pub total: &'static str,
    pub state: &'static str,
    pub months_at_top: &'static str,
    pub rule: &'static str,
    pub none_found: &'static str,
}

impl YearWords {
    /// The rule for 示范 candidates, as the table states it: `months` recent months, from
    /// `first` to `last`, each at the grade `top`.
    pub fn rule_text(&self, months: usize, first: &str, last: &str, top: &str) -> String {
        pick!(
            self.lang,
            format!(
                "最近 {months} 个月（{first} 至 {last}）每月结果均为“{top}”，全年无否决项，且无未整改完毕的整改通知"
            ),
            format!(
                "graded “{top}” in each of the last {months} months ({first} to {last}), no veto in the year, and no notice still open"
            ),
        )
    }
}

/// The words of the year's summary in `lang`.
pub fn year_words(lang: Lang) -> YearWords {
    pick!(
        lang,
        YearWords {
            lang,
            participation: "参与情况",
            grades: "等级分布",
            areas: "各领域得分率",
            criteria: "失分最多的指标",
            improved: "进步最大的协会",
            problems: "新情况新问题处理",
            notices: "整改通知",
            models: "示范创建单位候选",
            month: "月份",
            expected: "应报协会数",
            reported: "已报送",
            late: "逾期",
            rate: "报送率",
            results: "结果数",
            incomplete: "尚未完成",
            area: "领域",
            mean: "得分率",
            criterion: "指标",
            failed: "失分次数",
            first_half: "上半年（占结果）",
            second_half: "下半年（占结果）",
            change: "变化",
            change_points: "变化（百分点）",
            name: "协会名称",
            credit_code: "统一社会信用代码",
            first_month: "首次月份",
            first_score: "首次得分",
            last_month: "最近月份",
            last_score: "最近得分",
            handling: "处理状态",
            count: "数量",
            help_requested: "其中请求协助",
            total: "合计",
            state: "整改状态",
            months_at_top: "连续示范月数",
            rule: "依据的规则",
            none_found: "（无符合规则的协会）",
        },
        YearWords {
            lang,
            participation: "Participation",
            grades: "Grades",
            areas: "Areas",
            criteria: "Most failed criteria",
            improved: "Most improved",
            problems: "Problems handled",
            notices: "Notices",
            models: "Model candidates",
            month: "Month",
            expected: "Expected",
            reported: "Reported",
            late: "Late",
            rate: "Rate",
            results: "Results",
            incomplete: "Not finished",
            area: "Area",
            mean: "Share of points",
            criterion: "Criterion",
            failed: "Times below full points",
            first_half: "First half (of results)",
            second_half: "Second half (of results)",
            change: "Change",
            change_points: "Change (points)",
            name: "Association",
            credit_code: "Credit code",
            first_month: "First month",
            first_score: "First score",
            last_month: "Latest month",
            last_score: "Latest score",
            handling: "Handling",
            count: "Count",
            help_requested: "of which help asked",
            total: "Total",
            state: "State",
            months_at_top: "Months at the top grade",
            rule: "Rule",
            none_found: "(none meets the rule)",
        },
    )
}

/// Why a result without the second signature is refused where the bureau requires it.
pub fn sm2_required(lang: Lang) -> &'static str {
    pick!(
        lang,
        "未附国密签名（SM2/SM3），按要求不予接收：请用含国密部分的密钥重新签名。",
        "It has no national-algorithm signature (SM2/SM3), which is required: sign it again with a key that has an SM2 part."
    )
}
