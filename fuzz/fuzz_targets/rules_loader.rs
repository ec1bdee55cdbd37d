//! Any text as a rules file on top of the defaults: an error or a rule set, never a panic.
#![no_main]

use credence::config::Config;
use credence::rules::Ruleset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let Ok(mut config) = Config::embedded() else { return };
    if config.apply("fuzz.toml", source).is_ok() {
        let _ = Ruleset::new(config);
    }
});
