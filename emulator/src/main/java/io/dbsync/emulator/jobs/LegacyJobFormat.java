package io.dbsync.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.List;

/**
 * The Jobs 2.0 single-task format (api-reference §4.4): task fields at the top of the settings.
 * Stored jobs are always multi-task; a legacy job holds exactly one task converted from these fields
 * and is shown flat again on /api/2.0 reads.
 */
final class LegacyJobFormat {
  private LegacyJobFormat() {}

  /** Fields that belong to the single task of a legacy job (timeout_seconds stays job-level). */
  static final List<String> TASK_FIELDS = List.of("new_cluster", "existing_cluster_id", "notebook_task",
      "spark_jar_task", "spark_python_task", "spark_submit_task", "pipeline_task", "python_wheel_task",
      "libraries", "max_retries", "min_retry_interval_millis", "retry_on_timeout");

  /** True when the body is in the flat single-task form (no tasks, some task type or compute at the top). */
  static boolean isFlat(JsonNode settings) {
    if (settings.has("tasks")) {
      return false;
    }
    for (String f : TASK_FIELDS) {
      if (settings.hasNonNull(f)) {
        return true;
      }
    }
    return false;
  }

  /** Moves the top-level task fields into one task whose key derives from the job name. */
  static ObjectNode toMultiTask(ObjectNode flat) {
    ObjectNode settings = Json.copy(flat);
    ObjectNode task = Json.object();
    task.put("task_key", taskKey(Json.text(flat, "name")));
    for (String f : TASK_FIELDS) {
      JsonNode v = settings.remove(f);
      if (v != null && !v.isNull()) {
        task.set(f, v);
      }
    }
    settings.remove("format");
    settings.putArray("tasks").add(task);
    return settings;
  }

  /** The flat 2.0 view of a legacy job's multi-task settings. */
  static ObjectNode toFlat(ObjectNode settings) {
    ObjectNode flat = Json.copy(settings);
    JsonNode tasks = flat.remove("tasks");
    if (tasks != null && tasks.size() == 1) {
      tasks.get(0).properties().forEach(e -> {
        if (TASK_FIELDS.contains(e.getKey())) {
          flat.set(e.getKey(), e.getValue().deepCopy());
        }
      });
    }
    flat.put("format", "SINGLE_TASK");
    return flat;
  }

  /** A valid task_key ([A-Za-z0-9_-], at most 100 chars) made from the job name. */
  static String taskKey(String jobName) {
    String base = jobName == null || jobName.isBlank() ? "Untitled" : jobName.replaceAll("[^A-Za-z0-9_-]", "_");
    return base.length() > 100 ? base.substring(0, 100) : base;
  }
}
