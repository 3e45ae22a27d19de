package io.dbsync.state;

/** Who holds a lock and why; stored with the lock so a blocked run can name the holder. */
public record LockInfo(String id, String who, String operation, long createdMillis) {}
