package io.dbsync.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Terraform resource block: {"resource": {type: {name: attrs}}}. */
public record ExportedResource(String type, String name, ObjectNode attrs) {
  public String address() {
    return type + "." + name;
  }
}
