package io.dbsync.apply;

import io.dbsync.state.StateDocument;
import io.dbsync.state.StateEntry;
import io.dbsync.state.StateJournal;
import io.dbsync.state.StateStore;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state during an apply. Every change is durable before the call that made it returns, so an
 * interrupted run leaves a state that says what was done. Writes are group-committed: while one
 * write is in flight, changes made by other parallel actions wait, and the next write stores all
 * of them at once — a durable write per action, but not one store round trip per action.
 *
 * <p>With a store that keeps a journal (the local state) a write appends the changes' records, and
 * the whole document is written only at the first write of the session, when the journal has grown
 * as long as the state has entries, and at {@link #checkpoint}: the cost of a change stays constant
 * however large the state (a full write per action made a 15,000-resource import quadratic). The
 * remote stores keep theirs as objects beside the document (S3) or an append blob (Azure), rewriting
 * the document also after {@link StateJournal#maxAppends} appends. Stores without one rewrite the
 * document each time.
 *
 * <p>The document is the lock for reading and changing entries (readers outside the session, such
 * as ApplyContext.isTracked, take the same lock); {@link #writeLock} orders the store writes.
 */
public final class StateSession {
  private final StateDocument doc;
  /** A journal shorter than this is never compacted (the document is written once it is as long as the state). */
  private static final int COMPACT_AFTER = 1000;

  private final StateStore store;
  private final Optional<StateJournal> journal;
  /** A lock, not a monitor: a store write is I/O, and a virtual thread must not pin its carrier on it (see KeyedLocks). */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Serial of the last document written to the store (guarded by writeLock). */
  private long persisted = Long.MIN_VALUE;
  /** Records appended to the journal since the last full write, -1 before the first (guarded by writeLock). */
  private long journaled = -1;
  /** Appends to the journal since the last full write (guarded by writeLock). */
  private int appends;

  public StateSession(StateDocument doc, StateStore store) {
    this.doc = doc;
    this.store = store;
    this.journal = store.journal();
    synchronized (doc) {
      doc.drainChanges(); // what was changed before the session is not the session's to journal
    }
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

  /** Puts several entries with one store write (refresh metadata recorded after an apply). */
  public void putAll(Map<String, StateEntry> entries) throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    long serial;
    synchronized (doc) {
      entries.forEach(doc::put);
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

  /** Writes the whole document and empties the journal (the end of an apply). */
  public void checkpoint() throws IOException {
    writeLock.lock();
    try {
      if (journal.isPresent() && journaled > 0) {
        writeWhole();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Returns once a document at least as new as {@code serial} is in the store. */
  private void persist(long serial) throws IOException {
    writeLock.lock();
    try {
      if (persisted >= serial) {
        return; // another action's write already carried this change
      }
      if (journal.isEmpty() || journaled < 0) {
        writeWhole();
        return;
      }
      List<byte[]> records;
      long writing;
      int entries;
      synchronized (doc) {
        records = doc.drainChanges();
        writing = doc.serial();
        entries = doc.resources().size();
      }
      if (journaled + records.size() > Math.max(COMPACT_AFTER, entries) || appends >= journal.get().maxAppends()) {
        writeWhole();
        return;
      }
      journal.get().append(records);
      journaled += records.size();
      appends++;
      persisted = writing;
    } finally {
      writeLock.unlock();
    }
  }

  /** The document to the store, the journal emptied (callers hold writeLock). */
  private void writeWhole() throws IOException {
    byte[] bytes;
    long writing;
    synchronized (doc) {
      bytes = doc.toBytes();
      writing = doc.serial();
      doc.drainChanges();
    }
    store.write(bytes);
    if (journal.isPresent()) {
      journal.get().clear();
      journaled = 0;
      appends = 0;
    }
    persisted = writing;
  }
}
