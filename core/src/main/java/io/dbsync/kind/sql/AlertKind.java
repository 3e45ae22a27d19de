package io.dbsync.kind.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.compute.Attrs;
import io.dbsync.tf.TfJson;

import java.util.List;

/**
 * databricks_alert: a DBSQL alert (the Alerts 2.0 API) on a query, which becomes a reference. The
 * condition block ({@code op}, {@code operand.column.name}, {@code threshold.value},
 * {@code empty_result_state}) has the same shape in the API and in HCL. Its evaluation state is the
 * workspace's own and is not exported.
 */
public final class AlertKind extends DbsqlObjectKind {
  public static final String TYPE = "databricks_alert";
  static final String BASE = "/api/2.0/sql/alerts";
  private static final String[] PLAIN = {"display_name", "condition", "custom_body", "custom_subject", "notify_on_ok",
      "seconds_to_retrigger"};
  private static final List<String> MANAGED = List.of("display_name", "query_id", "condition", "custom_body",
      "custom_subject", "notify_on_ok", "seconds_to_retrigger");

  private static final KindInfo INFO = KindInfo.exported(TYPE, "sql_alert", "sql_alert",
      "SQL alerts (their query as a reference)");

  public AlertKind() {
    super(INFO, BASE, "alert", "sql/alerts", "sql_alert_id");
  }

  @Override
  ObjectNode attributes(JsonNode raw, Rendering rendering) {
    ObjectNode out = TfJson.object();
    Attrs.copy(raw, out, PLAIN);
    String query = Attrs.text(raw, "query_id");
    if (query != null) {
      out.put("query_id", rendering.ref(QueryKind.TYPE, query, "id"));
    }
    return out;
  }

  @Override
  ObjectNode apiFields(ObjectNode attrs) {
    return Attrs.without(attrs, "parent_path");
  }

  @Override
  List<String> managedFields() {
    return MANAGED;
  }
}
