package io.dbsync.state;

import java.time.Instant;

/** The state is locked by another run. */
public class StateLockedException extends Exception {
  private final LockInfo holder;

  public StateLockedException(String where, LockInfo holder) {
    super("state at " + where + " is locked by " + (holder == null ? "an unknown holder"
        : holder.who() + " (" + holder.operation() + ", lock id " + holder.id() + ", since "
        + Instant.ofEpochMilli(holder.createdMillis()) + ")"));
    this.holder = holder;
  }

  public LockInfo holder() {
    return holder;
  }
}
