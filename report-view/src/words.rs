//! The report view's words, in Simplified Chinese and English side by side.

selfcheck_core::strings! {
    /// A string of the report view.
    pub enum Words {
        Results => "自查结果", "Results";
        ScoreHeadline => "折合千分制", "Score (per mille)";
        Earned => "实得分", "Points earned";
        ApplicableMaximum => "适用满分", "Applicable maximum";
        Grade => "自评等级", "Self-assessed grade";
        GradeWhenFinished => "全部作答后才评定等级。", "The grade is given once every criterion is answered.";
        Answered => "已作答", "Answered";
        Veto => "否决项", "Veto gate";
        Vetoes => "触发否决项", "Vetoes triggered";
        AreaChart => "分项得分率", "Share of points by area";
        Area => "领域", "Area";
        AreaPoints => "实得分 / 适用满分", "Earned / applicable";
        RectificationCount => "整改清单（共 {} 项）", "What to fix ({} criteria)";
        NothingToFix => "无需整改。", "Nothing to fix.";
        ShowAll => "显示全部（共 {} 项）", "Show all ({})";
        ShowFewer => "只显示前 50 项", "Show the first 50 only";
        Deduct => "扣 {} 分", "{} points lost";
        Unanswered => "未作答", "not answered";
    }
}

#[cfg(test)]
mod tests {
    use selfcheck_core::Lang;

    use super::*;

    #[test]
    fn fills_the_count_in_both_languages() {
        assert_eq!(Words::RectificationCount.filled(Lang::Zh, &["3"]), "整改清单（共 3 项）");
        assert_eq!(Words::Deduct.filled(Lang::En, &["4"]), "4 points lost");
    }
}
