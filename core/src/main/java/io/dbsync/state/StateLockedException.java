package io.dbsync.state;

import io.dbsync.lock.LockHeldException;
import io.dbsync.lock.LockInfo;

/** The state is locked by another run. */
public class StateLockedException extends LockHeldException {
  public StateLockedException(String where, LockInfo holder) {
    super("state at " + where, holder);
  }
}
