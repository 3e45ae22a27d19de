package io.dbsync.emulator.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

/** One workspace object. Notebook content is the text as imported (UTF-8); files are raw bytes. */
final class WsNode {
  enum Type { NOTEBOOK, DIRECTORY, FILE, REPO }

  final String path;
  final Type type;
  final long objectId;
  final long createdAt;
  long modifiedAt;
  NotebookFormat language;
  byte[] content;

  WsNode(String path, Type type, long objectId, long now) {
    this.path = path;
    this.type = type;
    this.objectId = objectId;
    this.createdAt = now;
    this.modifiedAt = now;
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
    o.put("resource_id", Long.toString(objectId));
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
