//! Every interface string of the widget, in Simplified Chinese and English, in one place.

use selfcheck_core::Lang;

/// The interface strings of one language.
pub struct Strings {
    pub results: &'static str,
    pub total: &'static str,
    pub score: &'static str,
    pub grade: &'static str,
    pub answered: &'static str,
    pub points: &'static str,
    pub yes: &'static str,
    pub partly: &'static str,
    pub no: &'static str,
    pub not_applicable: &'static str,
    pub guidance: &'static str,
    pub evidence: &'static str,
    pub clause: &'static str,
    pub veto: &'static str,
    pub vetoes: &'static str,
    pub language_switch: &'static str,
}

const ZH: Strings = Strings {
    results: "自查结果",
    total: "得分",
    score: "千分制得分",
    grade: "等级",
    answered: "已作答",
    points: "分",
    yes: "是",
    partly: "部分",
    no: "否",
    not_applicable: "不适用",
    guidance: "达标要求与佐证材料",
    evidence: "佐证材料",
    clause: "依据",
    veto: "否决项",
    vetoes: "触发否决项",
    language_switch: "English",
};

const EN: Strings = Strings {
    results: "Results",
    total: "Total",
    score: "Score (per mille)",
    grade: "Grade",
    answered: "Answered",
    points: "points",
    yes: "Yes",
    partly: "Partly",
    no: "No",
    not_applicable: "Not applicable",
    guidance: "Full compliance and evidence",
    evidence: "Evidence",
    clause: "Clause",
    veto: "Veto gate",
    vetoes: "Vetoes triggered",
    language_switch: "中文",
};

/// The strings of `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
