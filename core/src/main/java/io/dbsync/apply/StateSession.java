package io.dbsync.apply;

import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.state.StateStore;

import java.io.IOException;
import java.util.Optional;

/**
 * The state during an apply. Every change is durable before the call that made it returns, so an
 * interrupted run leaves a state that says what was done. Writes are group-committed: while one
 * write is in flight, changes made by other parallel actions wait, and the next write stores all
 * of them at once — a durable write per action, but not one store round trip per action.
 *
 * <p>The document is the lock for reading and changing entries (readers outside the session, such
 * as ApplyContext.isTracked, take the same lock); {@link #writeLock} orders the store writes.
 */
public final class StateSession {
  private final StateDocument doc;
  private final StateStore store;
  private final Object writeLock = new Object();
  /** Serial of the last document written to the store (guarded by writeLock). */
  private long persisted = Long.MIN_VALUE;

  public StateSession(StateDocument doc, StateStore store) {
    this.doc = doc;
    this.store = store;
  }

  public Optional<StateEntry> get(String address) {
    synchronized (doc) {
      return doc.get(address);
    }
  }

  public void put(String address, StateEntry entry) throws IOException {
    long serial;
    synchronized (doc) {
      doc.put(address, entry);
      serial = doc.serial();
    }
    persist(serial);
  }

  /** Records, durably, that a create for {@code address} is about to be sent. */
  public void markPending(String address, String type) throws IOException {
    long serial;
    synchronized (doc) {
      doc.markPending(address, type);
      serial = doc.serial();
    }
    persist(serial);
  }

  /** True when a create for this address was sent by a run that did not record its result. */
  public boolean isPending(String address) {
    synchronized (doc) {
      return doc.isPending(address);
    }
  }

  public void remove(String address) throws IOException {
    long serial;
    synchronized (doc) {
      if (doc.get(address).isEmpty()) {
        return;
      }
      doc.remove(address);
      serial = doc.serial();
    }
    persist(serial);
  }

  public StateDocument document() {
    return doc;
  }

  /** Returns once a document at least as new as {@code serial} is in the store. */
  private void persist(long serial) throws IOException {
    synchronized (writeLock) {
      if (persisted >= serial) {
        return; // another action's write already carried this change
      }
      byte[] bytes;
      long writing;
      synchronized (doc) {
        bytes = doc.toBytes();
        writing = doc.serial();
      }
      store.write(bytes);
      persisted = writing;
    }
  }
}
