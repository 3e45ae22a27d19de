package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Jobs 2.2 JobSettings <-> databricks_job attributes. The HCL names differ from the API's
 * (tasks -> task, job_clusters -> job_cluster, parameters -> parameter, environments -> environment,
 * libraries -> library, git_source git_* -> url/provider/branch/tag/commit); ids of clusters,
 * policies and pools become references (or variables, by export option), and so do the jobs,
 * pipelines, warehouses, queries, alerts, dashboards and notification destinations tasks name
 * ({@link TaskRefs}).
 */
final class JobSettings {
  /** Top-level settings copied as they are (same shape in the API and in HCL). */
  private static final String[] PLAIN = {"name", "description", "timeout_seconds", "max_concurrent_runs",
      "min_retry_interval_millis", "max_retries", "retry_on_timeout", "budget_policy_id", "usage_policy_id",
      "edit_mode", "performance_target", "deployment", "email_notifications", "webhook_notifications",
      "notification_settings", "health", "tags", "schedule", "continuous", "trigger", "queue", "run_as"};
  private static final Map<String, String> GIT_RENAMES = Map.of("git_url", "url", "git_provider", "provider",
      "git_branch", "branch", "git_tag", "tag", "git_commit", "commit");
  /** Read-only git_source parts. */
  private static final String[] GIT_COMPUTED = {"git_snapshot"};

  /** Export options of the job kind (the seed's convert_* settings). */
  record Options(boolean existingClusterAsVariable, boolean poolAsVariable, boolean policyAsVariable) {
    static final Options REFS = new Options(false, false, false);

    ClusterSpecs.IdStyle clusterStyle() {
      return new ClusterSpecs.IdStyle(poolAsVariable, policyAsVariable);
    }
  }

  private JobSettings() {}

  static ObjectNode toConfig(JsonNode settings, Rendering r, Options opts) {
    ObjectNode out = TfJson.object();
    Attrs.copy(settings, out, PLAIN);
    TaskRefs.webhooks(out, r);
    JsonNode tasks = settings.get("tasks");
    if (tasks != null && tasks.isArray()) {
      List<ObjectNode> converted = new ArrayList<>();
      tasks.forEach(t -> converted.add(task(t, r, opts)));
      out.set("task", sortedBy(converted, "task_key"));
    }
    JsonNode clusters = settings.get("job_clusters");
    if (clusters != null && clusters.isArray()) {
      List<ObjectNode> converted = new ArrayList<>();
      for (JsonNode jc : clusters) {
        ObjectNode c = TfJson.object();
        Attrs.copy(jc, c, "job_cluster_key");
        if (jc.has("new_cluster")) {
          c.set("new_cluster", ClusterSpecs.toConfig(jc.get("new_cluster"), r, false, opts.clusterStyle()));
        }
        converted.add(c);
      }
      out.set("job_cluster", sortedBy(converted, "job_cluster_key"));
    }
    Attrs.rename(settings, "parameters", out, "parameter");
    JsonNode envs = settings.get("environments");
    if (envs != null && envs.isArray()) {
      List<ObjectNode> converted = new ArrayList<>();
      envs.forEach(e -> converted.add(e.deepCopy()));
      out.set("environment", sortedBy(converted, "environment_key"));
    }
    JsonNode git = settings.get("git_source");
    if (git != null && git.isObject()) {
      ObjectNode g = git.deepCopy();
      for (String c : GIT_COMPUTED) {
        g.remove(c);
      }
      GIT_RENAMES.forEach((api, tf) -> {
        JsonNode v = g.remove(api);
        if (v != null) {
          g.set(tf, v);
        }
      });
      out.set("git_source", g);
    }
    return TfJson.prune(out);
  }

  /** One task block; for_each_task nests a task, converted the same way. */
  static ObjectNode task(JsonNode apiTask, Rendering r, Options opts) {
    ObjectNode t = apiTask.deepCopy();
    JsonNode libs = t.remove("libraries");
    if (libs != null) {
      t.set("library", ClusterSpecs.libraries(libs));
    }
    JsonNode deps = t.get("depends_on");
    if (deps != null && deps.isArray()) {
      List<ObjectNode> d = new ArrayList<>();
      deps.forEach(x -> d.add(x.deepCopy()));
      t.set("depends_on", sortedBy(d, "task_key"));
    }
    JsonNode nc = t.get("new_cluster");
    if (nc != null && nc.isObject()) {
      t.set("new_cluster", ClusterSpecs.toConfig(nc, r, false, opts.clusterStyle()));
    }
    String existing = Attrs.text(t, "existing_cluster_id");
    if (existing != null) {
      t.put("existing_cluster_id", opts.existingClusterAsVariable()
          ? r.variable(Variables.existingCluster(existing), "Cluster id in the target for source cluster " + existing,
              false, existing)
          : r.ref("databricks_cluster", existing, "id"));
    }
    TaskRefs.apply(t, r);
    JsonNode forEach = t.get("for_each_task");
    if (forEach instanceof ObjectNode fe && fe.get("task") != null && fe.get("task").isObject()) {
      fe.set("task", task(fe.get("task"), r, opts));
    }
    return TfJson.prune(t);
  }

  /** JobSettings body for jobs/create and jobs/reset from resolved attributes. */
  static ObjectNode toApi(ObjectNode attrs) {
    ObjectNode body = attrs.deepCopy();
    renameField(body, "task", "tasks");
    renameField(body, "job_cluster", "job_clusters");
    renameField(body, "parameter", "parameters");
    renameField(body, "environment", "environments");
    JsonNode tasks = body.get("tasks");
    if (tasks != null) {
      body.set("tasks", Attrs.asArray(tasks));
      for (JsonNode t : body.get("tasks")) {
        taskToApi((ObjectNode) t);
      }
    }
    JsonNode clusters = body.get("job_clusters");
    if (clusters != null) {
      body.set("job_clusters", Attrs.asArray(clusters));
      for (JsonNode jc : body.get("job_clusters")) {
        if (jc.get("new_cluster") instanceof ObjectNode nc) {
          ((ObjectNode) jc).set("new_cluster", ClusterSpecs.toApi(nc));
        }
      }
    }
    for (String f : new String[] {"parameters", "environments"}) {
      if (body.has(f)) {
        body.set(f, Attrs.asArray(body.get(f)));
      }
    }
    if (body.get("git_source") instanceof ObjectNode g) {
      GIT_RENAMES.forEach((api, tf) -> {
        JsonNode v = g.remove(tf);
        if (v != null) {
          g.set(api, v);
        }
      });
    }
    return body;
  }

  private static void taskToApi(ObjectNode t) {
    JsonNode libs = t.remove("library");
    if (libs != null) {
      t.set("libraries", Attrs.asArray(libs));
    }
    if (t.has("depends_on")) {
      t.set("depends_on", Attrs.asArray(t.get("depends_on")));
    }
    if (t.get("new_cluster") instanceof ObjectNode nc) {
      t.set("new_cluster", ClusterSpecs.toApi(nc));
    }
    if (t.get("run_job_task") instanceof ObjectNode rj && rj.hasNonNull("job_id")) {
      String id = rj.get("job_id").asText();
      if (id.matches("\\d+")) {
        rj.put("job_id", Long.parseLong(id));
      }
    }
    if (t.get("for_each_task") instanceof ObjectNode fe && fe.get("task") instanceof ObjectNode inner) {
      taskToApi(inner);
    }
  }

  private static void renameField(ObjectNode n, String from, String to) {
    JsonNode v = n.remove(from);
    if (v != null) {
      n.set(to, v);
    }
  }

  private static ArrayNode sortedBy(List<ObjectNode> items, String key) {
    items.sort(Comparator.comparing((ObjectNode o) -> o.path(key).asText()).thenComparing(Attrs::canonical));
    ArrayNode a = TfJson.array();
    items.forEach(a::add);
    return a;
  }
}
