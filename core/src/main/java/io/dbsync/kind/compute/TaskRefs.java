package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Rendering;

/**
 * The ids in job settings that name other exported objects, rendered as references: the job a
 * run_job_task runs, the pipeline of a pipeline_task, a sql_task's warehouse, query and alert, a
 * dashboard_task's Lakeview dashboard and warehouse, and the notification destinations of webhook
 * notifications and of alert and dashboard subscriptions. Types are named here by their Terraform type
 * alone (the kinds live in other packages), so a reference resolves through the export's index
 * exactly as any other. A legacy DBSQL dashboard (sql_task.dashboard) is not exported: its id stays.
 */
final class TaskRefs {
  static final String JOB = "databricks_job";
  static final String PIPELINE = "databricks_pipeline";
  static final String WAREHOUSE = "databricks_sql_endpoint";
  static final String QUERY = "databricks_query";
  static final String ALERT = "databricks_alert";
  static final String DASHBOARD = "databricks_dashboard";
  static final String DESTINATION = "databricks_notification_destination";
  /** The events of a webhook_notifications block, each a list of {id} of notification destinations. */
  private static final String[] WEBHOOK_EVENTS = {"on_start", "on_success", "on_failure",
      "on_duration_warning_threshold_exceeded", "on_streaming_backlog_exceeded"};

  private TaskRefs() {}

  /** Rewrites the references of one task (not of a nested for_each task, which is converted on its own). */
  static void apply(ObjectNode task, Rendering r) {
    ref(task.get("run_job_task"), "job_id", JOB, r);
    ref(task.get("pipeline_task"), "pipeline_id", PIPELINE, r);
    if (task.get("sql_task") instanceof ObjectNode sql) {
      ref(sql, "warehouse_id", WAREHOUSE, r);
      ref(sql.get("query"), "query_id", QUERY, r);
      ref(sql.get("alert"), "alert_id", ALERT, r);
      destinations(sql.path("alert").path("subscriptions"), r);
      destinations(sql.path("dashboard").path("subscriptions"), r);
    }
    if (task.get("dashboard_task") instanceof ObjectNode dashboard) {
      ref(dashboard, "dashboard_id", DASHBOARD, r);
      ref(dashboard, "warehouse_id", WAREHOUSE, r);
      destinations(dashboard.path("subscription").path("subscribers"), r);
    }
    webhooks(task, r);
  }

  /** The notification destinations of a job's or a task's webhook_notifications. */
  static void webhooks(ObjectNode holder, Rendering r) {
    JsonNode hooks = holder.get("webhook_notifications");
    for (String event : WEBHOOK_EVENTS) {
      for (JsonNode hook : hooks == null ? holder.arrayNode() : hooks.path(event)) {
        ref(hook, "id", DESTINATION, r);
      }
    }
  }

  private static void destinations(JsonNode subscribers, Rendering r) {
    for (JsonNode s : subscribers) {
      ref(s, "destination_id", DESTINATION, r);
    }
  }

  /** Replaces {@code block.field} (an id of {@code type}) by its rendering, when present. */
  private static void ref(JsonNode block, String field, String type, Rendering r) {
    if (block instanceof ObjectNode o && o.hasNonNull(field)) {
      o.put(field, r.ref(type, o.get(field).asText(), "id"));
    }
  }
}
