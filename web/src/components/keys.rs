//! The association's key and the signed export. Two plain paths to a key: create a new one
//! (passphrase twice; its backup must be downloaded before use) or load a key file (file and
//! passphrase in any order). Then sign with the core's one signing function, after asking
//! when criteria are still open, and download the result. Every outcome is said here, next to
//! the form that caused it; a wrong passphrase stays in its field, selected, to be corrected.

use std::rc::Rc;

use std::future::Future;

use selfcheck_core::Timestamp;
use selfcheck_core::keys::{self, PBKDF2_ITERATIONS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{MessageView, send};
use crate::browser::{self, Cipher, Failure, Pbkdf2AesCbc};
use crate::host::HostRef;
use crate::i18n::S;
use crate::signing::{self, KeyFacts, Signing};
use crate::state::{Action, Busy, Confirm, ExportInfo, KeyInfo, Notice, Place, State};

/// Properties of the key panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KeyPanelProps {
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// Runs `work` with the busy state shown: key derivation (PBKDF2 in the browser's WebCrypto,
/// off the main thread) takes a moment, and the user should see why.
fn busy_with(dispatch: &Callback<Action>, busy: Busy, work: impl Future<Output = Vec<Action>> + 'static) {
    dispatch.emit(Action::SetBusy(Some(busy)));
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let actions = work.await;
        dispatch.emit(Action::SetBusy(None));
        for action in actions {
            dispatch.emit(action);
        }
    });
}

/// A decrypted key (PKCS#8), wiped when dropped.
struct Plain(Vec<u8>);

impl Drop for Plain {
    fn drop(&mut self) {
        // Best effort: the copies JavaScript made are the garbage collector's.
        self.0.fill(0);
    }
}

/// A key file opened: its facts, its key and its SM2 part (empty when it has none).
struct OpenedKey {
    facts: KeyFacts,
    pkcs8: Plain,
    sm2_pkcs8: Plain,
}

/// The key's facts for the interface and the browser's storage.
fn key_info(pem: &str, facts: &KeyFacts, backed_up: bool) -> KeyInfo {
    let sm2_did = Some(facts.sm2_did()).filter(|did| !did.is_empty());
    KeyInfo { pem: Rc::from(pem), fingerprint: facts.fingerprint(), did: facts.did(), sm2_did, backed_up }
}

/// A new key, with its SM2 part, and its key file of two blocks, encrypted by WebCrypto in the
/// format the core writes (PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC; one derivation, each
/// block its own IV), so that `selfcheck` and OpenSSL open it.
async fn new_key_file(host: Option<HostRef>, passphrase: &str) -> Result<KeyInfo, Failure> {
    keys::check_new_key_file(passphrase, PBKDF2_ITERATIONS)?;
    let signing = signing::module(host.as_deref()).await?;
    let pkcs8 = Plain(signing.new_key(&random()?)?);
    let sm2_pkcs8 = Plain(signing.new_sm2_part(&random()?)?);
    let facts = signing.facts(&pkcs8.0, &sm2_pkcs8.0)?;
    let (salt, iv): ([u8; 16], [u8; 16]) = (random()?, random()?);
    let sm2_iv = signing.sm2_iv(&iv)?;
    let params =
        Pbkdf2AesCbc { passphrase, hash: "SHA-256", salt: &salt, iterations: PBKDF2_ITERATIONS, key_bytes: 32 };
    let blocks = [(&iv[..], &pkcs8.0[..]), (&sm2_iv[..], &sm2_pkcs8.0[..])];
    let ciphertexts = browser::pbkdf2_aes_cbc(Cipher::Encrypt, &params, &blocks).await?;
    let pem = signing.write_key_file(&salt, &iv, PBKDF2_ITERATIONS, &ciphertexts[0], &ciphertexts[1])?;
    Ok(key_info(&pem, &facts, false))
}

/// Opens a key file with WebCrypto: the core reads its parameters and checks their cost, the
/// browser derives and decrypts (once for both blocks when they share their derivation, as the
/// files selfcheck writes do), the core reads the key. A file protected with scrypt, which
/// WebCrypto lacks, is refused with a message saying to use the `selfcheck` program.
async fn open_key_file(signing: &Signing, pem: &str, passphrase: &str) -> Result<OpenedKey, Failure> {
    let encryption = signing.encryption(pem)?;
    let first = (&encryption.iv[..], &encryption.ciphertext[..]);
    let mut plain = match encryption.sm2.as_deref() {
        None => decrypt(passphrase, &encryption, &[first]).await?,
        Some(sm2) if sm2.same_derivation(&encryption) => {
            decrypt(passphrase, &encryption, &[first, (&sm2.iv, &sm2.ciphertext)]).await?
        }
        // Blocks assembled from two tools' files, each derived its own way.
        Some(sm2) => {
            let mut plain = decrypt(passphrase, &encryption, &[first]).await?;
            plain.extend(decrypt(passphrase, sm2, &[(&sm2.iv, &sm2.ciphertext)]).await?);
            plain
        }
    };
    let sm2_pkcs8 = Plain(if plain.len() > 1 { plain.pop().unwrap_or_default() } else { Vec::new() });
    let pkcs8 = Plain(plain.pop().unwrap_or_default());
    Ok(OpenedKey { facts: signing.facts(&pkcs8.0, &sm2_pkcs8.0)?, pkcs8, sm2_pkcs8 })
}

/// Derives the key of `encryption` from the passphrase and decrypts each `(iv, ciphertext)`.
async fn decrypt(
    passphrase: &str,
    encryption: &signing::Encryption,
    blocks: &[(&[u8], &[u8])],
) -> Result<Vec<Vec<u8>>, browser::CryptoFailure> {
    let params = Pbkdf2AesCbc {
        passphrase,
        hash: &encryption.hash,
        salt: &encryption.salt,
        iterations: encryption.iterations,
        // The core allows 16 or 32.
        key_bytes: u16::try_from(encryption.key_bytes).unwrap_or(u16::MAX),
    };
    browser::pbkdf2_aes_cbc(Cipher::Decrypt, &params, blocks).await
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>().map(|input| input.value()).unwrap_or_default()
}

fn clear(nodes: &[&NodeRef]) {
    for node in nodes {
        if let Some(input) = node.cast::<HtmlInputElement>() {
            input.set_value("");
        }
    }
}

/// Focuses a field and selects what is in it, so that a wrong entry is corrected by typing.
fn select(node: &NodeRef) {
    if let Some(input) = node.cast::<HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    }
}

/// The name of the exported file, so that a bureau's folder sorts by association and then by
/// period: `CREDITCODE-YYYY-MM.json` for a period within one month, else
/// `CREDITCODE-YYYY-MM_YYYY-MM.json` (first and last month).
pub fn result_file_name(credit_code: &str, from: &str, to: &str) -> String {
    let month = |date: &str| date.get(..7).unwrap_or(date).to_owned();
    let (first, last) = (month(from), month(to));
    if first == last { format!("{credit_code}-{first}.json") } else { format!("{credit_code}-{first}_{last}.json") }
}

/// The key and export panel.
#[component]
pub fn KeyPanel(props: &KeyPanelProps) -> Html {
    let KeyPanelProps { state, dispatch } = props;
    let lang = state.lang;
    let host = use_context::<HostRef>();
    let (new_ref, repeat_ref, load_pass_ref, unlock_ref) =
        (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    // The key file chosen, read but not yet opened: its name and text.
    let chosen = use_state(|| None::<(String, Rc<str>)>);
    let busy = state.busy.is_some();

    let create = {
        let (dispatch, new_ref, repeat_ref, host) =
            (dispatch.clone(), new_ref.clone(), repeat_ref.clone(), host.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (passphrase, repeated) = (input_value(&new_ref), input_value(&repeat_ref));
            if passphrase != repeated {
                dispatch.emit(Action::Say(Place::Key, Notice::Info(S::PassphraseMismatch)));
                select(&repeat_ref);
                return;
            }
            let (new_ref, repeat_ref, host) = (new_ref.clone(), repeat_ref.clone(), host.clone());
            busy_with(&dispatch, Busy::CreatingKey, async move {
                match new_key_file(host, &passphrase).await {
                    Ok(info) => {
                        clear(&[&new_ref, &repeat_ref]);
                        vec![Action::SetKey(Some(info)), Action::Say(Place::Key, Notice::Info(S::KeyCreated))]
                    }
                    Err(failure) => {
                        select(&new_ref);
                        vec![Action::Say(Place::Key, failure.notice(S::KeyNotCreated))]
                    }
                }
            });
        })
    };

    let download_key = {
        let (dispatch, key) = (dispatch.clone(), state.key.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(key) = &key else { return };
            let name = format!("selfcheck-key-{}.pem", key.fingerprint.replace(' ', "").get(..8).unwrap_or(""));
            match browser::download(&name, key.pem.as_bytes(), "application/x-pem-file") {
                Ok(()) => {
                    dispatch.emit(Action::KeyBackedUp);
                    dispatch.emit(Action::Say(Place::Key, Notice::Info(S::KeyReady)));
                }
                Err(error) => {
                    dispatch.emit(Action::Say(Place::Key, Notice::Browser(S::DownloadFailed, browser::describe(error))))
                }
            }
        })
    };

    // Opens the chosen key file with the passphrase typed; either may come first.
    let open_key = {
        let (dispatch, load_pass_ref, host) = (dispatch.clone(), load_pass_ref.clone(), host.clone());
        move |pem: Rc<str>, chosen: UseStateHandle<Option<(String, Rc<str>)>>| {
            let passphrase = input_value(&load_pass_ref);
            let (load_pass_ref, host) = (load_pass_ref.clone(), host.clone());
            busy_with(&dispatch, Busy::LoadingKey, async move {
                match open_with(host, &pem, &passphrase).await {
                    // A key loaded from a file is its own backup.
                    Ok(key) => {
                        clear(&[&load_pass_ref]);
                        chosen.set(None);
                        vec![
                            Action::SetKey(Some(key_info(&pem, &key.facts, true))),
                            Action::Say(Place::Key, Notice::Info(S::KeyLoaded)),
                        ]
                    }
                    Err(failure) => {
                        select(&load_pass_ref);
                        vec![Action::Say(Place::Key, failure.notice(S::KeyNotLoaded))]
                    }
                }
            });
        }
    };

    let choose_key_file = {
        let (dispatch, load_pass_ref, chosen, open_key) =
            (dispatch.clone(), load_pass_ref.clone(), chosen.clone(), open_key.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, load_pass_ref, chosen, open_key) =
                (dispatch.clone(), load_pass_ref.clone(), chosen.clone(), open_key.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let limit = selfcheck_core::keys::MAX_KEY_FILE_BYTES;
                match browser::read_text(&file, selfcheck_core::Document::KeyFile, limit).await {
                    Ok(pem) => {
                        let pem: Rc<str> = Rc::from(pem);
                        chosen.set(Some((file.name(), pem.clone())));
                        if input_value(&load_pass_ref).is_empty() {
                            dispatch.emit(Action::Say(Place::Key, Notice::Info(S::KeyPassphraseMissing)));
                            if let Some(input) = load_pass_ref.cast::<HtmlInputElement>() {
                                let _ = input.focus();
                            }
                        } else {
                            open_key(pem, chosen);
                        }
                    }
                    Err(failure) => dispatch.emit(Action::Say(Place::Key, failure.notice(S::KeyNotLoaded))),
                }
            });
        })
    };

    let load_key = {
        let (dispatch, chosen, load_pass_ref) = (dispatch.clone(), chosen.clone(), load_pass_ref.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match &*chosen {
                None => dispatch.emit(Action::Say(Place::Key, Notice::Info(S::KeyFileMissing))),
                Some(_) if input_value(&load_pass_ref).is_empty() => {
                    dispatch.emit(Action::Say(Place::Key, Notice::Info(S::KeyPassphraseMissing)));
                    select(&load_pass_ref);
                }
                Some((_, pem)) => open_key(pem.clone(), chosen.clone()),
            }
        })
    };

    // Signs and downloads; `check_open` asks first when criteria are still open.
    let sign = {
        let (dispatch, state, unlock_ref, host) = (dispatch.clone(), state.clone(), unlock_ref.clone(), host.clone());
        move |check_open: bool| {
            let Some(key) = state.key.clone() else { return };
            if state.busy.is_some() {
                return;
            }
            let passphrase = input_value(&unlock_ref);
            if check_open && state.report.open().len() > 0 {
                // The passphrase first: no question about open criteria for a signature that
                // cannot be made. The key opened here is dropped; signing opens it again.
                let (unlock_ref, host) = (unlock_ref.clone(), host.clone());
                busy_with(&dispatch, Busy::CheckingPassphrase, async move {
                    match open_with(host, &key.pem, &passphrase).await {
                        Ok(_) => vec![Action::SetConfirm(Some(Confirm::ExportIncomplete))],
                        Err(failure) => {
                            select(&unlock_ref);
                            vec![Action::Say(Place::Export, failure.notice(S::ExportFailed))]
                        }
                    }
                });
                return;
            }
            let (state, host, unlock_ref) = (state.clone(), host.clone(), unlock_ref.clone());
            busy_with(&dispatch, Busy::Signing, async move {
                match export_result(&state, host.as_ref(), &key, &passphrase).await {
                    Ok((info, result)) => {
                        clear(&[&unlock_ref]);
                        if let Some(host) = &host {
                            // The same text as the downloaded file.
                            let mut detail = selfcheck_core::json::Object::new();
                            detail.insert("fileName", info.file_name.as_str());
                            detail.insert("result", format!("{result}\n"));
                            host.emit("exported", &selfcheck_core::json::compact(&detail.into()));
                        }
                        vec![Action::Exported(info)]
                    }
                    Err(failure) => {
                        select(&unlock_ref);
                        vec![Action::Say(Place::Export, failure.notice(S::ExportFailed))]
                    }
                }
            });
        }
    };
    let export = {
        let sign = sign.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            sign(true);
        })
    };
    // The user confirmed signing with criteria open.
    use_effect_with(state.export_confirmed, move |&confirmed| {
        if confirmed > 0 {
            sign(false);
        }
    });

    let profile_ready = state.profile_complete();
    let untitled = state.untitled_problems();
    let key_ready = state.key.as_ref().is_some_and(|key| key.backed_up);
    html! {
        <section class="selfcheck-area" id="selfcheck-key" aria-labelledby="selfcheck-key-title">
            <h2 id="selfcheck-key-title">{ S::ExportSection.get(lang) }</h2>
            <p class="selfcheck-muted">{ S::KeyIntro.get(lang) }</p>
            <h3>{ S::KeySection.get(lang) }</h3>
            if let Some(key) = &state.key {
                <dl class="selfcheck-key-facts">
                    <dt>{ S::Fingerprint.get(lang) }</dt>
                    <dd data-testid="fingerprint" class="selfcheck-mono">{ key.fingerprint.clone() }</dd>
                    <dt>{ "did:key" }</dt>
                    <dd data-testid="did" class="selfcheck-mono selfcheck-break">{ key.did.clone() }</dd>
                    <dt>{ S::Sm2Part.get(lang) }</dt>
                    <dd data-testid="sm2" data-sm2={if key.sm2_did.is_some() { "yes" } else { "no" }}>
                        { if key.sm2_did.is_some() { S::Sm2PartYes.get(lang) } else { S::Sm2PartNo.get(lang) } }
                    </dd>
                </dl>
                <div class="selfcheck-row">
                    <button type="button" data-action="download-key" onclick={download_key}
                        class={classes!((!key.backed_up).then_some("selfcheck-primary"))}>{ S::DownloadKey.get(lang) }</button>
                    <button type="button" class="selfcheck-small" data-action="forget-key"
                        onclick={send(dispatch, Action::SetConfirm(Some(Confirm::ForgetKey)))}>
                        { S::ForgetKey.get(lang) }
                    </button>
                </div>
                if !key.backed_up && state.message(Place::Key).is_none() {
                    <p class="selfcheck-field-message">{ S::KeyBackupNeeded.get(lang) }</p>
                }
            } else {
                <div class="selfcheck-key-paths">
                    <form class="selfcheck-key-path" onsubmit={create} novalidate=true aria-labelledby="selfcheck-new-key-title">
                        <h4 id="selfcheck-new-key-title">{ S::NewKeyPath.get(lang) }</h4>
                        <p class="selfcheck-hint">{ S::NewKeyIntro.get(lang) }</p>
                        <div class="selfcheck-field">
                            <label for="selfcheck-passphrase-new">{ S::NewPassphrase.get(lang) }</label>
                            <input id="selfcheck-passphrase-new" ref={new_ref} type="password" data-passphrase="new"
                                autocomplete="new-password" />
                        </div>
                        <div class="selfcheck-field">
                            <label for="selfcheck-passphrase-repeat">{ S::RepeatPassphrase.get(lang) }</label>
                            <input id="selfcheck-passphrase-repeat" ref={repeat_ref} type="password" data-passphrase="repeat"
                                autocomplete="new-password" />
                        </div>
                        <button type="submit" data-action="create-key" disabled={busy}>{ S::CreateKey.get(lang) }</button>
                    </form>
                    <form class="selfcheck-key-path" onsubmit={load_key} novalidate=true aria-labelledby="selfcheck-load-key-title">
                        <h4 id="selfcheck-load-key-title">{ S::LoadKeyPath.get(lang) }</h4>
                        <p class="selfcheck-hint">{ S::LoadKeyIntro.get(lang) }</p>
                        <div class="selfcheck-field">
                            <label for="selfcheck-key-file">{ S::KeyFile.get(lang) }</label>
                            <label class="selfcheck-file-button">
                                { S::ChooseFile.get(lang) }
                                <input id="selfcheck-key-file" type="file" accept=".pem" data-key-file="" onchange={choose_key_file} disabled={busy}
                                    aria-describedby="selfcheck-key-file-chosen" />
                            </label>
                            <p id="selfcheck-key-file-chosen" class="selfcheck-hint">
                                { chosen.as_ref().map(|(name, _)| S::KeyFileChosen.with(lang, name)).unwrap_or_default() }
                            </p>
                        </div>
                        <div class="selfcheck-field">
                            <label for="selfcheck-passphrase-load">{ S::KeyFilePassphrase.get(lang) }</label>
                            <input id="selfcheck-passphrase-load" ref={load_pass_ref} type="password" data-passphrase="load"
                                autocomplete="current-password" />
                        </div>
                        <button type="submit" data-action="load-key" disabled={busy}>{ S::LoadKey.get(lang) }</button>
                    </form>
                </div>
            }
            if state.busy == Some(Busy::CreatingKey) { <p role="status" class="selfcheck-busy">{ S::CreatingKey.get(lang) }</p> }
            if state.busy == Some(Busy::LoadingKey) { <p role="status" class="selfcheck-busy">{ S::LoadingKey.get(lang) }</p> }
            // `if let`, not an `Option` child: yew matches unkeyed siblings by position from the
            // end, and a child that comes and goes would remake the forms above (and empty them).
            if let Some(notice) = state.message(Place::Key) {
                <MessageView place={Place::Key} notice={notice.clone()} {lang} dispatch={dispatch.clone()} />
            }
            <h3>{ S::Export.get(lang) }</h3>
            if !profile_ready {
                <p class="selfcheck-field-message">{ profile_problems_text(state, lang) }</p>
            }
            if !untitled.is_empty() {
                <p class="selfcheck-field-message">
                    { S::ExportNeedsProblemTitles.with(lang, &untitled.iter().map(usize::to_string).collect::<Vec<_>>().join(if lang == selfcheck_core::Lang::Zh { "、" } else { ", " })) }
                </p>
            }
            if state.key.is_none() {
                <p class="selfcheck-field-message">{ S::ExportNeedsKey.get(lang) }</p>
            } else if !key_ready {
                <p class="selfcheck-field-message">{ S::ExportNeedsBackup.get(lang) }</p>
            }
            <form class="selfcheck-fields selfcheck-export" onsubmit={export} novalidate=true>
                <div class="selfcheck-field">
                    <label for="selfcheck-passphrase-unlock">{ S::UnlockPassphrase.get(lang) }</label>
                    <input id="selfcheck-passphrase-unlock" ref={unlock_ref} type="password" data-passphrase="unlock" autocomplete="current-password" />
                </div>
                // Not disabled while the passphrase is checked: the button keeps the focus, for
                // the question that follows to give it back.
                <button type="submit" class="selfcheck-primary" data-action="export"
                    disabled={(busy && state.busy != Some(Busy::CheckingPassphrase)) || !profile_ready || !untitled.is_empty() || !key_ready}>
                    { S::Export.get(lang) }
                </button>
            </form>
            if state.busy == Some(Busy::CheckingPassphrase) {
                <p role="status" class="selfcheck-busy">{ S::CheckingPassphrase.get(lang) }</p>
            }
            if state.busy == Some(Busy::Signing) { <p role="status" class="selfcheck-busy">{ S::Signing.get(lang) }</p> }
            if let Some(notice) = state.message(Place::Export) {
                <MessageView place={Place::Export} notice={notice.clone()} {lang} dispatch={dispatch.clone()} />
            }
        </section>
    }
}

/// What the profile lacks before signing, by the core's rules and in its words, each problem
/// named by the label of its field.
fn profile_problems_text(state: &State, lang: selfcheck_core::Lang) -> String {
    let label = |at: &str| match at {
        "profile.name" => Some(S::ProfileName),
        "profile.credit_code" => Some(S::CreditCode),
        "profile.contact.person" => Some(S::ContactPerson),
        "profile.contact.phone" => Some(S::ContactPhone),
        "profile.contact.email" => Some(S::ContactEmail),
        "profile.period.from" => Some(S::PeriodFrom),
        "profile.period.to" => Some(S::PeriodTo),
        _ => None,
    };
    let problems = selfcheck_core::credential::signing_profile_problems(&state.profile);
    let list: Vec<String> = problems
        .iter()
        .map(|problem| match label(&problem.at) {
            Some(field) => field.with(lang, &crate::i18n::problem_text(&problem.kind, lang)),
            None => problem.message(lang),
        })
        .collect();
    let separator = if lang == selfcheck_core::Lang::Zh { "；" } else { "; " };
    S::ExportNeedsProfile.with(lang, &list.join(separator))
}

fn random<const N: usize>() -> Result<[u8; N], Failure> {
    browser::random_bytes().map_err(|error| Failure::Browser(browser::describe(error)))
}

/// Loads the signing module and opens the key file with it.
async fn open_with(host: Option<HostRef>, pem: &str, passphrase: &str) -> Result<OpenedKey, Failure> {
    open_key_file(&signing::module(host.as_deref()).await?, pem, passphrase).await
}

/// Unlocks the key, signs the draft with the core's signing function, checks the result with
/// the core's verifier (both in the signing module), and downloads it (named by
/// [`result_file_name`]).
async fn export_result(
    state: &State,
    host: Option<&HostRef>,
    key: &KeyInfo,
    passphrase: &str,
) -> Result<(ExportInfo, String), Failure> {
    let mut answers = (*state.answers).clone();
    answers.set_profile(&state.profile)?;
    let signing = signing::module(host.map(|host| &**host)).await?;
    let opened = open_key_file(&signing, &key.pem, passphrase).await?;
    let issued = signing::now_unix();
    let key_parts = (&opened.pkcs8.0[..], &opened.sm2_pkcs8.0[..]);
    let signed = signing.sign(&answers.to_json_string(&state.catalogue), key_parts, issued, &random()?)?;
    let result = signed.result();
    let qr = signing.qr(&signed.digest());
    let profile = answers.profile();
    let code = profile.credit_code().map(|code| code.as_str().to_owned()).unwrap_or_default();
    use selfcheck_core::time::date_text;
    let file_name = result_file_name(&code, date_text(profile.period_from()), date_text(profile.period_to()));
    browser::download(&file_name, format!("{result}\n").as_bytes(), "application/json")
        .map_err(|error| Failure::Browser(browser::describe(error)))?;
    let info = ExportInfo {
        file_name,
        digest: signed.digest(),
        signed_at: Timestamp::from_unix_seconds(u64::from(issued)).to_string(),
        fingerprint: key.fingerprint.clone(),
        draft_digest: crate::draft::draft_digest(&state.catalogue, &state.answers, &state.profile),
        qr,
    };
    Ok((info, result))
}

#[cfg(test)]
mod tests {
    use super::result_file_name;

    #[test]
    fn result_files_sort_by_association_then_period() {
        assert_eq!(
            result_file_name("514400005000031282", "2026-11-01", "2026-11-30"),
            "514400005000031282-2026-11.json"
        );
        assert_eq!(
            result_file_name("514400005000031282", "2026-10-01", "2026-12-31"),
            "514400005000031282-2026-10_2026-12.json"
        );
    }
}
