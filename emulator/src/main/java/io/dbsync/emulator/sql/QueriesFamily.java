package io.dbsync.emulator.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.support.Checks;

import java.util.List;

/**
 * Queries 2.0, the new DBSQL query API (/api/2.0/sql/queries; not the legacy /preview/sql one), with
 * the wire rules of {@link SqlObjectsFamily}. A query's {@code run_as_mode} defaults to OWNER;
 * {@code last_modifier_user_name} is the caller. The warehouse is not checked (a query whose
 * warehouse is gone still exists; running it fails).
 *
 * <p>Seed format (key {@code "queries"}): see {@link SqlObjectsFamily}.
 */
public final class QueriesFamily extends SqlObjectsFamily {
  private static final List<String> COMMON = List.of("apply_auto_limit", "catalog", "description", "display_name",
      "parameters", "query_text", "run_as_mode", "schema", "tags", "warehouse_id");

  public QueriesFamily() {
    super(new Shape("/api/2.0/sql/queries", "query", "Query", "queries", plus(COMMON, "parent_path"), plus(COMMON, "owner_user_name")));
  }

  @Override
  public String name() {
    return "queries";
  }

  /** Active query with this id (alerts need one). */
  public boolean exists(String id) {
    return isActive(id);
  }

  @Override
  protected void initialize(ObjectNode query) {
    if (!query.has("run_as_mode")) {
      query.put("run_as_mode", "OWNER");
    }
  }

  @Override
  protected void validate(ObjectNode query) {
    query.put("last_modifier_user_name", ws.adminUser());
    Checks.oneOf("run_as_mode", Json.text(query, "run_as_mode"), List.of("OWNER", "VIEWER"));
    for (JsonNode p : query.path("parameters")) {
      if (Json.text(p, "name") == null) {
        throw ApiException.invalidParameter("Missing required field: parameters.name");
      }
    }
    for (JsonNode t : query.path("tags")) {
      if (!t.isTextual()) {
        throw ApiException.invalidParameter("Query tags must be strings");
      }
    }
  }
}
