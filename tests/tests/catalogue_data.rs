//! Tests of the built-in catalogue's data itself: schema, ids, points, quotes, coverage of
//! the notice's lists, and the digest.

use std::collections::BTreeSet;
use std::path::Path;

use selfcheck_core::catalogue::{BUILTIN_JSON, BUILTIN_VERSIONS, SCHEMA_JSON};
use selfcheck_core::{Catalogue, Kind};
use serde_json::Value;

fn repo_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

fn notice() -> String {
    repo_file("core/catalogues/gd-2013-self-discipline.source.txt")
}

fn validate_against_schema(instance: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_str(SCHEMA_JSON).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("catalogue.schema.json", schema).unwrap();
    let index = compiler.compile("catalogue.schema.json", &mut schemas).unwrap();
    schemas.validate(instance, index).map_err(|error| format!("{error:#}"))
}

#[test]
fn the_builtin_catalogue_and_the_test_catalogue_match_the_schema() {
    for builtin in BUILTIN_VERSIONS {
        validate_against_schema(&serde_json::from_str(&builtin.json()).unwrap()).unwrap();
    }
    validate_against_schema(&serde_json::from_str(&repo_file("tests/data/catalogues/mini.json")).unwrap()).unwrap();
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let mut doc: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    doc["areas"][0]["criteria"][0]["kind"] = Value::from("stars");
    assert!(validate_against_schema(&doc).is_err());
    assert!(Catalogue::from_json(&doc.to_string()).is_err());
    let mut doc: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    doc["areas"][0]["criteria"][0]["surprise"] = Value::from(1);
    assert!(validate_against_schema(&doc).is_err());
    assert!(Catalogue::from_json(&doc.to_string()).is_err());
}

#[test]
fn the_catalogue_pins_the_2013_notice_and_has_its_four_areas_and_the_requirements() {
    for catalogue in Catalogue::builtins() {
        assert_eq!(catalogue.id(), "gd-2013-self-discipline");
        assert_eq!(catalogue.authority().zh, "广东省民政厅");
        assert_eq!(catalogue.source_date(), "2013-05-27");
        let areas: Vec<(&str, &str, u32)> = catalogue
            .areas()
            .iter()
            .map(|area| (area.id.as_str(), area.clause.section.as_str(), area.points))
            .collect();
        assert_eq!(
            areas,
            [
                ("A", "二（一）", 250),
                ("B", "二（二）", 200),
                ("C", "二（三）", 200),
                ("D", "二（四）", 250),
                ("E", "三", 100)
            ]
        );
        let titles: Vec<&str> = catalogue.areas().iter().map(|area| area.title.zh.as_str()).collect();
        assert_eq!(&titles[..4], ["健全自律规约", "推进信息公开", "开展诚信服务", "加强规范化建设"]);
        assert_eq!(catalogue.total_points(), 1000);
        let bands: Vec<(&str, u32)> = catalogue.grades().iter().map(|g| (g.label.zh.as_str(), g.min)).collect();
        assert_eq!(bands, [("示范", 900), ("良好", 750), ("合格", 600), ("需整改", 0)]);
        assert_eq!(catalogue.veto_grade().label.zh, "需整改");
    }
}

#[test]
fn ids_are_unique_and_points_add_up() {
    for catalogue in Catalogue::builtins() {
        let mut ids = BTreeSet::new();
        let mut total = 0;
        for area in catalogue.areas() {
            let criteria = &catalogue.criteria()[area.criteria.clone()];
            assert_eq!(criteria.iter().map(|c| c.points).sum::<u32>(), area.points, "area {}", area.id);
            for criterion in criteria {
                assert!(ids.insert(criterion.id.clone()), "{} twice", criterion.id);
                assert!(criterion.id.starts_with(&area.id));
                total += criterion.points;
                if let Kind::Checklist(items) = &criterion.kind {
                    assert_eq!(items.iter().map(|i| i.points).sum::<u32>(), criterion.points, "{}", criterion.id);
                    for item in items {
                        assert!(ids.insert(item.id.clone()), "{} twice", item.id);
                    }
                }
            }
        }
        assert_eq!(total, 1000);
    }
}

#[test]
fn every_cited_quote_occurs_in_the_notice() {
    for catalogue in Catalogue::builtins() {
        let notice = notice();
        let clauses = catalogue
            .areas()
            .iter()
            .map(|area| (area.id.as_str(), &area.clause))
            .chain(catalogue.criteria().iter().map(|criterion| (criterion.id.as_str(), &criterion.clause)));
        for (id, clause) in clauses {
            assert!(notice.contains(&clause.quote), "{id}: the quote {:?} is not in the notice", clause.quote);
            // The quote stands in the section cited: section 三 starts at "三、几点要求".
            let at = notice.find(&clause.quote).unwrap();
            let in_section_three = at > notice.find("三、几点要求").unwrap();
            assert_eq!(clause.section.starts_with('三'), in_section_three, "{id}: section {}", clause.section);
        }
    }
}

/// The notice's lists, each of which must be a checklist whose sub-items name every element.
#[test]
fn the_notices_lists_are_sub_items_not_one_vague_question() {
    for catalogue in Catalogue::builtins() {
        let lists: [(&str, &[&str]); 8] = [
            ("向社会公开", &["登记证书", "章程", "组织机构设置", "负责人及理事会成员名单"]),
            ("向会员公开", &["重大活动", "财务收支", "出国（境）考察", "接受捐赠和资助", "年度工作报告"]),
            ("承诺", &["强制入会", "乱收费", "强行服务", "乱评比", "小金库", "业务范围"]),
            ("服务", &["服务内容", "服务方式", "服务对象", "收费标准"]),
            ("内部管理制度", &["换届选举", "议事决策", "人事管理", "财务管理", "机构管理"]),
            ("五自", &["自愿发起", "自选会长", "自筹经费", "自聘人员", "自主会务"]),
            ("四无", &["无行政级别", "无行政事业编制", "无行政业务主管部门", "兼职"]),
            ("脱钩", &["职能", "机构", "人员", "财务"]),
        ];
        for (topic, elements) in lists {
            let found = catalogue.criteria().iter().find(|criterion| {
                criterion.title.zh.contains(topic)
                    && elements
                        .iter()
                        .all(|element| criterion.items().iter().any(|item| item.title.zh.contains(element)))
            });
            assert!(found.is_some(), "no checklist on {topic} has a sub-item for each of {elements:?}");
        }
        let credit = catalogue.criteria().iter().find(|c| c.clause.quote.contains("黑名单")).expect("信用管理制度");
        for element in ["社会评价", "失信惩戒", "黑名单"] {
            assert!(credit.items().iter().any(|item| item.title.zh.contains(element)), "{element}");
        }
    }
}

#[test]
fn the_veto_gates_are_the_serious_violations_the_notice_forbids() {
    for catalogue in Catalogue::builtins() {
        let gates: Vec<(&str, &str)> = catalogue
            .criteria()
            .iter()
            .filter(|criterion| criterion.veto.is_some())
            .map(|criterion| (criterion.id.as_str(), criterion.clause.quote.as_str()))
            .collect();
        let expected = ["虚假记载", "强制入会", "乱收费", "强行服务", "小金库", "在会员中分配", "竞争的经济实体"];
        assert_eq!(gates.len(), expected.len(), "{gates:?}");
        for words in expected {
            assert!(gates.iter().any(|(_, quote)| quote.contains(words)), "no veto gate cites {words}: {gates:?}");
        }
        for criterion in catalogue.criteria().iter().filter(|c| c.veto.is_some()) {
            assert!(matches!(criterion.kind, Kind::Binary) && !criterion.not_applicable, "{}", criterion.id);
        }
    }
}

#[test]
fn the_requirements_on_associations_in_section_three_are_criteria() {
    for catalogue in Catalogue::builtins() {
        for words in ["推进方案", "专人负责", "新闻媒体", "每个月", "及时上报", "限期整改"] {
            assert!(
                catalogue
                    .criteria()
                    .iter()
                    .any(|c| c.clause.section.starts_with('三') && c.clause.quote.contains(words)),
                "no criterion of section 三 cites {words}"
            );
        }
    }
}

#[test]
fn the_digest_is_of_the_content_not_the_layout() {
    let catalogue = Catalogue::builtin();
    assert_eq!(catalogue.digest().len(), 64);
    // Reformatted, keys reordered by serde_json's map, `$schema` dropped: same digest.
    let value: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    let mut object = value.as_object().unwrap().clone();
    object.remove("$schema");
    let compact = serde_json::to_string(&object).unwrap();
    assert_eq!(Catalogue::from_json(&compact).unwrap().digest(), catalogue.digest());
    // What `selfcheck catalog --format json` prints has the same digest.
    let printed = selfcheck_core::json::pretty(&catalogue.to_doc().to_json());
    assert_eq!(Catalogue::from_json(&printed).unwrap().digest(), catalogue.digest());
    // Any change of content changes it; under the built-in's id and version it is refused, since
    // results pin the published version.
    let changed =
        BUILTIN_JSON.replacen("\"points\":40", "\"points\":38", 1).replacen("\"points\":20", "\"points\":22", 1);
    let error = Catalogue::from_json(&changed).unwrap_err();
    assert!(matches!(error, selfcheck_core::Error::CatalogueImpersonation { .. }), "{error}");
    let renamed = changed.replacen(&format!("\"version\":\"{}\"", catalogue.version()), "\"version\":\"99.0.0\"", 1);
    let changed = Catalogue::from_json(&renamed).unwrap();
    assert_ne!(changed.digest(), catalogue.digest());
}

#[test]
fn every_text_is_bilingual_and_the_english_is_english() {
    for builtin in BUILTIN_VERSIONS {
        every_text_is_bilingual(&serde_json::from_str(&builtin.json()).unwrap());
    }
}

fn every_text_is_bilingual(value: &Value) {
    fn walk(value: &Value, path: &str) {
        match value {
            Value::Object(map) if map.contains_key("zh") && map.contains_key("en") => {
                let en = map["en"].as_str().unwrap();
                // English may gloss a Chinese term in parentheses, no more.
                let cjk = en.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
                let latin = en.chars().filter(char::is_ascii_alphabetic).count();
                assert!(cjk * 10 < latin, "{path}.en is not English: {en}");
                assert!(
                    map["zh"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{path}.zh"
                );
            }
            Value::Object(map) => map.iter().for_each(|(key, value)| walk(value, &format!("{path}.{key}"))),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, value)| walk(value, &format!("{path}[{i}]"))),
            _ => {}
        }
    }
    walk(value, "");
}
