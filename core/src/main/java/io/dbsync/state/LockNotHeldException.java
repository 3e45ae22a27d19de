package io.dbsync.state;

import java.io.IOException;

/** A force-unlock named a lock that the state does not hold (wrong id, or no lock at all). */
public class LockNotHeldException extends IOException {
  public LockNotHeldException(String message) {
    super(message);
  }
}
