package io.dbsync.state;

import java.io.IOException;
import java.util.Optional;

/**
 * Where import keeps its state: the artifact dir (default), S3 or Azure Blob (--backend-file).
 * Writes are atomic: a reader sees the old or the new state, never half of one.
 */
public interface StateStore {
  /** The current state document, or empty when none was ever written. */
  Optional<byte[]> read() throws IOException;

  /** Replaces the state document atomically. */
  void write(byte[] state) throws IOException;

  /**
   * Takes the lock for a plan/apply; throws {@link StateLockedException} naming the holder when
   * another run has it. Closing the returned lock releases it.
   */
  StateLock lock(LockInfo info) throws IOException, StateLockedException;

  /** Where the state lives, for messages ("s3://bucket/key", "/path/to/dir/..."). */
  String describe();
}
