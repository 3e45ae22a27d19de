/**
 * The tool's one lock: {@link io.dbsync.lock.LockFile}, an exclusively created file holding the
 * holder's {@link io.dbsync.lock.LockInfo} (who, operation, pid, host, start), for the export
 * repository and the local import state. Stale locks (holder gone from this host) are taken over;
 * force-unlock refuses while the holder runs. Ground floor: depends on nothing of the tool.
 */
package io.dbsync.lock;
