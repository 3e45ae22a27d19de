package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/** A data block, e.g. data.databricks_group.admins {display_name = "admins"}. */
public record DataSourceDecl(String type, String name, ObjectNode attrs, Path file) {
  /** "data.type.name". */
  public String address() {
    return "data." + type + "." + name;
  }
}
