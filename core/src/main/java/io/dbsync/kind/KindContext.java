package io.dbsync.kind;

import com.databricks.sdk.WorkspaceClient;

import java.util.function.Supplier;

/** What a kind sees in both directions: the workspace client and the caches of the current run. */
public interface KindContext {
  WorkspaceClient client();

  /**
   * The current run's one instance of {@code key}, made by {@code make} on first use: state that the
   * kinds or objects of one export or import run share (a workspace scan, the object-id to path index,
   * the SQL runner), which dies with the run. {@code make} must be cheap and must not call
   * {@code shared} itself; expensive work belongs inside the shared object, done once under its own lock.
   */
  <T> T shared(Class<T> key, Supplier<T> make);
}
