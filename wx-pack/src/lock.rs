//! The one file lock of wx-pack, taken by a build (its crate's work folder, shared with its
//! default output folder) and by the preparation of the Node side (the cache folder): a
//! second wx-pack waits for the first, as cargo does for its target dir.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use anyhow::{Context as _, Result};

/// Locks the file `path` (created if missing), calling `waiting` first when another process
/// holds it. The lock is released when the returned file is dropped. Where the file system
/// cannot lock, `None`: the work goes on unlocked.
pub(crate) fn hold(path: &Path, waiting: impl FnOnce()) -> Result<Option<File>> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => {
            waiting();
            file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
            Ok(Some(file))
        }
        Err(TryLockError::Error(_)) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        let first = hold(&path, || panic!("nobody holds it yet")).unwrap();
        let holder = first.expect("this file system locks");
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut waited = false;
                let second = hold(&path, || waited = true).unwrap();
                tx.send(()).unwrap();
                (waited, second.is_some())
            })
        };
        // The second holder is still waiting while the first holds the lock.
        assert!(rx.recv_timeout(std::time::Duration::from_millis(300)).is_err());
        drop(holder);
        rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        assert_eq!(waiter.join().unwrap(), (true, true));
    }
}
