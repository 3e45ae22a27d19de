package io.dbsync.kind;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How {@link Kind#toConfig} renders what is not plain data. At export: references become
 * interpolations ("${databricks_cluster.etl.id}"), artifacts are written under exports/<dir>/data/ and
 * referenced as "${path.module}/<dir>/data/<path>", variables become "${var.x}". At refresh (import):
 * references stay the target's raw ids, artifacts become "sha256:<hex>" of their bytes, variables
 * yield the current value, so a refreshed object compares directly with resolved desired attributes.
 */
public interface Rendering {
  /** The value for a field holding the id of another object of {@code type}. */
  String ref(String type, String id, String attr);

  /** The value for an artifact-backed attribute ({@code source}); content is streamed, any size. */
  String artifact(String relativePath, ArtifactWriter content) throws IOException;

  /**
   * A value the user supplies at import (secret values, parameterised cluster ids...): declares the
   * variable at export and returns "${var.name}"; at refresh returns {@code currentValue}.
   */
  String variable(String name, String description, boolean sensitive, String currentValue);

  /**
   * A non-sensitive variable with a default (the source's value, so an import with no value given
   * reproduces the source; a move to another cloud or region overrides it): declared at export with
   * that default, "${var.name}"; at refresh {@code currentValue}.
   */
  String variableWithDefault(String name, String description, String defaultValue, String currentValue);

  /**
   * The address ("type.name") of the exported resource for object {@code id} of {@code type}, for a
   * {@code depends_on} entry: null when that object is not exported, and always null at refresh
   * (depends_on is no attribute of the object).
   */
  String address(String type, String id);

  /** True at export, false at refresh. */
  boolean exporting();

  @FunctionalInterface
  interface ArtifactWriter {
    void writeTo(OutputStream out) throws IOException;
  }
}
