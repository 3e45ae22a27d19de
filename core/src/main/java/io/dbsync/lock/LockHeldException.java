package io.dbsync.lock;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another run holds the lock; the message names the holder and whether it still runs. An
 * IOException: the lock is a file, and callers that cannot use the resource already handle those.
 */
public class LockHeldException extends IOException {
  private final LockInfo holder;
  private final Path file;

  public LockHeldException(String what, LockInfo holder) {
    this(what, holder, null);
  }

  public LockHeldException(String what, LockInfo holder, Path file) {
    super(what + " is locked by " + (holder == null ? "an unknown holder" : holder.describe()));
    this.holder = holder;
    this.file = file;
  }

  /** The lock file, when the lock is one (null for remote state locks). */
  public Path file() {
    return file;
  }

  /** The holder as recorded, or null when the lock holds no readable holder. */
  public LockInfo holder() {
    return holder;
  }
}
