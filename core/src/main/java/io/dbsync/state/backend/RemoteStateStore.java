package io.dbsync.state.backend;

import io.dbsync.state.LockInfo;
import io.dbsync.state.StateStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/** A StateStore on a storage service: it has a client to close and a lock an operator can break. */
public interface RemoteStateStore extends StateStore, Closeable {
  /** Who holds the lock now, if anyone. */
  Optional<LockInfo> lockHolder() throws IOException;

  /**
   * Removes a lock left by a run that died (Terraform's force-unlock). Only the lock with the
   * given id is removed, so a lock taken since by someone else is not; a lock whose holder was
   * never recorded is removed whatever the id.
   *
   * @throws IOException when the state is not locked or is locked under another id
   */
  void forceUnlock(String lockId) throws IOException;
}
