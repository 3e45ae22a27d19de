/**
 * The import's state: {@link io.dbsync.state.StateDocument} (target ids, last-applied attributes,
 * dependencies, adopted and pending marks, content versions; sensitive values only as salted hashes) kept by a
 * {@link io.dbsync.state.StateStore} with one locking contract (lock, force-unlock);
 * {@link io.dbsync.state.LocalStateStore} keeps it in the artifact directory.
 */
package io.dbsync.state;
