//! A small inline SVG of one outlet's scores: a dot per article on a 0–100 axis, the 90%
//! interval of its shrunken mean as a band, and the shrunken mean as a tick.

use crate::history::OutletTrend;
use crate::outlets::OutletSummary;
use crate::score::ScoredArticle;
use maud::{Markup, html};

const WIDTH: f64 = 220.0;
const HEIGHT: f64 = 24.0;
/// Room left and right so that dots at 0 and 100 are whole.
const PAD: f64 = 5.0;

fn x(score: f64) -> String {
    format!(
        "{:.1}",
        PAD + score.clamp(0.0, 100.0) / 100.0 * (WIDTH - 2.0 * PAD)
    )
}

/// The chart for `outlet`, with its articles (and their ranks in the report, to link them).
pub fn outlet_chart(outlet: &OutletSummary, articles: &[(&ScoredArticle, usize)]) -> Markup {
    let mid = HEIGHT / 2.0;
    html! {
        svg.chart width=(WIDTH) height=(HEIGHT)
            viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img"
            aria-label=(format!("{}: {} articles, shrunk mean {:.1}", outlet.source, outlet.articles, outlet.shrunk)) {
            line x1=(x(0.0)) x2=(x(100.0)) y1=(mid) y2=(mid) stroke="#ccc" {}
            @for tick in [0.0, 50.0, 100.0] {
                line x1=(x(tick)) x2=(x(tick)) y1=(mid - 4.0) y2=(mid + 4.0) stroke="#ccc" {}
            }
            rect x=(x(outlet.low)) y=(mid - 6.0) height="12" fill="#2b7bb9" fill-opacity="0.15"
                width=(format!("{:.1}", (outlet.high.clamp(0.0, 100.0) - outlet.low.clamp(0.0, 100.0)).max(0.0) / 100.0 * (WIDTH - 2.0 * PAD))) {}
            @for (a, _) in articles {
                circle cx=(x(a.score)) cy=(mid) r="3.5" fill="#555" fill-opacity="0.55" {
                    title { (a.title.as_deref().unwrap_or(&a.id)) ": " (format!("{:.1}", a.score)) }
                }
            }
            line x1=(x(outlet.shrunk)) x2=(x(outlet.shrunk)) y1="2" y2=(HEIGHT - 2.0) stroke="#1d1d1d" stroke-width="2" {
                title { "shrunk mean " (format!("{:.1}", outlet.shrunk)) }
            }
        }
    }
}

/// An outlet's median score period by period from the history, as a line on a 0–100 scale
/// (a dot per period, so that one period still shows).
pub fn trend_chart(trend: &OutletTrend) -> Markup {
    let n = trend.points.len().max(1);
    let step = if n > 1 {
        (WIDTH - 2.0 * PAD) / (n - 1) as f64
    } else {
        0.0
    };
    let y = |median: f64| HEIGHT - 3.0 - median.clamp(0.0, 100.0) / 100.0 * (HEIGHT - 6.0);
    let points: Vec<String> = trend
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", PAD + step * i as f64, y(p.median)))
        .collect();
    html! {
        svg.chart.trend width=(WIDTH) height=(HEIGHT) viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img"
            aria-label=(format!("{}: median score over {} periods", trend.outlet, trend.points.len())) {
            polyline points=(points.join(" ")) fill="none" stroke="#2b7bb9" stroke-width="1.5" {}
            @for (i, p) in trend.points.iter().enumerate() {
                circle cx=(format!("{:.1}", PAD + step * i as f64)) cy=(format!("{:.1}", y(p.median))) r="2.5" fill="#2b7bb9" {
                    title { (p.period) ": median " (format!("{:.1}", p.median)) " of " (p.articles) }
                }
            }
        }
    }
}
