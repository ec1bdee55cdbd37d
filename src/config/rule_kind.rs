//! The rule kinds a rules file may name in `kind = "…"`.
//!
//! The names come from the one table of kinds in `src/rules/mod.rs` (`rule_kinds!`), which
//! also gives each kind its check and its documentation. The enum is expanded here, below the
//! rules, so that a rules file's kind is checked where the file is read and every layer above
//! names kinds by this type, not by strings.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Expands the kinds' table into [`RuleKind`]; the table's checks are the rules' business.
macro_rules! rule_kind_enum {
    (
        |$($param:ident),*|
        $($variant:ident $name:literal $module:ident :: $check:ident $args:tt,)*
    ) => {
        /// A rule kind: implemented once in code, picked by each rule instance in TOML.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleKind {
            $(
                #[doc = concat!("`kind = \"", $name, "\"`")]
                $variant,
            )*
        }

        impl RuleKind {
            /// Every kind, in the table's (alphabetical) order.
            pub const ALL: &[RuleKind] = &[$(RuleKind::$variant),*];

            /// The kind's name in rules files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleKind::$variant => $name,)*
                }
            }
        }
    };
}

crate::rule_kinds!(rule_kind_enum);

/// A `kind` that names no rule kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRuleKind(pub String);

impl fmt::Display for UnknownRuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown rule kind \"{}\" (known kinds: {})",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownRuleKind {}

impl FromStr for RuleKind {
    type Err = UnknownRuleKind;

    fn from_str(name: &str) -> Result<RuleKind, UnknownRuleKind> {
        RuleKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == name)
            .ok_or_else(|| UnknownRuleKind(name.to_string()))
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RuleKind, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}
