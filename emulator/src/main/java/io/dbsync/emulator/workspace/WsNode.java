package io.dbsync.emulator.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

/**
 * One workspace object. Notebook content is the text as imported (UTF-8); files are raw bytes; a
 * Lakeview dashboard holds its serialized form and names the dashboard id as resource id.
 */
final class WsNode {
  enum Type { NOTEBOOK, DIRECTORY, FILE, REPO, DASHBOARD }

  final String path;
  final Type type;
  final long objectId;
  final long createdAt;
  long modifiedAt;
  NotebookFormat language;
  byte[] content;
  /** The id other APIs know the object by (a dashboard's id); null means the object id. */
  String resourceId;

  WsNode(String path, Type type, long objectId, long now) {
    this.path = path;
    this.type = type;
    this.objectId = objectId;
    this.createdAt = now;
    this.modifiedAt = now;
  }

  /** The same object (id, content, times) at another path. */
  WsNode movedTo(String newPath) {
    WsNode n = new WsNode(newPath, type, objectId, createdAt);
    n.modifiedAt = modifiedAt;
    n.language = language;
    n.content = content;
    n.resourceId = resourceId;
    return n;
  }

  boolean isContainer() {
    return type == Type.DIRECTORY || type == Type.REPO;
  }

  String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** ObjectInfo as workspace/list and workspace/get-status return it. */
  ObjectNode info() {
    ObjectNode o = Json.object();
    o.put("object_type", type.name());
    o.put("path", path);
    o.put("object_id", objectId);
    o.put("resource_id", resourceId != null ? resourceId : Long.toString(objectId));
    if (type == Type.NOTEBOOK) {
      o.put("language", language.name());
    }
    if (type == Type.NOTEBOOK || type == Type.FILE) {
      o.put("created_at", createdAt);
      o.put("modified_at", modifiedAt);
    }
    if (type == Type.FILE) {
      o.put("size", content.length);
    }
    return o;
  }
}
