//! The consensus of a story's members but one, for every member in turn. Computed naively,
//! each member's check reads every other member's claim, and a story of n articles costs
//! n²: a desk's batch of thousands of articles on one event took seconds per thousand. Here
//! each key of a story is indexed once (values sorted, grouped by outlet), and leaving one
//! member out touches only its own outlet's values and the per-outlet medians. The result
//! is the same, to the bit, as [`StoryClaims::consensus`](super::claims::StoryClaims).

use super::claims::{Claim, Scale};
use super::stats::{mad, median};
use crate::date::Date;
/// Maps inside one story (its members, their outlets and keys): small, and keyed by what
/// the story holds, so a fast hash rather than a keyed one.
type HashMap<K, V> = std::collections::HashMap<K, V, crate::lower::FnvBuild>;

/// What a consensus says, without the list of articles behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub scale: Scale,
    /// The median of the sources' values (a count or amount, or days since 1970).
    pub centre: f64,
    /// Robust spread, in log units for ratios and days for dates.
    pub spread: f64,
    pub sources: usize,
    pub published: Option<Date>,
}

/// One key of a story, indexed for leave-one-out queries.
pub(super) struct KeyIndex {
    /// The finite values of every member's claim on the key, sorted.
    values: Vec<f64>,
    /// Each claiming member's value.
    value_of: HashMap<usize, f64>,
    /// Claims of 10 or more.
    large: usize,
    first_is_ratio: bool,
    /// The consensus pool when small counts are kept (`[0]`) and when they are left out
    /// as subgroups (`[1]`).
    pools: [Pool; 2],
}

/// The claims that make a consensus, by outlet.
struct Pool {
    /// Outlets in order of first appearance: each one's finite values, sorted, their
    /// median, and their members in story order.
    outlets: Vec<Vec<f64>>,
    outlet_members: Vec<Vec<usize>>,
    medians: Vec<Option<f64>>,
    /// Each member in the pool: its outlet's position, its value as compared (log or days),
    /// its tolerance and scale.
    place: HashMap<usize, Place>,
    /// The largest tolerance in the pool, how many members have it, and the largest below
    /// it (0 when none): the largest when any one member is left out.
    tolerance: (f64, usize, f64),
    /// The last two members of the pool in story order: the scale of the last one left in
    /// is the consensus' scale.
    last: [Option<usize>; 2],
    /// Publication days of the members in the pool, sorted.
    dates: Vec<f64>,
}

#[derive(Clone, Copy)]
struct Place {
    outlet: usize,
    value: f64,
    tolerance: f64,
    scale: Scale,
    published: Option<f64>,
}

impl KeyIndex {
    /// `holders`: each claiming member and its claim, in member order; `sources`: each
    /// member's outlet; `published`: each member's publication day.
    pub(super) fn new(
        holders: &[(usize, &Claim)],
        sources: &[u32],
        published: &[Option<f64>],
    ) -> KeyIndex {
        let mut values: Vec<f64> = holders
            .iter()
            .map(|(_, c)| c.value)
            .filter(|v| v.is_finite())
            .collect();
        values.sort_by(f64::total_cmp);
        let pool = |drop_small: bool| {
            let mut outlets: Vec<Vec<f64>> = Vec::new();
            let mut outlet_members: Vec<Vec<usize>> = Vec::new();
            let mut slot: HashMap<u32, usize> = HashMap::default();
            let mut place = HashMap::default();
            let mut order = Vec::new();
            for &(m, c) in holders {
                if drop_small && c.small {
                    continue;
                }
                let value = match c.scale {
                    Scale::Ratio => c.value.ln(),
                    Scale::Days => c.value,
                };
                let outlet = *slot.entry(sources[m]).or_insert_with(|| {
                    outlets.push(Vec::new());
                    outlet_members.push(Vec::new());
                    outlets.len() - 1
                });
                outlets[outlet].push(value);
                outlet_members[outlet].push(m);
                order.push(m);
                place.insert(
                    m,
                    Place {
                        outlet,
                        value,
                        tolerance: c.tolerance,
                        scale: c.scale,
                        published: published[m],
                    },
                );
            }
            for values in &mut outlets {
                // Only finite values count towards a median (a count of 0 is −∞ in logs).
                values.retain(|v| v.is_finite());
                values.sort_by(f64::total_cmp);
            }
            let mut dates: Vec<f64> = order.iter().filter_map(|&m| published[m]).collect();
            dates.sort_by(f64::total_cmp);
            let tolerances = || order.iter().map(|m: &usize| place[m].tolerance);
            let max = tolerances().fold(0.0, f64::max);
            let tolerance = (
                max,
                tolerances().filter(|&t| t == max).count(),
                tolerances().filter(|&t| t < max).fold(0.0, f64::max),
            );
            Pool {
                medians: outlets.iter().map(|v| median(v)).collect(),
                outlets,
                outlet_members,
                place,
                tolerance,
                last: [
                    order.last().copied(),
                    order.len().checked_sub(2).map(|i| order[i]),
                ],
                dates,
            }
        };
        KeyIndex {
            values,
            value_of: holders.iter().map(|&(m, c)| (m, c.value)).collect(),
            large: holders.iter().filter(|(_, c)| c.value >= 10.0).count(),
            first_is_ratio: holders
                .first()
                .is_some_and(|(_, c)| c.scale == Scale::Ratio),
            pools: [pool(false), pool(true)],
        }
    }

    /// The pool of the consensus of every claiming member but `except`: small counts are
    /// subgroups, and left out, when the others' figures are mostly large.
    fn pool(&self, except: Option<usize>, min_value: f64) -> &Pool {
        let own = except.and_then(|m| self.value_of.get(&m).copied());
        let large = self.large - usize::from(own.is_some_and(|v| v >= 10.0));
        let any_large = large > 0
            && median_without(&self.values, own.filter(|v| v.is_finite()))
                .is_some_and(|m| self.first_is_ratio && m >= min_value);
        &self.pools[usize::from(any_large)]
    }

    /// The first `limit` members behind the consensus of every claiming member but
    /// `except`, outlet by outlet, and how many there are.
    pub(super) fn members(
        &self,
        except: Option<usize>,
        min_value: f64,
        limit: usize,
    ) -> (Vec<usize>, usize) {
        let pool = self.pool(except, min_value);
        let left_out = except.filter(|m| pool.place.contains_key(m));
        let count = pool.place.len() - usize::from(left_out.is_some());
        // Outlets in order of their first member left in.
        fn kept(members: &[usize], left_out: Option<usize>) -> impl Iterator<Item = usize> + '_ {
            members
                .iter()
                .copied()
                .filter(move |&m| Some(m) != left_out)
        }
        let mut outlets: Vec<(usize, &[usize])> = pool
            .outlet_members
            .iter()
            .filter_map(|members| {
                kept(members, left_out)
                    .next()
                    .map(|first| (first, members.as_slice()))
            })
            .collect();
        outlets.sort_unstable_by_key(|&(first, _)| first);
        let first = outlets
            .into_iter()
            .flat_map(|(_, members)| kept(members, left_out))
            .take(limit)
            .collect();
        (first, count)
    }

    /// The consensus of every claiming member but `except`.
    pub(super) fn summary(&self, except: Option<usize>, min_value: f64) -> Option<Summary> {
        let pool = self.pool(except, min_value);
        let left_out = except.and_then(|m| pool.place.get(&m).map(|p| (m, *p)));

        // Each outlet's median, with the member's own value taken out of its outlet.
        let mut per_outlet: Vec<f64> = Vec::with_capacity(pool.outlets.len());
        let mut outlets = 0;
        for (k, values) in pool.outlets.iter().enumerate() {
            let own_outlet = left_out.filter(|(_, p)| p.outlet == k);
            if own_outlet.is_some() && pool.outlet_members[k].len() == 1 {
                continue;
            }
            outlets += 1;
            let m = match own_outlet {
                Some((_, p)) => median_without(values, Some(p.value).filter(|v| v.is_finite())),
                None => pool.medians[k],
            };
            per_outlet.extend(m);
        }
        if outlets == 0 {
            return None;
        }
        let centre = median(&per_outlet)?;

        // The largest tolerance and the last scale among the members left in.
        let (max, with_max, below) = pool.tolerance;
        let tolerance = match left_out {
            Some((_, p)) if p.tolerance == max && with_max == 1 => below,
            _ => max,
        };
        let last = match (pool.last, left_out) {
            ([Some(l), before], Some((m, _))) if l == m => before,
            ([l, _], _) => l,
        };
        let scale = last.map_or(Scale::Ratio, |m| pool.place[&m].scale);
        let floor = match scale {
            Scale::Ratio => (1.0 + tolerance).ln(),
            Scale::Days => tolerance.max(0.5),
        };
        let spread = mad(&per_outlet, centre).max(floor);
        let own_date = left_out.and_then(|(_, p)| p.published);
        let published =
            median_without(&pool.dates, own_date).map(|d| Date::from_days(d.round() as i64));
        Some(Summary {
            scale,
            centre: match scale {
                Scale::Ratio => centre.exp(),
                Scale::Days => centre,
            },
            spread,
            sources: outlets,
            published,
        })
    }
}

/// The median of `sorted` (finite values, ascending) without one element equal to
/// `remove`, computed as [`median`] computes it: the middle element, or the mean of the two
/// middle ones.
fn median_without(sorted: &[f64], remove: Option<f64>) -> Option<f64> {
    let skip = remove.and_then(|v| {
        let i = sorted.partition_point(|x| x.total_cmp(&v).is_lt());
        (sorted.get(i).is_some_and(|x| x.total_cmp(&v).is_eq())).then_some(i)
    });
    let n = sorted.len() - usize::from(skip.is_some());
    if n == 0 {
        return None;
    }
    let at = |j: usize| match skip {
        Some(s) if j >= s => sorted[j + 1],
        _ => sorted[j],
    };
    let k = n / 2;
    Some(if n % 2 == 1 {
        at(k)
    } else {
        (at(k - 1) + at(k)) / 2.0
    })
}
