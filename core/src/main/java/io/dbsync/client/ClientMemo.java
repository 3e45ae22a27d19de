package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksException;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One answer per client to a question whose answer cannot change while the client lives (who it
 * calls as, which cloud its workspace is on): asked once, however many parts of a run need it.
 * Threads asking at once share the one request; a failure is not kept (the next caller asks again).
 * Clients are held weakly: a client no longer used takes its answer with it.
 */
public final class ClientMemo<T> {
  private final Function<WorkspaceClient, T> ask;
  private final ReentrantLock lock = new ReentrantLock(); // not a monitor: no carrier pinning while one asks
  private final Map<WorkspaceClient, FutureTask<T>> asked = new WeakHashMap<>();

  public ClientMemo(Function<WorkspaceClient, T> ask) {
    this.ask = ask;
  }

  public T get(WorkspaceClient client) {
    FutureTask<T> task;
    boolean mine = false;
    lock.lock();
    try {
      task = asked.get(client);
      if (task == null) {
        task = new FutureTask<>(() -> ask.apply(client));
        asked.put(client, task);
        mine = true;
      }
    } finally {
      lock.unlock();
    }
    if (mine) {
      task.run(); // a completed FutureTask drops its callable: the map's value no longer holds the client
    }
    try {
      return task.get();
    } catch (ExecutionException e) {
      forget(client, task);
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new DatabricksException(String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabricksException("interrupted while waiting for the workspace's answer", e);
    }
  }

  private void forget(WorkspaceClient client, FutureTask<T> failed) {
    lock.lock();
    try {
      asked.remove(client, failed);
    } finally {
      lock.unlock();
    }
  }
}
