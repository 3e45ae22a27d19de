package io.dbsync.state;

import java.io.IOException;
import java.util.List;

/**
 * An append-only record of state changes kept next to a state document (a write-ahead journal), so
 * that making one change durable costs the change, not a rewrite of the whole document: with tens of
 * thousands of resources, a full write per action makes an apply quadratic. The document plus the
 * journal replayed on it ({@link StateDocument#replay}) is the state.
 */
public interface StateJournal {
  /** Appends the records; they are durable when this returns. */
  void append(List<byte[]> records) throws IOException;

  /** Every record, oldest first; a record torn by a crash mid-append is left out. */
  List<byte[]> read() throws IOException;

  /** Empties the journal (after a full write of the document that contains its records). */
  void clear() throws IOException;

  /**
   * Appends after which the document is rewritten and the journal cleared, whatever their records
   * (a remote journal costs a request per piece to read back and to clear; a file costs nothing more).
   */
  default int maxAppends() {
    return Integer.MAX_VALUE;
  }
}
