package io.dbsync.kind.permissions;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.KindContext;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Workspace object id -> path, for one run. The permissions API speaks object ids
 * ({@code /notebooks/123}) but path-selected permissions (notebook_path, directory_path,
 * workspace_file_path) must refresh to the path. The workspace kinds record every object they read
 * or create; a miss falls back to one recursive listing of the workspace (skipping /Repos).
 */
public final class WorkspacePaths {
  private final Map<String, String> byId = new ConcurrentHashMap<>();
  private final ReentrantLock scanning = new ReentrantLock();

  /** The run's index. */
  public static WorkspacePaths of(KindContext ctx) {
    return ctx.shared(WorkspacePaths.class, WorkspacePaths::new);
  }

  /** Records an ObjectInfo (object_id + path) seen through the API; null is ignored. */
  public void remember(JsonNode objectInfo) {
    if (objectInfo != null && objectInfo.hasNonNull("object_id") && objectInfo.hasNonNull("path")) {
      byId.put(objectInfo.get("object_id").asText(), objectInfo.get("path").asText());
    }
  }

  /** The path of a workspace object, or null when no object has that id. */
  public String pathOf(WorkspaceClient client, String objectId) throws IOException {
    String known = byId.get(objectId);
    if (known != null) {
      return known;
    }
    scanning.lock(); // a lock, not a monitor: see KeyedLocks
    try {
      known = byId.get(objectId);
      if (known == null) {
        scan(client);
        known = byId.get(objectId);
      }
      return known;
    } finally {
      scanning.unlock();
    }
  }

  /** Forgets an object (deleted). */
  public void forget(String path) {
    byId.values().removeIf(path::equals);
  }

  private void scan(WorkspaceClient client) throws IOException {
    Deque<String> dirs = new ArrayDeque<>();
    dirs.add("/");
    while (!dirs.isEmpty()) {
      String dir = dirs.pop();
      JsonNode listing = Rest.getOrNull(client, "/api/2.0/workspace/list", "path", dir);
      for (JsonNode o : listing == null ? List.<JsonNode>of() : listing.path("objects")) {
        remember(o);
        String type = o.path("object_type").asText();
        String path = o.path("path").asText();
        if ("DIRECTORY".equals(type) && !"/Repos".equals(path)) {
          dirs.add(path);
        }
      }
    }
  }
}
