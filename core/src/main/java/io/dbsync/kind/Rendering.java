package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Refs;

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
   * As {@link #artifact(String, ArtifactWriter)}, for content the source versions: {@code source}
   * is the listing's metadata that changes whenever the content does (modified time and size, the
   * API's version, plus whatever else decides the bytes: language, export format), or null when the
   * API did not return it. At export, an artifact the previous export wrote from the same
   * {@code source}, whose file is intact, is kept without calling {@code content} (no content read).
   */
  default String artifact(String relativePath, ArtifactWriter content, JsonNode source) throws IOException {
    return artifact(relativePath, content);
  }

  /**
   * A value the user supplies at import (secret values, parameterised cluster ids...): declares the
   * variable at export and returns "${var.name}"; at refresh returns {@code currentValue}.
   */
  String variable(String name, String description, boolean sensitive, String currentValue);

  /**
   * A value the importer may override, with the source's value as the variable's default (storage
   * paths and cloud identities that differ per region or cloud): declares the variable with
   * {@code value} as default at export and returns "${var.name}"; at refresh returns {@code value},
   * the object's current value.
   */
  default String variableWithDefault(String name, String description, String value) {
    return value;
  }

  /**
   * A reference to another object of {@code type} when the export includes it, else {@code fallback}
   * (no warning): for fields that name objects which may or may not be exported, e.g. a grant's
   * principal. At refresh it is {@code fallback}, the plain value the reference resolves to.
   */
  default String refOr(String type, String id, String attr, String fallback) {
    return fallback;
  }

  /**
   * The address ("databricks_sql_table.sales_orders") of the object of {@code type} when the export
   * includes it, else null: for depends_on, which names resources rather than interpolating them.
   * Only meaningful at export.
   */
  default String exportedAddress(String type, String id) {
    return null;
  }

  /**
   * The value for an attribute of a data source ("${data.databricks_group.admins.id}"): built-in
   * objects the target has too. Only meaningful at export.
   */
  default String dataSource(String type, String name, String attr) {
    return Refs.data(type, name, attr);
  }

  /** True at export, false at refresh. */
  boolean exporting();

  @FunctionalInterface
  interface ArtifactWriter {
    void writeTo(OutputStream out) throws IOException;
  }
}
