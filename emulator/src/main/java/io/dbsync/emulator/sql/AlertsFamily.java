package io.dbsync.emulator.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.support.Checks;

import java.util.List;

/**
 * Alerts 2.0, the new DBSQL alert API (/api/2.0/sql/alerts), with the wire rules of
 * {@link SqlObjectsFamily}. An alert needs a display name, an active query ({@code query_id}; 404
 * otherwise) and a condition {@code {op, operand: {column: {name}}, threshold?: {value:
 * {bool_value|double_value|string_value}}, empty_result_state?}}. Alerts are never evaluated here:
 * {@code state} stays UNKNOWN.
 *
 * <p>Seed format (key {@code "alerts"}): see {@link SqlObjectsFamily}; queries are seeded first.
 */
public final class AlertsFamily extends SqlObjectsFamily {
  private static final List<String> COMMON = List.of("condition", "custom_body", "custom_subject", "display_name",
      "notify_on_ok", "query_id", "seconds_to_retrigger");
  private static final List<String> OPERATORS = List.of("EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL",
      "LESS_THAN", "LESS_THAN_OR_EQUAL", "IS_NULL");
  private static final List<String> STATES = List.of("OK", "TRIGGERED", "UNKNOWN");

  public AlertsFamily() {
    super(new Shape("/api/2.0/sql/alerts", "alert", "Alert", "alerts", plus(COMMON, "parent_path"), plus(COMMON, "owner_user_name")));
  }

  @Override
  public String name() {
    return "alerts";
  }

  @Override
  protected void initialize(ObjectNode alert) {
    alert.put("state", "UNKNOWN");
  }

  @Override
  protected void validate(ObjectNode alert) {
    String queryId = Fields.requireText(alert, "query_id");
    if (!ws.family(QueriesFamily.class).exists(queryId)) {
      throw ApiException.notFound("Query " + queryId + " does not exist.");
    }
    ObjectNode condition = Fields.requireObject(alert, "condition");
    String op = Fields.requireText(condition, "op");
    Checks.oneOf("condition.op", op, OPERATORS);
    Checks.oneOf("condition.empty_result_state", Json.text(condition, "empty_result_state"), STATES);
    if (Json.text(condition.path("operand").path("column"), "name") == null) {
      throw ApiException.invalidParameter("Missing required field: condition.operand.column.name");
    }
    JsonNode value = condition.path("threshold").path("value");
    if (condition.has("threshold") && !(value.has("bool_value") || value.has("double_value") || value.has("string_value"))) {
      throw ApiException.invalidParameter("condition.threshold.value must set one of bool_value, double_value, string_value");
    }
    if (!op.equals("IS_NULL") && !condition.has("threshold")) {
      throw ApiException.invalidParameter("Missing required field: condition.threshold");
    }
    if (alert.path("seconds_to_retrigger").asLong(0) < 0) {
      throw ApiException.invalidParameter("seconds_to_retrigger must not be negative");
    }
  }
}
