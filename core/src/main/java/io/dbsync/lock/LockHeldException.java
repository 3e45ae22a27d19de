package io.dbsync.lock;

import java.io.IOException;

/**
 * Another run holds the lock; the message names the holder and whether it still runs. An
 * IOException: the lock is a file, and callers that cannot use the resource already handle those.
 */
public class LockHeldException extends IOException {
  private final LockInfo holder;

  public LockHeldException(String what, LockInfo holder) {
    super(what + " is locked by " + (holder == null ? "an unknown holder" : holder.describe()));
    this.holder = holder;
  }

  /** The holder as recorded, or null when the lock holds no readable holder. */
  public LockInfo holder() {
    return holder;
  }
}
