package io.dbsync.kind.permissions;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Workspace object id -> path, per workspace client. The permissions API speaks object ids
 * ({@code /notebooks/123}) but path-selected permissions (notebook_path, directory_path,
 * workspace_file_path) must refresh to the path. The workspace kinds record every object they read
 * or create; a miss falls back to one recursive listing of the workspace (skipping /Repos).
 */
public final class WorkspacePaths {
  private static final Map<WorkspaceClient, Map<String, String>> BY_CLIENT =
      Collections.synchronizedMap(new WeakHashMap<>());

  private WorkspacePaths() {}

  private static Map<String, String> index(WorkspaceClient client) {
    return BY_CLIENT.computeIfAbsent(client, c -> Collections.synchronizedMap(new HashMap<>()));
  }

  /** Records an ObjectInfo (object_id + path) seen through the API. */
  public static void remember(WorkspaceClient client, JsonNode objectInfo) {
    if (objectInfo != null && objectInfo.hasNonNull("object_id") && objectInfo.hasNonNull("path")) {
      index(client).put(objectInfo.get("object_id").asText(), objectInfo.get("path").asText());
    }
  }

  /** The path of a workspace object, or null when no object has that id. */
  public static String pathOf(WorkspaceClient client, String objectId) throws IOException {
    String known = index(client).get(objectId);
    if (known != null) {
      return known;
    }
    synchronized (index(client)) {
      known = index(client).get(objectId);
      if (known != null) {
        return known;
      }
      scan(client);
      return index(client).get(objectId);
    }
  }

  /** Forgets an object (deleted). */
  public static void forget(WorkspaceClient client, String path) {
    index(client).values().removeIf(path::equals);
  }

  private static void scan(WorkspaceClient client) throws IOException {
    Deque<String> dirs = new ArrayDeque<>();
    dirs.add("/");
    while (!dirs.isEmpty()) {
      String dir = dirs.pop();
      JsonNode objects;
      try {
        objects = Rest.get(client, "/api/2.0/workspace/list", "path", dir).path("objects");
      } catch (IOException | RuntimeException e) {
        if (Rest.isNotFound(e)) {
          continue;
        }
        throw e;
      }
      for (JsonNode o : objects) {
        remember(client, o);
        String type = o.path("object_type").asText();
        String path = o.path("path").asText();
        if ("DIRECTORY".equals(type) && !"/Repos".equals(path)) {
          dirs.add(path);
        }
      }
    }
  }
}
