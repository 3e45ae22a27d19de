package io.dbsync.apply;

import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.state.StateStore;

import java.io.IOException;
import java.util.Optional;

/**
 * The state during an apply: every change is written through to the store at once (one write per
 * action), so an interrupted run leaves a state that says exactly what was done. Synchronized:
 * parallel actions record one at a time.
 */
public final class StateSession {
  private final StateDocument doc;
  private final StateStore store;

  public StateSession(StateDocument doc, StateStore store) {
    this.doc = doc;
    this.store = store;
  }

  // Locks the document itself, so readers outside the session (ApplyContext.isTracked) can take the same lock.
  public Optional<StateEntry> get(String address) {
    synchronized (doc) {
      return doc.get(address);
    }
  }

  public void put(String address, StateEntry entry) throws IOException {
    synchronized (doc) {
      doc.put(address, entry);
      store.write(doc.toBytes());
    }
  }

  /** Records, durably, that a create for {@code address} is about to be sent. */
  public void markPending(String address, String type) throws IOException {
    synchronized (doc) {
      doc.markPending(address, type);
      store.write(doc.toBytes());
    }
  }

  /** True when a create for this address was sent by a run that did not record its result. */
  public boolean isPending(String address) {
    synchronized (doc) {
      return doc.isPending(address);
    }
  }

  public void remove(String address) throws IOException {
    synchronized (doc) {
      if (doc.get(address).isPresent()) {
        doc.remove(address);
        store.write(doc.toBytes());
      }
    }
  }

  public StateDocument document() {
    return doc;
  }
}
