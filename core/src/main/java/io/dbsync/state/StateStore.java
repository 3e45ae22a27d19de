package io.dbsync.state;

import io.dbsync.lock.LockInfo;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Where import keeps its state: the artifact dir (default), S3 or Azure Blob (--backend-file).
 * Writes are atomic: a reader sees the old or the new state, never half of one. Locking is one
 * contract for every store, as terraform's statemgr.Locker: {@link #lock} and {@link #forceUnlock}.
 * Close the store when done (remote stores hold a client).
 */
public interface StateStore extends Closeable {
  /** The current state document, or empty when none was ever written. */
  Optional<byte[]> read() throws IOException;

  /** Replaces the state document atomically. */
  void write(byte[] state) throws IOException;

  /**
   * The store's journal of changes since the last {@link #write}, when it keeps one (the local state
   * does); without one every change rewrites the whole document.
   */
  default Optional<StateJournal> journal() {
    return Optional.empty();
  }

  /**
   * Takes the lock for a plan/apply; throws {@link StateLockedException} naming the holder when
   * another run has it. Closing the returned lock releases it.
   */
  StateLock lock(LockInfo info) throws IOException, StateLockedException;

  /**
   * Removes a lock left by a run that died (terraform's force-unlock), but only the lock with this
   * id, so that a live run that took the lock since is never unlocked by mistake.
   *
   * @throws IOException when the state is not locked under that id ({@link LockNotHeldException} for a
   *     local state) or the lock cannot be removed
   */
  void forceUnlock(String lockId) throws IOException;

  /**
   * {@link #forceUnlock(String)}, refusing ({@code io.dbsync.lock.HolderAliveException}) while the
   * holder still runs on this host, unless {@code force} (review D10: unlocking a live apply lets a
   * second run adopt what the first creates).
   */
  default void forceUnlock(String lockId, boolean force) throws IOException {
    forceUnlock(lockId);
  }

  /** Releases what the store holds (a client); nothing for a local state. */
  @Override
  default void close() throws IOException {
  }

  /** Where the state lives, for messages ("s3://bucket/key", "/path/to/dir/..."). */
  String describe();
}
