//! A fit of rule weights to labels: the summary a person reads (both AUCs side by side, the
//! weights that moved), and the commented rules file that applies the fitted weights.

use crate::tune::{Estimate, Tuned, TunedRule};
use tabled::settings::Style;
use tabled::{Table, Tabled};

#[derive(Tabled)]
struct WeightRow {
    code: String,
    rule: String,
    category: &'static str,
    #[tabled(rename = "in force")]
    current: String,
    fitted: String,
    #[tabled(rename = "on reliable")]
    reliable: usize,
    #[tabled(rename = "on unreliable")]
    unreliable: usize,
}

fn interval(e: &Estimate) -> String {
    format!("{:.3} [{:.3}, {:.3}]", e.value, e.low, e.high)
}

fn signed_interval(e: &Estimate) -> String {
    format!("{:+.3} [{:+.3}, {:+.3}]", e.value, e.low, e.high)
}

/// The summary: labels, the out-of-fold AUC of the weights in force and of fitted ones
/// with their 95% intervals and the paired difference, the in-sample AUC of the weights
/// written, and the weights that moved.
pub fn render_tune(t: &Tuned) -> String {
    let mut out = format!(
        "{} articles, {} labelled ({} reliable, {} unreliable); {} folds, l2 {}\n",
        t.articles, t.labelled, t.reliable, t.unreliable, t.folds, t.l2
    );
    if !t.missing.is_empty() {
        out.push_str(&format!(
            "labelled but not found: {}\n",
            t.missing.join(", ")
        ));
    }
    out.push_str(&format!(
        "ROC AUC out of fold, 95% interval:  in force {}   fitted {}\n",
        interval(&t.current),
        interval(&t.fitted)
    ));
    out.push_str(&format!(
        "fitted minus in force (paired):     {}\n",
        signed_interval(&t.gain)
    ));
    out.push_str(&format!(
        "ROC AUC in sample of the weights written: {:.3} (what `credence eval` reports with them)\n",
        t.in_sample
    ));
    let changed: Vec<&TunedRule> = t.rules.iter().filter(|r| r.changed()).collect();
    if changed.is_empty() {
        out.push_str("no weight changed\n");
        return out;
    }
    let rows: Vec<WeightRow> = changed
        .iter()
        .map(|r| WeightRow {
            code: r.code.clone(),
            rule: r.name.clone(),
            category: r.category.as_str(),
            current: format!("{}", r.current),
            fitted: format!("{}", r.fitted),
            reliable: r.reliable_hits,
            unreliable: r.unreliable_hits,
        })
        .collect();
    let mut table = Table::new(rows);
    table.with(Style::rounded());
    out.push_str(&table.to_string());
    out.push_str(
        "\non reliable, on unreliable: labelled articles on which the rule counted points\n",
    );
    out
}

/// The rules file: a `[[rule]]` with its fitted weight for each rule whose weight moved,
/// headed by what was fitted and how well it did. Weights are written as the shortest
/// decimal that reads back as the same number, so the file scores exactly as measured.
pub fn tune_toml(t: &Tuned) -> String {
    let mut out = format!(
        "# Rule weights fitted by `credence tune` to {} labelled articles ({} reliable,\n\
         # {} unreliable): L2-regularised logistic regression on the score's own loss, each\n\
         # weight held toward the one in force (l2 = {}) and none below 0.\n\
         # ROC AUC out of fold ({} folds): {:.3} with the weights in force, {:.3} fitted\n\
         # (difference {:+.3}, 95% interval {:+.3} to {:+.3}).\n\
         # ROC AUC in sample with these weights: {:.3}, as `credence eval` reports with this\n\
         # file on top of the same rules.\n\
         # Apply on top of the same rules: credence score DIR --rules THIS_FILE\n",
        t.labelled,
        t.reliable,
        t.unreliable,
        t.l2,
        t.folds,
        t.current.value,
        t.fitted.value,
        t.gain.value,
        t.gain.low,
        t.gain.high,
        t.in_sample
    );
    let changed: Vec<&TunedRule> = t.rules.iter().filter(|r| r.changed()).collect();
    if changed.is_empty() {
        out.push_str("# No weight changed.\n");
    }
    for r in changed {
        out.push_str(&format!(
            "\n[[rule]]\ncode = \"{}\"\nweight = {:?}   # {} ({}): {} in force; counted on {} reliable, {} unreliable\n",
            r.code,
            r.fitted,
            r.name,
            r.category.as_str(),
            r.current,
            r.reliable_hits,
            r.unreliable_hits
        ));
    }
    out
}
