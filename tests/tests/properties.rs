//! Property tests (proptest) of what a signing tool must guarantee: any change to a signed
//! result, any field added or removed, and any key or proof taken from another result makes
//! verification fail, while re-serialising it with the same meaning never does; and the
//! scoring invariants (bounds, monotonicity, not applicable, vetoes).

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use selfcheck_core::compare::{Comparison, Side};
use selfcheck_core::wire::{ContactDoc, PeriodDoc, ProfileDoc};
use selfcheck_core::{
    Answers, AssociationKey, Catalogue, Criterion, Error, Evidence, ItemsMet, Kind, Report, Response, Timestamp,
    sign_result, verify_result,
};
use selfcheck_tests::now;
use serde_json::{Map, Value, json};

static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::builtin().clone());

static MINI: LazyLock<Catalogue> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/catalogues/mini.json");
    Catalogue::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
});

// ---------------------------------------------------------------------------------------------
// Answers as an association might give them.

/// Markup, script-like and otherwise awkward texts that notes must carry unchanged.
const AWKWARD: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert('x')>",
    "</textarea><b>粗体</b>",
    "\"quoted\" \\ back\\slash / slash",
    "\u{202e}txet desrever\u{202c}",
    "line\nbreak\ttab\r\u{0}nul\u{7f}",
    "😀 emoji 𝕏 \u{fffd} \u{feff}",
    "{{template}} ${x} `cmd`",
    "=HYPERLINK(\"https://example.org\")",
];

/// Any text: arbitrary characters (control characters and astral planes included), Chinese and
/// markup, and the awkward texts above.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(any::<char>(), 0..24).prop_map(|chars| chars.into_iter().collect()),
        2 => "[\\p{Han}a-zA-Z0-9 <>&\"'/=;:]{0,24}",
        1 => prop::sample::select(AWKWARD).prop_map(str::to_owned),
    ]
}

fn evidence() -> impl Strategy<Value = Evidence> {
    prop_oneof![
        "[^\\s]{0,24}".prop_map(|path| Evidence::Link(format!("https://example.org/{path}"))),
        (text(), 0..=selfcheck_core::MAX_SAFE_INTEGER, "[0-9a-f]{64}")
            .prop_map(|(name, size, sha256)| { Evidence::File { name: format!("证明{name}.pdf"), size, sha256 } }),
    ]
}

/// The answers a criterion allows, open included.
fn response(criterion: &Criterion) -> BoxedStrategy<Option<Response>> {
    let mut options = vec![Just(None).boxed(), Just(Some(Response::No)).boxed()];
    match &criterion.kind {
        Kind::Scale => {
            options.push(Just(Some(Response::Yes)).boxed());
            options.push(Just(Some(Response::Partly)).boxed());
        }
        Kind::Binary => options.push(Just(Some(Response::Yes)).boxed()),
        Kind::Checklist(items) => {
            let count = items.len();
            options = vec![
                Just(None).boxed(),
                proptest::collection::vec(any::<bool>(), count)
                    .prop_map(|met| {
                        Some(Response::Checked(
                            met.iter().enumerate().filter(|(_, met)| **met).map(|(place, _)| place).collect(),
                        ))
                    })
                    .boxed(),
            ];
        }
    }
    if criterion.not_applicable {
        options.push(Just(Some(Response::NotApplicable)).boxed());
    }
    proptest::strategy::Union::new(options).boxed()
}

/// One response per criterion of `catalogue`.
fn responses(catalogue: &Catalogue) -> impl Strategy<Value = Vec<Option<Response>>> + use<> {
    catalogue.criteria().iter().map(response).collect::<Vec<_>>()
}

/// What one criterion holds: the answer, a note (sometimes) and evidence (sometimes).
type Entry = (Option<Response>, Option<String>, Vec<Evidence>);

/// Complete answers to the built-in catalogue, ready to sign.
fn answers() -> impl Strategy<Value = Answers> {
    let entries: Vec<BoxedStrategy<Entry>> = BUILTIN
        .criteria()
        .iter()
        .map(|criterion| {
            let evidence = prop::option::weighted(0.15, evidence()).prop_map(|piece| piece.into_iter().collect());
            (response(criterion), prop::option::weighted(0.2, text()), evidence).boxed()
        })
        .collect();
    (entries, text()).prop_map(|(entries, name)| build(&BUILTIN, &entries, &name))
}

fn build(catalogue: &Catalogue, entries: &[Entry], name: &str) -> Answers {
    let mut answers = Answers::blank(catalogue);
    // A name is one line of plain text: control characters are refused in it (notes keep them).
    let name: String = name.chars().filter(|character| !character.is_control()).collect();
    let profile = ProfileDoc {
        name: format!("广东省{name}行业协会"),
        credit_code: "514400005000031282".into(),
        contact: ContactDoc { person: "张三".into(), phone: "020-12345678".into(), email: "a@example.org".into() },
        period: PeriodDoc { from: "2026-10-01".into(), to: "2026-10-31".into() },
    };
    answers.set_profile(&profile).unwrap();
    for (index, (response, note, evidence)) in entries.iter().enumerate() {
        answers.set_response(catalogue, index, *response).unwrap();
        if let Some(note) = note {
            answers.set_note_at(index, note).unwrap();
        }
        for piece in evidence {
            answers.add_evidence_at(index, piece.clone()).unwrap();
        }
    }
    answers
}

/// The tests' fixed key (seed 0x01, 0x02, … 0x20) and another one.
fn key(other: bool) -> AssociationKey {
    if other {
        AssociationKey::from_seed([9; 32])
    } else {
        AssociationKey::from_seed(std::array::from_fn(|i| i as u8 + 1))
    }
}

fn sign(answers: &Answers, other_key: bool, id: u8) -> Value {
    let issued = Timestamp::parse("2026-11-05T02:30:00Z").unwrap();
    let result = sign_result(&BUILTIN, answers, &key(other_key), &issued, [id; 16]).unwrap();
    serde_json::from_str(&result).unwrap()
}

fn verifies(document: &str) -> bool {
    verify_result(document, &[&BUILTIN], &now()).is_ok()
}

// ---------------------------------------------------------------------------------------------
// Paths into a JSON document.

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Index(index) => &mut value[*index],
    })
}

/// What is at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Object {
        empty: bool,
    },
    Array {
        empty: bool,
    },
    /// A string, number, boolean or null.
    Scalar,
}

impl Node {
    /// A scalar, or an empty array or object.
    fn is_leaf(self) -> bool {
        matches!(self, Node::Scalar | Node::Object { empty: true } | Node::Array { empty: true })
    }
}

/// Every path in `value`, each with what is there.
fn paths(value: &Value, path: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, Node)>) {
    let node = match value {
        Value::Object(map) => Node::Object { empty: map.is_empty() },
        Value::Array(items) => Node::Array { empty: items.is_empty() },
        _ => Node::Scalar,
    };
    out.push((path.clone(), node));
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                paths(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                paths(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn all_paths(value: &Value) -> Vec<(Vec<Step>, Node)> {
    let mut out = Vec::new();
    paths(value, &mut Vec::new(), &mut out);
    out
}

/// The paths to what `keep` keeps.
fn paths_to(value: &Value, keep: impl Fn(&[Step], Node) -> bool) -> Vec<Vec<Step>> {
    all_paths(value).into_iter().filter(|(path, node)| keep(path, *node)).map(|(path, _)| path).collect()
}

/// A change of a leaf that keeps its type: a string edited or replaced, a number moved, a
/// boolean flipped, an empty array or object given a member.
#[derive(Debug, Clone)]
enum Change {
    Replace(String),
    Insert(Index, char),
    Move(u64),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        text().prop_map(Change::Replace),
        (any::<Index>(), any::<char>()).prop_map(|(at, c)| Change::Insert(at, c)),
        (1u64..1000).prop_map(Change::Move),
    ]
}

fn apply(leaf: &mut Value, change: &Change) {
    let (replacement, inserted, delta) = match change {
        Change::Replace(text) => (Some(text.as_str()), None, 1),
        Change::Insert(at, c) => (None, Some((at, *c)), 1),
        Change::Move(delta) => (None, None, *delta),
    };
    *leaf = match leaf.take() {
        Value::String(old) => {
            let new = match (replacement, inserted) {
                (Some(text), _) if text != old => text.to_owned(),
                (_, Some((at, c))) => {
                    let mut chars: Vec<char> = old.chars().collect();
                    chars.insert(at.index(chars.len() + 1), c);
                    chars.into_iter().collect()
                }
                _ => format!("{old}x"),
            };
            Value::String(new)
        }
        Value::Number(number) => {
            let number = number.as_u64().expect("results hold non-negative integers");
            Value::from(if number >= delta { number - delta } else { number + delta })
        }
        Value::Bool(flag) => Value::Bool(!flag),
        Value::Null => Value::from(replacement.unwrap_or("x")),
        Value::Array(_) => json!([replacement.unwrap_or("x")]),
        Value::Object(_) => {
            Value::Object(Map::from_iter([(replacement.unwrap_or("x").to_owned(), Value::from(delta))]))
        }
    };
}

/// A value to add: any of JSON's kinds.
fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (0..=selfcheck_core::MAX_SAFE_INTEGER).prop_map(Value::from),
        text().prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        text().prop_map(|text| json!({ "value": "yes", "note": text })),
    ]
}

// ---------------------------------------------------------------------------------------------
// Layouts that keep the meaning: whitespace, key order and `\u` escapes chosen at random.

/// A small deterministic generator (SplitMix64), seeded by proptest.
struct Layout(u64);

impl Layout {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn space(&mut self, out: &mut String) {
        for _ in 0..self.pick(3) {
            out.push([' ', '\t', '\n', '\r'][self.pick(4) as usize]);
        }
    }

    fn string(&mut self, text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            let escape = |code: u32, out: &mut String, upper: bool| {
                if upper {
                    out.push_str(&format!("\\u{code:04X}"));
                } else {
                    out.push_str(&format!("\\u{code:04x}"));
                }
            };
            match c {
                '"' => out.push_str(if self.pick(2) == 0 { "\\\"" } else { "\\u0022" }),
                '\\' => out.push_str(if self.pick(2) == 0 { "\\\\" } else { "\\u005C" }),
                '/' if self.pick(2) == 0 => out.push_str("\\/"),
                '\n' if self.pick(2) == 0 => out.push_str("\\n"),
                c if (c as u32) < 0x20 || self.pick(3) == 0 => {
                    let upper = self.pick(2) == 0;
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        escape(u32::from(*unit), out, upper);
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    fn value(&mut self, value: &Value, out: &mut String) {
        self.space(out);
        match value {
            Value::Object(map) => {
                let mut members: Vec<(&String, &Value)> = map.iter().collect();
                for i in (1..members.len()).rev() {
                    members.swap(i, self.pick(i as u64 + 1) as usize);
                }
                out.push('{');
                for (index, (key, value)) in members.into_iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    self.space(out);
                    self.string(key, out);
                    self.space(out);
                    out.push(':');
                    self.value(value, out);
                }
                self.space(out);
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    self.value(item, out);
                }
                self.space(out);
                out.push(']');
            }
            Value::String(text) => self.string(text, out),
            other => out.push_str(&other.to_string()),
        }
        self.space(out);
    }
}

// ---------------------------------------------------------------------------------------------
// Tampering.

/// Takes something of another result (the second argument) into a result.
type Swap = fn(&mut Value, &Value);

proptest! {
    #![proptest_config(Config::with_cases(24))]

    #[test]
    fn signed_answers_verify_and_say_what_was_signed(answers in answers()) {
        let document = sign(&answers, false, 1);
        let verified = verify_result(&document.to_string(), &[&BUILTIN], &now()).unwrap();
        prop_assert_eq!(&verified.answers, &answers);
        prop_assert_eq!(verified.report, Report::compute(&BUILTIN, &answers).unwrap());
    }

    #[test]
    fn any_change_to_any_signed_leaf_fails(answers in answers(), leaf in any::<Index>(), change in change()) {
        let mut document = sign(&answers, false, 1);
        let leaves = paths_to(&document, |_, node| node.is_leaf());
        let path = &leaves[leaf.index(leaves.len())];
        apply(at(&mut document, path), &change);
        prop_assert!(!verifies(&document.to_string()), "changed {path:?} by {change:?} and it still verifies");
    }

    #[test]
    fn any_change_to_any_signed_leaf_breaks_both_proofs(answers in answers(), leaf in any::<Index>(), change in change()) {
        // Signed by a key with an SM2 part: a proof set. Every leaf outside the proofs is covered
        // by each proof on its own.
        let key = selfcheck_tests::golden_key_with_sm2();
        let issued = Timestamp::parse("2026-11-05T02:30:00Z").unwrap();
        let signed = sign_result(&BUILTIN, &answers, &key, &issued, [3; 16]).unwrap();
        let mut document: Value = serde_json::from_str(&signed).unwrap();
        let leaves = paths_to(&document, |path, node| {
            node.is_leaf() && !matches!(path.first(), Some(Step::Key(key)) if key == "proof")
        });
        let path = &leaves[leaf.index(leaves.len())];
        apply(at(&mut document, path), &change);
        prop_assert!(!verifies(&document.to_string()), "changed {path:?} by {change:?} and it still verifies");
        // Each proof on its own: the Ed25519 proof alone, and the SM2 signature over its bytes.
        let mut alone = document.clone();
        alone["proof"] = document["proof"][0].clone();
        prop_assert!(!verifies(&alone.to_string()), "the Ed25519 proof still holds after {path:?} changed");
        let selfcheck_core::json::Json::Object(mut unsecured) = selfcheck_tests::core_json(&document) else { unreachable!() };
        let Some(selfcheck_core::json::Json::Array(proofs)) = unsecured.remove("proof") else { unreachable!() };
        let selfcheck_core::json::Json::Object(mut configuration) = proofs[1].clone() else { unreachable!() };
        let value = configuration.remove("proofValue").and_then(|value| value.as_str().map(str::to_owned)).unwrap();
        let signature = bs58::decode(&value[1..]).into_vec().unwrap();
        let data = selfcheck_core::credential::sm2_signing_data(
            &selfcheck_core::json::Json::Object(configuration),
            &selfcheck_core::json::Json::Object(unsecured),
        );
        prop_assert!(key.public().sm2().unwrap().verify(&data, &signature).is_err(), "the SM2 proof still holds after {path:?} changed");
    }

    #[test]
    fn any_added_field_fails(
        answers in answers(), object in any::<Index>(), key in text(), value in json_value(),
    ) {
        let mut document = sign(&answers, false, 1);
        let objects = paths_to(&document, |_, node| matches!(node, Node::Object { .. }));
        let path = &objects[object.index(objects.len())];
        let Value::Object(map) = at(&mut document, path) else { unreachable!() };
        let mut key = key;
        while map.contains_key(&key) {
            key.push('_');
        }
        map.insert(key.clone(), value);
        prop_assert!(!verifies(&document.to_string()), "added {key:?} at {path:?} and it still verifies");
    }

    #[test]
    fn any_removed_field_fails(answers in answers(), member in any::<Index>()) {
        let mut document = sign(&answers, false, 1);
        let members = paths_to(&document, |path, _| matches!(path.last(), Some(Step::Key(_))));
        let path = &members[member.index(members.len())];
        let (Step::Key(key), parent) = path.split_last().unwrap() else { unreachable!() };
        at(&mut document, parent).as_object_mut().unwrap().remove(key);
        prop_assert!(!verifies(&document.to_string()), "removed {path:?} and it still verifies");
    }

    #[test]
    fn a_key_or_proof_from_another_result_fails(
        first in answers(), second in answers(), same_key in any::<bool>(),
    ) {
        let one = sign(&first, false, 1);
        let other = sign(&second, !same_key, 2);
        let swaps: [(&str, Swap); 4] = [
            ("proof", |doc, other| doc["proof"] = other["proof"].clone()),
            ("issuer", |doc, other| doc["issuer"] = other["issuer"].clone()),
            ("issuer and verificationMethod", |doc, other| {
                doc["issuer"] = other["issuer"].clone();
                doc["proof"]["verificationMethod"] = other["proof"]["verificationMethod"].clone();
            }),
            ("issuer and proof", |doc, other| {
                doc["issuer"] = other["issuer"].clone();
                doc["proof"] = other["proof"].clone();
            }),
        ];
        for (what, swap) in swaps {
            let mut document = one.clone();
            swap(&mut document, &other);
            if document == one {
                continue; // the same key: nothing was swapped
            }
            prop_assert!(!verifies(&document.to_string()), "the {what} of another result verifies");
        }
    }

    #[test]
    fn re_serialising_with_the_same_meaning_still_verifies(answers in answers(), seed in any::<u64>()) {
        let document = sign(&answers, false, 1);
        let digest = verify_result(&document.to_string(), &[&BUILTIN], &now()).unwrap().digest;
        let mut layout = Layout(seed);
        let mut shuffled = String::new();
        layout.value(&document, &mut shuffled);
        for text in [serde_json::to_string(&document).unwrap(), serde_json::to_string_pretty(&document).unwrap(), shuffled] {
            let verified = verify_result(&text, &[&BUILTIN], &now());
            prop_assert!(verified.is_ok(), "{:?} for\n{text}", verified.err());
            prop_assert_eq!(&verified.unwrap().digest, &digest, "the same document has the same digest");
        }
    }
}

#[test]
fn the_layout_generator_really_escapes_and_shuffles() {
    let document = json!({"b": "广/\"", "a": [1, {"z": true, "y": null}]});
    let mut seen_escape = false;
    let mut orders = std::collections::BTreeSet::new();
    for seed in 0..64 {
        let mut text = String::new();
        Layout(seed).value(&document, &mut text);
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), document, "{text}");
        seen_escape |= text.contains("\\u5e7f") || text.contains("\\u5E7F");
        orders.insert(text.find("\"b\"").or(text.find("\\u0062")).unwrap_or(0) < text.find('[').unwrap());
    }
    assert!(seen_escape && orders.len() == 2);
}

// ---------------------------------------------------------------------------------------------
// Scoring invariants.

fn score(catalogue: &Catalogue, responses: &[Option<Response>]) -> Report {
    let mut answers = Answers::blank(catalogue);
    for (index, response) in responses.iter().enumerate() {
        answers.set_response(catalogue, index, *response).unwrap();
    }
    Report::compute(catalogue, &answers).unwrap()
}

/// The built-in or the mini catalogue, with answers to it.
fn scored() -> impl Strategy<Value = (&'static Catalogue, Vec<Option<Response>>)> {
    prop_oneof![Just(&*BUILTIN), Just(&*MINI)]
        .prop_flat_map(|catalogue| responses(catalogue).prop_map(move |responses| (catalogue, responses)))
}

/// The index of one of the criteria that `keep` keeps.
fn pick(catalogue: &Catalogue, index: Index, keep: impl Fn(&Criterion) -> bool) -> usize {
    let kept: Vec<usize> = (0..catalogue.criteria().len()).filter(|&i| keep(&catalogue.criteria()[i])).collect();
    kept[index.index(kept.len())]
}

/// The answer one step better than `response`, if there is one: open or no → partly → yes
/// (scale), no → yes (binary), one more sub-item ticked (checklist), open → answered.
fn better(criterion: &Criterion, response: Option<Response>, item: usize) -> Option<Response> {
    match (&criterion.kind, response) {
        (Kind::Scale, None | Some(Response::No)) => Some(Response::Partly),
        (Kind::Scale, Some(Response::Partly)) => Some(Response::Yes),
        (Kind::Binary, None | Some(Response::No)) => Some(Response::Yes),
        (Kind::Checklist(_), None) => Some(Response::Checked(ItemsMet::NONE)),
        (Kind::Checklist(items), Some(Response::Checked(met))) => {
            Some(Response::Checked(met.with(item % items.len(), true)))
        }
        _ => response,
    }
}

fn all_items(criterion: &Criterion) -> Response {
    Response::Checked(ItemsMet::all(criterion.items().len()))
}

proptest! {
    #![proptest_config(Config::with_cases(256))]

    #[test]
    fn totals_and_scores_stay_within_bounds((catalogue, responses) in scored()) {
        let report = score(catalogue, &responses);
        prop_assert!(report.total() <= report.maximum());
        prop_assert!(report.maximum() <= catalogue.total_points());
        prop_assert!(report.score() <= 1000);
        let areas: u32 = report.areas().map(|area| area.points).sum();
        prop_assert_eq!(areas, report.total());
    }

    #[test]
    fn a_better_answer_never_lowers_the_total((catalogue, responses) in scored(), index in any::<Index>(), item in 0usize..64) {
        let index = pick(catalogue, index, |_| true);
        let before = score(catalogue, &responses);
        let mut improved = responses.clone();
        improved[index] = better(&catalogue.criteria()[index], responses[index], item);
        let after = score(catalogue, &improved);
        prop_assert!(after.total() >= before.total(), "{:?} → {:?}", responses[index], improved[index]);
        // Not applicable is not an improvement, so the maximum stays and the score cannot drop.
        prop_assert_eq!(after.maximum(), before.maximum());
        prop_assert!(after.score() >= before.score());
        // The veto grade is the lowest in both catalogues: the grade cannot get worse either.
        prop_assert!(grade_rank(&after) <= grade_rank(&before));
    }

    #[test]
    fn not_applicable_never_earns_more_than_yes((catalogue, responses) in scored(), index in any::<Index>()) {
        let index = pick(catalogue, index, |criterion| criterion.not_applicable);
        let criterion = &catalogue.criteria()[index];
        let mut with = responses.clone();
        with[index] = Some(Response::NotApplicable);
        let not_applicable = score(catalogue, &with);
        with[index] = Some(match criterion.kind {
            Kind::Checklist(_) => all_items(criterion),
            Kind::Scale | Kind::Binary => Response::Yes,
        });
        let yes = score(catalogue, &with);
        prop_assert!(not_applicable.score() <= yes.score(), "na {} > yes {}", not_applicable.score(), yes.score());
        prop_assert!(grade_rank(&not_applicable) >= grade_rank(&yes), "na earns a better grade than yes");
    }

    #[test]
    fn a_veto_always_forces_the_veto_grade((catalogue, responses) in scored(), gate in any::<Index>()) {
        let mut responses = responses;
        responses[pick(catalogue, gate, |criterion| criterion.veto.is_some())] = Some(Response::No);
        let report = score(catalogue, &responses);
        prop_assert!(report.vetoes().len() > 0);
        prop_assert_eq!(&report.grade().id, &catalogue.veto_grade().id);
    }

    #[test]
    fn without_a_veto_the_grade_is_the_band_of_the_score((catalogue, responses) in scored()) {
        let mut responses = responses;
        for (response, criterion) in responses.iter_mut().zip(catalogue.criteria()) {
            if criterion.veto.is_some() && *response == Some(Response::No) {
                *response = Some(Response::Yes);
            }
        }
        let report = score(catalogue, &responses);
        prop_assert_eq!(report.vetoes().len(), 0);
        let band = catalogue.grades().iter().position(|grade| report.score() >= grade.min).unwrap();
        prop_assert_eq!(grade_rank(&report), band);
    }
}

// ---------------------------------------------------------------------------------------------
// Mismatched inputs: no safe function of the core panics, or speaks another catalogue's labels.

/// The grade's place in its catalogue's grades: 0 is the best.
fn grade_rank(report: &Report) -> usize {
    let grades = report.catalogue().grades();
    grades.iter().position(|grade| std::ptr::eq(grade, report.grade())).unwrap_or(grades.len())
}

/// Whether `result` is the error that names a catalogue mismatch.
fn is_mismatch<T>(result: Result<T, Error>) -> bool {
    matches!(result, Err(Error::CatalogueMismatch { .. }))
}

/// Answers to `catalogue` holding `responses`.
fn answered(catalogue: &Catalogue, responses: &[Option<Response>]) -> Answers {
    let mut answers = Answers::blank(catalogue);
    for (index, response) in responses.iter().enumerate() {
        answers.set_response(catalogue, index, *response).unwrap();
    }
    answers
}

proptest! {
    #![proptest_config(Config::with_cases(128))]

    /// A program holding answers, reports and catalogues of two kinds (the built-in and a custom
    /// one) and passing the wrong one gets `CatalogueMismatch` from every function that takes
    /// them, and a report only ever speaks in its own catalogue's items.
    #[test]
    fn mismatched_catalogues_answers_and_reports_give_an_error_not_a_panic(
        (catalogue, responses) in scored(),
        beyond in 0usize..1000,
    ) {
        let other: &Catalogue = if std::ptr::eq(catalogue, &*BUILTIN) { &MINI } else { &BUILTIN };
        let answers = answered(catalogue, &responses);
        let report = Report::compute(catalogue, &answers).unwrap();
        let others = Answers::blank(other);
        let other_report = Report::blank(other);

        prop_assert!(is_mismatch(Report::compute(other, &answers)));
        prop_assert!(is_mismatch(Report::from_outcomes(other, report.outcomes().to_vec())));
        prop_assert!(is_mismatch(report.to_doc(&others)));
        prop_assert!(is_mismatch(report.to_json_string(&others)));
        prop_assert!(is_mismatch(report.rectification_entries(&others)));
        prop_assert!(is_mismatch(report.missing_items(&others, &catalogue.criteria()[0].id)));
        prop_assert!(is_mismatch(other_report.to_doc(&answers)));
        let unknown_id = format!("Z{beyond}");
        prop_assert!(report.missing_items(&answers, &unknown_id).unwrap().is_empty());

        // Every item the report names is its own catalogue's.
        prop_assert_eq!(report.catalogue(), catalogue);
        let own = |criterion: &Criterion| std::ptr::eq(criterion, catalogue.criterion(&criterion.id).unwrap());
        prop_assert!(catalogue.grades().iter().any(|grade| std::ptr::eq(grade, report.grade())));
        prop_assert!(report.vetoes().chain(report.open()).chain(report.rectification().map(|(criterion, _)| criterion)).all(own));
        prop_assert!(report.areas().zip(catalogue.areas()).all(|(score, area)| std::ptr::eq(score.area, area)));

        // Answers changed with another catalogue than their own: refused, and left as they were.
        let mut changing = answers.clone();
        let first = &other.criteria()[0];
        let any_index = beyond % other.criteria().len();
        prop_assert!(is_mismatch(changing.set_response(other, any_index, None)));
        prop_assert!(is_mismatch(changing.set(other, &first.id, Response::NotApplicable)));
        prop_assert!(is_mismatch(changing.set_note(other, &first.id, "")));
        prop_assert!(is_mismatch(changing.add_evidence(other, &first.id, Evidence::Link("https://www.example.org.cn/".into()))));
        prop_assert!(is_mismatch(changing.remove_evidence(other, &first.id, 0)));
        prop_assert_eq!(&changing, &answers);

        let side = |answers, report| Side { answers, report };
        let good = side(&answers, &report);
        for bad in [side(&others, &report), side(&answers, &other_report)] {
            prop_assert!(is_mismatch(Comparison::between(good, bad)));
            prop_assert!(is_mismatch(Comparison::between(bad, good)));
        }
        prop_assert!(Comparison::between(good, side(&others, &other_report)).is_ok());

        // The right pair still works.
        prop_assert!(report.to_doc(&answers).is_ok());
    }
}
