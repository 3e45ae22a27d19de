package io.dbsync.export;

import io.dbsync.kind.Kind;

/** Progress events of an export run (called from worker threads; implementations must be thread-safe). */
public interface ExportListener {
  ExportListener NONE = new ExportListener() {};

  /** A kind's listing finished: {@code objects} found, or {@code error} when it failed. */
  default void listed(Kind kind, int objects, Exception error) {}

  /** All listings are done; {@code totalObjects} objects will be exported. */
  default void exportStarted(int totalObjects) {}

  /**
   * The kind leaves a source object out of the export, or leaves its data behind ({@code reason}
   * says which and why: a job's cluster, a managed table's data). The export itself reports nothing
   * for it; assess counts these by reason.
   */
  default void skipped(Kind kind, String object, String reason) {}

  /** One object is done; {@code error} is null on success. */
  default void exported(Kind kind, String name, Exception error) {}

  /** The tree is written. */
  default void finished() {}
}
