package io.dbsync.lock;

import java.io.IOException;

/** A force-unlock named the lock of a run that is still running on this host (review D10). */
public class HolderAliveException extends IOException {
  public HolderAliveException(LockInfo holder) {
    super("the lock " + holder.id() + " is held by a run that is still running: " + holder.describe()
        + "; stop that run first, or add --force to release its lock anyway");
  }
}
