package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The identity a client calls as (SCIM Me), asked once per client: the sign-in check, the lock's
 * holder, ACL rendering, identity selection and databricks_current_user each needed it, and each
 * asked the workspace again (three SCIM reads per export, from a family limited to about 255 a
 * minute). Threads asking at once share the one request; a failure is not kept (the next caller
 * asks again). Clients are held weakly: a client no longer used takes its answer with it.
 */
public final class Caller {
  private static final ReentrantLock LOCK = new ReentrantLock(); // not a monitor: no carrier pinning while one asks
  private static final Map<WorkspaceClient, FutureTask<User>> ASKED = new WeakHashMap<>();

  private Caller() {}

  /** The caller's SCIM user (a service principal's user name is its application id). */
  public static User me(WorkspaceClient client) {
    FutureTask<User> task;
    boolean mine = false;
    LOCK.lock();
    try {
      task = ASKED.get(client);
      if (task == null) {
        task = new FutureTask<>(() -> client.currentUser().me(new MeRequest()));
        ASKED.put(client, task);
        mine = true;
      }
    } finally {
      LOCK.unlock();
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
      throw new DatabricksException("cannot read the caller's identity: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabricksException("interrupted while reading the caller's identity", e);
    }
  }

  private static void forget(WorkspaceClient client, FutureTask<User> failed) {
    LOCK.lock();
    try {
      ASKED.remove(client, failed);
    } finally {
      LOCK.unlock();
    }
  }
}
