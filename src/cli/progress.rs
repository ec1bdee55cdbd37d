//! The progress line drawn on a terminal while a long batch or feed is scored.

use credence::report;
use std::io::IsTerminal;
use std::time::Instant;

/// A progress line on stderr for runs longer than half a second, only on a terminal:
/// articles analysed and scored of the total, the rate and the time left. Nothing when
/// stderr is a pipe or a file.
pub struct Progress {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// `total` articles, or `None` when they are known only once the input is read (a
    /// stream: the records read by the time analysis starts).
    pub fn start(total: Option<usize>, tally: std::sync::Arc<credence::Tally>) -> Progress {
        use std::sync::atomic::Ordering::Relaxed;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let show = std::io::stderr().is_terminal();
        let handle = show.then(|| {
            let done = done.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut drawn = false;
                while !done.load(Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(250));
                    let elapsed = started.elapsed().as_secs_f64();
                    if elapsed < 0.5 || done.load(Relaxed) {
                        continue;
                    }
                    let (read, analysed, scored) = (
                        tally.read.load(Relaxed),
                        tally.analysed.load(Relaxed),
                        tally.scored.load(Relaxed),
                    );
                    let line = report::progress_line(total, read, analysed, scored, elapsed);
                    say_raw!("\r\x1b[K{line}");
                    drawn = true;
                }
                if drawn {
                    say_raw!("\r\x1b[K");
                }
            })
        });
        Progress { done, handle }
    }

    pub fn finish(self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(h) = self.handle {
            let _ = h.join();
        }
    }
}
