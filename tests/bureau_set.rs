//! A generated set of received files for the bureau's tests and benchmarks: associations × months
//! of signed results with a key register and an expected list, and among them every case the
//! verdict, the matrix and the anomalies must catch (tampered, unregistered key, another
//! association's key, duplicate, re-used for another month, missing, …).
//!
//! Deterministic: the same spec gives the same bytes, so that the desk's browser tests, the
//! benchmarks and `selfcheck summary` see the same files. `cargo xtask bureau-set DIR` writes it
//! to a folder (`bureau-set` binary of this package).

use std::path::Path;

use selfcheck_core::credential::add_proof;
use selfcheck_core::json::{self, Json};
use selfcheck_core::{Answers, AssociationKey, Catalogue, CreditCode, Kind, Timestamp, sign_result};
use serde_json::{Value, json};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// How many associations are expected to report (the special cases need at least 40).
    pub associations: usize,
    /// How many months, the last being October 2026.
    pub months: usize,
    /// Whether to plant the special cases (tampered, duplicate, …); without them, every
    /// association reports every month on time: the benchmarks' plain set.
    pub cases: bool,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec { associations: 40, months: 6, cases: true }
    }
}

/// What a received file was made to be, for tests to check the verdict against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// An ordinary result, on time.
    Ordinary,
    /// Signed after the deadline (the 10th of the next month).
    Late,
    /// Changed after signing.
    Tampered,
    /// Signed by a key the register does not file for any association (its code has none).
    UnregisteredCode,
    /// Signed by a key other than the one filed for its code.
    WrongKey,
    /// Signed by the key another association filed.
    AnotherAssociationsKey,
    /// A second, different result for the same month.
    Duplicate,
    /// The very same result, once more under another name.
    SameFileTwice,
    /// Last month's answers re-signed for this month.
    ReusedForAnotherMonth,
    /// Signed with the association's second key (filed after it lost the first).
    NewKey,
    /// Signed before the period ended.
    SignedBeforePeriodEnds,
    /// A quarter instead of a month.
    Quarter,
    /// Signed before the period began.
    PeriodNotBegun,
    /// Pins a catalogue the bureau does not have.
    UnknownCatalogue,
    /// A result with a field missing.
    Malformed,
    /// Its report does not score as its answers, re-signed by the association's own key.
    ReportMismatch,
    /// From an association not on the expected list.
    Unlisted,
    /// Not a result at all.
    NotAResult,
}

/// A received file.
#[derive(Debug, Clone)]
pub struct File {
    /// Its name in the folder.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// What it was made to be.
    pub case: Case,
    /// The association (index) and month (index) it was made for; `None` for non-results.
    pub made_for: Option<(usize, usize)>,
}

/// The generated set.
#[derive(Debug, Clone)]
pub struct BureauSet {
    /// The received files, in name order.
    pub files: Vec<File>,
    /// The key register (`CREDIT_CODE FINGERPRINT` lines).
    pub register: String,
    /// The expected list, as Excel writes "CSV UTF-8": BOM, 序号, 单位名称, 统一社会信用代码.
    pub expected: Vec<u8>,
    /// The associations: name and credit code, index order (the unlisted one last).
    pub associations: Vec<(String, String)>,
    /// The months, `YYYY-MM`, in order.
    pub months: Vec<String>,
    /// The review's clock: every month is due.
    pub now: Timestamp,
    /// The deadline's day of the following month.
    pub deadline: u32,
}

/// Associations with a special case (index: case), when cases are planted.
pub const TAMPERED: (usize, usize) = (3, 1);
/// An association whose code the register does not file.
pub const UNREGISTERED: usize = 7;
/// A result signed with a key other than the one filed.
pub const WRONG_KEY: (usize, usize) = (9, 4);
/// Two different results for one month.
pub const DUPLICATE: (usize, usize) = (11, 2);
/// An association that misses two months in a row.
pub const MISSES_TWO: (usize, [usize; 2]) = (12, [3, 4]);
/// The same file twice.
pub const SAME_FILE: (usize, usize) = (14, 0);
/// Month 3's result re-uses month 2's answers.
pub const REUSED: (usize, usize) = (16, 3);
/// An association with two keys filed, the second used from month 3.
pub const NEW_KEY: (usize, usize) = (18, 3);
/// Association 21's month 5 is signed with association 20's key.
pub const BORROWED_KEY: (usize, usize, usize) = (21, 20, 5);
/// Signed before the period ended.
pub const EARLY: (usize, usize) = (23, 5);
/// A quarter instead of a month.
pub const QUARTER: (usize, usize) = (25, 5);
/// Signed before the period began.
pub const NOT_BEGUN: (usize, usize) = (27, 5);
/// Pins an unknown catalogue.
pub const UNKNOWN_CATALOGUE: (usize, usize) = (29, 1);
/// A malformed result.
pub const MALFORMED: (usize, usize) = (31, 2);
/// A report that does not score as its answers.
pub const REPORT_MISMATCH: (usize, usize) = (33, 3);
/// An association that never reports.
pub const NEVER_REPORTS: usize = 39;
/// Associations that sign after the deadline (every month).
pub fn is_late_signer(association: usize) -> bool {
    association % 10 == 6
}

/// A tiny deterministic generator (SplitMix64): the set is the same on every machine.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// A valid credit code of a social organization (51…) for association `index`.
pub fn credit_code(index: usize) -> String {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    // 7,919 is prime and coprime with 10^8: every index below 10^8 gets its own code.
    let body = format!("51440000{:08}", (50_000_000 + index as u64 * 7_919) % 100_000_000);
    // The organization code's check digit and the code's check character are found by trying:
    // the core says which one is right, and no rule is written twice.
    for org_check in "0123456789X".chars() {
        for check in ALPHABET.chars() {
            let text = format!("{body}{org_check}{check}");
            if let Ok(code) = CreditCode::parse(&text)
                && code.warnings().is_empty()
            {
                return text;
            }
        }
    }
    unreachable!("some check characters make a valid code")
}

/// The key of association `index` (and its `generation`: 1 for a key filed after losing the first).
pub fn association_key(index: usize, generation: u8) -> AssociationKey {
    let mut seed: [u8; 32] = std::array::from_fn(|byte| (byte as u8).wrapping_mul(31) ^ 0x5A);
    for (byte, value) in seed.iter_mut().zip((index as u64 + 1).to_le_bytes()) {
        *byte ^= value;
    }
    seed[8] ^= generation;
    AssociationKey::from_seed(seed)
}

/// The bureau's own key, for signed summaries. A published test key: never trust it.
pub fn bureau_key() -> AssociationKey {
    AssociationKey::from_seed([0xB0; 32])
}

fn association_name(index: usize) -> String {
    let kinds = ["行业协会", "商会", "促进会", "联合会"];
    format!("广东省测试第{:02}{}", index + 1, kinds[index % kinds.len()])
}

/// Month `offset` of the set: October 2026 is the last.
fn month(offset: usize, months: usize) -> (i32, u32) {
    let index = 2026 * 12 + 9 - (months - 1 - offset) as i32;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

fn last_day(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 { (year + 1, 1) } else { (year, month + 1) }
}

/// Answers to the criteria of `catalogue`, drawn from `mix`: mostly yes, some partly, no, not
/// applicable, checklists partly checked, a veto now and then, and now and then a criterion or
/// two left open.
fn answers_json(catalogue: &Catalogue, mix: &mut Mix, name: &str, code: &str, period: (&str, &str)) -> Value {
    let mut answers = serde_json::Map::new();
    // One result in eight is sent with a criterion or two still open (it is not ranked).
    let leaves_open = mix.below(8) == 0;
    for criterion in catalogue.criteria() {
        let roll = mix.below(100);
        let entry = match &criterion.kind {
            Kind::Checklist(items) => {
                if criterion.not_applicable && roll < 5 {
                    json!({ "value": "na" })
                } else {
                    let checked: Vec<&str> =
                        items.iter().filter(|_| mix.below(100) < 75).map(|item| item.id.as_str()).collect();
                    json!({ "checked": checked })
                }
            }
            Kind::Scale => match roll {
                0..=59 => json!({ "value": "yes" }),
                60..=84 => json!({ "value": "partly" }),
                85..=94 => json!({ "value": "no" }),
                _ if criterion.not_applicable => json!({ "value": "na" }),
                _ => json!({ "value": "yes" }),
            },
            Kind::Binary if criterion.veto.is_some() => {
                if roll < 3 {
                    json!({ "value": "no" })
                } else {
                    json!({ "value": "yes" })
                }
            }
            Kind::Binary => match roll {
                0..=74 => json!({ "value": "yes" }),
                75..=94 => json!({ "value": "no" }),
                _ if criterion.not_applicable => json!({ "value": "na" }),
                _ => json!({ "value": "no" }),
            },
        };
        if !leaves_open || mix.below(23) != 0 {
            answers.insert(criterion.id.clone(), entry);
        }
    }
    json!({
        "format": "selfcheck-answers/1",
        "catalogue": { "id": catalogue.id(), "version": catalogue.version() },
        "profile": {
            "name": name,
            "credit_code": code,
            "contact": { "person": "联系人", "phone": "020-83000000", "email": "office@example.org.cn" },
            "period": { "from": period.0, "to": period.1 }
        },
        "answers": answers
    })
}

fn sign(catalogue: &Catalogue, answers: &Value, key: &AssociationKey, issued: &str, id: u64) -> String {
    let answers = Answers::from_json(catalogue, &answers.to_string()).expect("generated answers fit the catalogue");
    let issued = Timestamp::parse(issued).expect("a generated time");
    let mut random = [0u8; 16];
    random[..8].copy_from_slice(&id.to_le_bytes());
    sign_result(catalogue, &answers, key, &issued, random).expect("a generated result signs")
}

/// Edits a signed result with `edit` and signs it again with `key`.
fn resign(result: &str, key: &AssociationKey, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(result).expect("a result is JSON");
    edit(&mut value);
    value.as_object_mut().expect("an object").remove("proof");
    let Json::Object(mut object) = crate::core_json(&value) else { unreachable!("an object") };
    let created = Timestamp::parse(value["validFrom"].as_str().expect("validFrom")).expect("a time");
    add_proof(&mut object, key, Some(&created));
    json::pretty(&Json::Object(object))
}

/// Generates the set.
pub fn generate(spec: Spec) -> BureauSet {
    assert!(!spec.cases || spec.associations >= 40, "the special cases need 40 associations");
    assert!((1..=24).contains(&spec.months), "1 to 24 months");
    let catalogue = Catalogue::builtin();
    let unlisted = spec.associations;
    let associations: Vec<(String, String)> = (0..=unlisted)
        .map(|index| {
            let name =
                if index == unlisted { "广东省名单外测试协会".to_owned() } else { association_name(index) };
            (name, credit_code(index))
        })
        .collect();
    let months: Vec<(i32, u32)> = (0..spec.months).map(|offset| month(offset, spec.months)).collect();
    let mut files: Vec<File> = Vec::new();
    let mut previous_answers: Vec<Option<Value>> = vec![None; associations.len()];
    let cases = spec.cases;
    for (index, (name, code)) in associations.iter().enumerate() {
        for (offset, &(year, month_number)) in months.iter().enumerate() {
            let at = (index, offset);
            if cases && (index == NEVER_REPORTS || (index == MISSES_TWO.0 && MISSES_TWO.1.contains(&offset))) {
                continue;
            }
            if index == unlisted && offset + 2 < spec.months {
                continue;
            }
            let mut mix = Mix((index as u64) << 32 | offset as u64);
            let from = format!("{year:04}-{month_number:02}-01");
            let to = format!("{year:04}-{month_number:02}-{:02}", last_day(year, month_number));
            let (next_year, next) = next_month(year, month_number);
            let day = if cases && is_late_signer(index) { 15 } else { 3 + (index + offset) as u32 % 6 };
            let mut issued = format!("{next_year:04}-{next:02}-{day:02}T0{}:30:00Z", 1 + index % 8);
            let mut case = if cases && is_late_signer(index) { Case::Late } else { Case::Ordinary };
            let mut period = (from.clone(), to.clone());
            let mut key = association_key(index, 0);
            if index == unlisted {
                case = Case::Unlisted;
            }
            if cases {
                match at {
                    _ if index == UNREGISTERED => case = Case::UnregisteredCode,
                    WRONG_KEY => {
                        key = association_key(index, 1);
                        case = Case::WrongKey;
                    }
                    (index, offset) if index == NEW_KEY.0 && offset >= NEW_KEY.1 => {
                        key = association_key(index, 1);
                        case = Case::NewKey;
                    }
                    (index, offset) if (index, offset) == (BORROWED_KEY.0, BORROWED_KEY.2) => {
                        key = association_key(BORROWED_KEY.1, 0);
                        case = Case::AnotherAssociationsKey;
                    }
                    EARLY => {
                        issued = format!("{year:04}-{month_number:02}-25T02:00:00Z");
                        case = Case::SignedBeforePeriodEnds;
                    }
                    QUARTER => {
                        let (first_year, first_month) = months[offset - 2];
                        period.0 = format!("{first_year:04}-{first_month:02}-01");
                        case = Case::Quarter;
                    }
                    NOT_BEGUN => {
                        let (before_year, before) = months[offset - 1];
                        issued = format!("{before_year:04}-{before:02}-28T02:00:00Z");
                        case = Case::PeriodNotBegun;
                    }
                    _ => {}
                }
            }
            let answers = if cases && at == REUSED {
                let mut reused = previous_answers[index].clone().expect("the month before was reported");
                reused["profile"]["period"] = json!({ "from": period.0, "to": period.1 });
                case = Case::ReusedForAnotherMonth;
                reused
            } else {
                answers_json(catalogue, &mut mix, name, code, (&period.0, &period.1))
            };
            previous_answers[index] = Some(answers.clone());
            let id = ((index as u64) << 16) | offset as u64;
            let mut result = sign(catalogue, &answers, &key, &issued, id);
            match at {
                TAMPERED if cases => {
                    result =
                        result.replacen(&format!("\"name\": \"{name}\""), &format!("\"name\": \"{name}（改）\""), 1);
                    case = Case::Tampered;
                }
                UNKNOWN_CATALOGUE if cases => {
                    result = resign(&result, &key, |value| {
                        let digest = "0".repeat(64);
                        value["credentialSubject"]["catalogue"]["digest"] = json!(digest);
                        value["credentialSubject"]["report"]["catalogue"]["digest"] = json!(digest);
                    });
                    case = Case::UnknownCatalogue;
                }
                MALFORMED if cases => {
                    let mut value: Value = serde_json::from_str(&result).expect("JSON");
                    value["credentialSubject"].as_object_mut().expect("subject").remove("report");
                    result = serde_json::to_string_pretty(&value).expect("JSON");
                    case = Case::Malformed;
                }
                REPORT_MISMATCH if cases => {
                    result = resign(&result, &key, |value| {
                        let total = value["credentialSubject"]["report"]["total"].as_u64().expect("total");
                        value["credentialSubject"]["report"]["total"] = json!(total + 10);
                    });
                    case = Case::ReportMismatch;
                }
                _ => {}
            }
            let file_name = format!("{code}-{year:04}{month_number:02}.json");
            files.push(File { name: file_name.clone(), bytes: result.clone().into_bytes(), case, made_for: Some(at) });
            if cases && at == DUPLICATE {
                let mut other_mix = Mix(0xD0D0 ^ id);
                let other = answers_json(catalogue, &mut other_mix, name, code, (&period.0, &period.1));
                let later = format!("{next_year:04}-{next:02}-09T03:00:00Z");
                let second = sign(catalogue, &other, &key, &later, id ^ 0xFFFF);
                files.push(File {
                    name: format!("{code}-{year:04}{month_number:02}-更正.json"),
                    bytes: second.into_bytes(),
                    case: Case::Duplicate,
                    made_for: Some(at),
                });
            }
            if cases && at == SAME_FILE {
                files.push(File {
                    name: format!("副本-{file_name}"),
                    bytes: result.into_bytes(),
                    case: Case::SameFileTwice,
                    made_for: Some(at),
                });
            }
        }
    }
    if cases {
        files.push(File {
            name: "说明.txt".to_owned(),
            bytes: "本月报送材料见附件。\n".as_bytes().to_vec(),
            case: Case::NotAResult,
            made_for: None,
        });
        let answers =
            answers_json(catalogue, &mut Mix(1), &associations[0].0, &associations[0].1, ("2026-10-01", "2026-10-31"));
        files.push(File {
            name: "草稿-answers.json".to_owned(),
            bytes: serde_json::to_string_pretty(&answers).expect("JSON").into_bytes(),
            case: Case::NotAResult,
            made_for: None,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let mut register = String::from("# 广东省民政厅 密钥备案表（测试）\n");
    for (index, (_, code)) in associations.iter().enumerate() {
        if cases && index == UNREGISTERED {
            continue;
        }
        register.push_str(&format!("{code} {}\n", association_key(index, 0).public().fingerprint()));
        if cases && index == NEW_KEY.0 {
            register
                .push_str(&format!("{code} {}  # 遗失后重新备案\n", association_key(index, 1).public().fingerprint()));
        }
    }
    let mut expected = String::from("\u{feff}序号,单位名称,统一社会信用代码\r\n");
    for (index, (name, code)) in associations[..unlisted].iter().enumerate() {
        expected.push_str(&format!("{},{name},{code}\r\n", index + 1));
    }
    let (last_year, last_month) = months[months.len() - 1];
    let (due_year, due_month) = next_month(last_year, last_month);
    BureauSet {
        files,
        register,
        expected: expected.into_bytes(),
        associations,
        months: months.iter().map(|(year, month)| format!("{year:04}-{month:02}")).collect(),
        now: Timestamp::parse(&format!("{due_year:04}-{due_month:02}-20T00:00:00Z")).expect("a time"),
        deadline: 10,
    }
}

impl BureauSet {
    /// Writes the set into `dir`: `results/` (the received files), `register.txt`,
    /// `expected.csv`, and `set.json` (the clock, the deadline, and what each file was made to
    /// be). The folder is created; files already there are replaced.
    ///
    /// # Errors
    /// When a file cannot be written.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let results = dir.join("results");
        std::fs::create_dir_all(&results)?;
        for file in &self.files {
            std::fs::write(results.join(&file.name), &file.bytes)?;
        }
        std::fs::write(dir.join("register.txt"), &self.register)?;
        std::fs::write(dir.join("expected.csv"), &self.expected)?;
        let manifest = json!({
            "now": self.now.as_str(),
            "deadline": self.deadline,
            "months": self.months,
            "bureau_key_seed": "b0".repeat(32),
            "files": self.files.iter().map(|file| json!({
                "name": file.name,
                "case": format!("{:?}", file.case),
                "association": file.made_for.map(|(association, _)| self.associations[association].1.clone()),
                "month": file.made_for.map(|(_, month)| self.months[month].clone()),
            })).collect::<Vec<_>>(),
        });
        std::fs::write(dir.join("set.json"), serde_json::to_string_pretty(&manifest).unwrap_or_default())
    }
}
