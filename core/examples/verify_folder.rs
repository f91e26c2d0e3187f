//! Verifies every `.json` file of a folder against the bureau's key register, one line a file.
//!
//! `cargo run -p selfcheck-core --example verify_folder -- FOLDER REGISTER.txt`

use std::time::{SystemTime, UNIX_EPOCH};

use selfcheck_core::{Catalogue, KeyRegister, Lang, Timestamp, verify_result};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(folder), Some(register)) = (args.next(), args.next()) else {
        return Err("usage: verify_folder FOLDER REGISTER.txt".into());
    };
    let register = KeyRegister::parse(&std::fs::read_to_string(register)?).map_err(|error| error.message(Lang::En))?;
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let now = Timestamp::from_unix_seconds(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs());

    let mut paths: Vec<_> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let json = std::fs::read_to_string(&path)?;
        match verify_result(&json, &catalogues, &now) {
            // A valid signature alone proves nothing about who signed: the register decides.
            Ok(verified) if register.status(&verified).is_registered() => {
                let profile = verified.answers.profile();
                println!(
                    "{}: valid, {} score {} ({})",
                    path.display(),
                    profile.name(),
                    verified.report.score(),
                    verified.report.grade().label.en
                );
            }
            Ok(verified) => {
                println!("{}: NOT ACCEPTED: {}", path.display(), register.status(&verified).message(Lang::En))
            }
            Err(error) => println!("{}: INVALID: {}", path.display(), error.message(Lang::En)),
        }
    }
    Ok(())
}
