package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.compute.Attrs;
import io.dbsync.tf.TfJson;

import java.util.List;

/**
 * databricks_query: a DBSQL query (the Queries 2.0 API). Its warehouse and the queries that back
 * its drop-down parameters become references; the API's {@code parameters} are the provider's
 * {@code parameter} blocks, in the API's order (the order of the widgets).
 */
public final class QueryKind extends DbsqlObjectKind {
  public static final String TYPE = "databricks_query";
  static final String BASE = "/api/2.0/sql/queries";
  /** Copied as they are: the same name and shape in the API and in HCL. */
  private static final String[] PLAIN = {"display_name", "query_text", "apply_auto_limit", "catalog", "schema",
      "description", "run_as_mode", "tags"};
  private static final List<String> MANAGED = List.of("display_name", "query_text", "warehouse_id", "apply_auto_limit",
      "catalog", "schema", "description", "run_as_mode", "tags", "parameters");

  private static final KindInfo INFO = KindInfo.exported(TYPE, "sql_query", "sql_query",
      "SQL queries (warehouse and query-backed parameters as references)");

  public QueryKind() {
    super(INFO, BASE, "query", "sql/queries", "sql_query_id");
  }

  @Override
  ObjectNode attributes(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, PLAIN);
    String warehouse = Attrs.text(raw, "warehouse_id");
    if (warehouse != null) {
      out.put("warehouse_id", rendering.ref(SqlWarehouseKind.TYPE, warehouse, "id"));
    }
    ArrayNode params = TfJson.array();
    for (JsonNode p : raw.path("parameters")) {
      ObjectNode param = p.deepCopy();
      if (param.get("query_backed_value") instanceof ObjectNode backed && backed.hasNonNull("query_id")) {
        backed.put("query_id", rendering.ref(TYPE, backed.get("query_id").asText(), "id"));
      }
      params.add(param);
    }
    out.set("parameter", params);
    return out;
  }

  @Override
  ObjectNode apiFields(ObjectNode attrs) {
    ObjectNode out = Attrs.without(attrs, "parent_path", "parameter");
    JsonNode params = attrs.get("parameter");
    if (params != null) {
      out.set("parameters", Attrs.asArray(params.deepCopy()));
    }
    return out;
  }

  @Override
  List<String> managedFields() {
    return MANAGED;
  }
}
