//! The one writer: the history and the analyses it keeps, used under one lock, and the
//! group commit that lets posts waiting together share one transaction. Each post of a
//! group stands alone: when one fails, the group is written again without it.

use super::ingest::{AnalysisCache, Writes};
use super::metrics::Metrics;
use crate::history::{HistoryError, Store};
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

/// A group holds at most this many posts: the first of them waits for the last.
pub const MAX_GROUP: usize = 64;

/// The history and the analyses of the articles it keeps.
pub struct Desk {
    pub store: Box<dyn Store>,
    pub cache: AnalysisCache,
    /// The open group of writes: its number, and the writes of each post it holds, kept
    /// so that the group can be written again without a post that failed.
    group: u64,
    journal: Vec<Writes>,
}

impl Desk {
    pub fn new(store: Box<dyn Store>, cache: AnalysisCache) -> Desk {
        Desk {
            store,
            cache,
            group: 1,
            journal: Vec::new(),
        }
    }

    /// The open group's number: a post staged now is committed with it.
    pub fn group(&self) -> u64 {
        self.group
    }

    /// How many posts the open group holds.
    pub fn staged(&self) -> usize {
        self.journal.len()
    }

    /// Writes a post into the open group. When the write fails, the group is taken back
    /// and written again without it (see [`Desk::drop_failed`]).
    pub fn stage(&mut self, writes: Writes, commits: &Commits) -> Result<(), HistoryError> {
        match self.store.stage(&writes.articles, &writes.records) {
            Ok(()) => {
                self.journal.push(writes);
                Ok(())
            }
            Err(e) => {
                self.drop_failed(commits, &e.0);
                Err(e)
            }
        }
    }

    /// After a post failed (a refused write, a failed read, a panic), takes back the open
    /// group and writes the other posts of it again, so that one bad post never fails the
    /// others. The writes are replayed as they were: each post was scored with the ones
    /// before it, and the failed one was the last. Only when the history refuses the replay
    /// too (the disk or the connection is gone) is the whole group failed.
    pub fn drop_failed(&mut self, commits: &Commits, why: &str) {
        self.store.abandon();
        let Desk { store, journal, .. } = self;
        let replayed = journal
            .iter()
            .try_for_each(|w| store.stage(&w.articles, &w.records));
        if let Err(e) = replayed {
            self.store.abandon();
            if !self.journal.is_empty() {
                commits.publish(
                    self.group,
                    Err(format!(
                        "another post of the same commit failed ({why}), and writing the \
                         others again failed too: {e}"
                    )),
                );
                self.group += 1;
                self.journal.clear();
            }
        }
    }

    /// Commits the open group, if it holds anything, and tells its posts.
    pub fn flush(&mut self, commits: &Commits, metrics: &Metrics) {
        let result = self.store.flush().map_err(|e| e.to_string());
        if self.journal.is_empty() {
            return;
        }
        metrics.committed();
        commits.publish(self.group, result);
        self.group += 1;
        self.journal.clear();
    }
}

/// A counting semaphore: at most `limit` holders at once.
pub struct Gate {
    held: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Gate {
    pub fn new(limit: usize) -> Gate {
        Gate {
            held: Mutex::new(0),
            freed: Condvar::new(),
            limit: limit.max(1),
        }
    }

    /// Runs `work` once fewer than `limit` others are.
    pub fn pass<T>(&self, work: impl FnOnce() -> T) -> T {
        {
            let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
            while *held >= self.limit {
                held = self.freed.wait(held).unwrap_or_else(|p| p.into_inner());
            }
            *held += 1;
        }
        // Released even when `work` panics.
        struct Release<'a>(&'a Gate);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                let mut held = self.0.held.lock().unwrap_or_else(|p| p.into_inner());
                *held -= 1;
                self.0.freed.notify_one();
            }
        }
        let _release = Release(self);
        work()
    }
}

/// Group commit: posts that arrive while another is scored are written into one
/// transaction, and the last of them commits it for all. Each post answers only once its
/// group is committed, so a 2xx still means durable; a failed commit fails every post of
/// the group.
#[derive(Default)]
pub struct Commits {
    /// The last group committed (or failed), and the failures of recent groups.
    state: Mutex<(u64, VecDeque<(u64, String)>)>,
    done: Condvar,
}

impl Commits {
    pub fn publish(&self, group: u64, result: Result<(), String>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.0 = group;
        if let Err(e) = result {
            state.1.push_back((group, e));
            while state.1.len() > 64 {
                state.1.pop_front();
            }
        }
        self.done.notify_all();
    }

    /// Waits until `group` is committed: Err with why when its commit failed.
    pub fn wait(&self, group: u64) -> Result<(), String> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        while state.0 < group {
            state = self.done.wait(state).unwrap_or_else(|p| p.into_inner());
        }
        match state.1.iter().find(|(g, _)| *g == group) {
            Some((_, e)) => Err(e.clone()),
            None => Ok(()),
        }
    }
}
