package io.dbsync.state.backend;

import io.dbsync.lock.HolderAliveException;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateStore;

import java.io.IOException;
import java.util.Optional;

/**
 * A StateStore on a storage service: it has a client to close. Its {@link #forceUnlock} also removes
 * a lock whose holder was never recorded, whatever the id.
 */
public interface RemoteStateStore extends StateStore {
  /** Who holds the lock now, if anyone. */
  Optional<LockInfo> lockHolder() throws IOException;

  @Override
  default void forceUnlock(String lockId, boolean force) throws IOException {
    Optional<LockInfo> holder = lockHolder();
    if (!force && holder.isPresent() && holder.get().id().equals(lockId)
        && holder.get().liveness() == LockInfo.Liveness.ALIVE) {
      throw new HolderAliveException(holder.get());
    }
    forceUnlock(lockId);
  }
}
