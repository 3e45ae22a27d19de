package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.kind.settings.WorkspaceConfKind;
import io.dbsync.testing.KindHarness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A workspace read object by object through the REST API, in a form two workspaces can be compared
 * in: every id is replaced by a label naming the object it points at ("cluster:etl shared"), and
 * what a workspace assigns itself (times, creators, runtime state) is dropped. So the target job's
 * existing_cluster_id equals the source's only if it is the target's cluster of the same name.
 */
final class WorkspaceView {
  /** Fields each workspace fills in by itself. */
  private static final Set<String> VOLATILE = Set.of("default_tags", "meta", "$ref", "state", "state_message",
      "creator_user_name", "creator", "driver", "executors", "spark_context_id", "termination_reason", "stats",
      "status", "object_id", "jdbc_port", "cluster_memory_mb", "cluster_cores", "resource_id", "created_by",
      "updated_by", "last_updated_timestamp", "modification_time", "pending_instance_errors", "is_pinned",
      "spec", "disk_spec", "cluster_log_status", "last_state_loss_time", "effective_spark_version", "script_id",
      "creator_name", "jdbc_url", "odbc_params", "num_clusters", "num_active_sessions", "health", "etag");

  private final WorkspaceClient w;
  private final Map<String, String> labels = new HashMap<>();
  final Map<String, JsonNode> objects = new TreeMap<>();

  private WorkspaceView(WorkspaceClient w) {
    this.w = w;
  }

  /** Reads the workspace; {@code workspaceRoot} and {@code dbfsRoot} bound the file trees read. */
  static WorkspaceView read(WorkspaceClient w, String workspaceRoot, String dbfsRoot) throws IOException {
    WorkspaceView v = new WorkspaceView(w);
    v.readAll(workspaceRoot, dbfsRoot);
    return v;
  }

  private JsonNode get(String path, String... query) throws IOException {
    return E2eSeed.call(w, "GET", path, null, query);
  }

  private void readAll(String workspaceRoot, String dbfsRoot) throws IOException {
    JsonNode clusters = get("/api/2.1/clusters/list").path("clusters");
    JsonNode pools = get("/api/2.0/instance-pools/list").path("instance_pools");
    JsonNode policies = get("/api/2.0/policies/clusters/list").path("policies");
    List<JsonNode> jobs = new ArrayList<>();
    get("/api/2.2/jobs/list").path("jobs").forEach(j -> jobs.add(get2("/api/2.2/jobs/get", "job_id", j.path("job_id").asText())));
    JsonNode users = get("/api/2.0/preview/scim/v2/Users").path("Resources");
    JsonNode groups = get("/api/2.0/preview/scim/v2/Groups").path("Resources");
    JsonNode sps = get("/api/2.0/preview/scim/v2/ServicePrincipals").path("Resources");
    clusters.forEach(c -> labels.put(c.path("cluster_id").asText(), "cluster:" + c.path("cluster_name").asText()));
    pools.forEach(p -> labels.put(p.path("instance_pool_id").asText(), "pool:" + p.path("instance_pool_name").asText()));
    policies.forEach(p -> labels.put(p.path("policy_id").asText(), "policy:" + p.path("name").asText()));
    jobs.forEach(j -> labels.put(j.path("job_id").asText(), "job:" + j.path("settings").path("name").asText()));
    users.forEach(u -> labels.put(u.path("id").asText(), "user:" + u.path("userName").asText()));
    groups.forEach(g -> labels.put(g.path("id").asText(), "group:" + g.path("displayName").asText()));
    sps.forEach(s -> labels.put(s.path("id").asText(), "sp:" + s.path("applicationId").asText()));
    SqlAndGit sql = new SqlAndGit();
    sql.warehouses.forEach(x -> labels.put(x.path("id").asText(), "warehouse:" + x.path("name").asText()));
    sql.queries.forEach(x -> labels.put(x.path("id").asText(), "query:" + x.path("display_name").asText()));
    sql.alerts.forEach(x -> labels.put(x.path("id").asText(), "alert:" + x.path("display_name").asText()));
    sql.dashboards.forEach(x -> labels.put(x.path("dashboard_id").asText(), "dashboard:" + x.path("path").asText()));
    sql.destinations.forEach(x -> labels.put(x.path("id").asText(), "destination:" + x.path("display_name").asText()));

    for (JsonNode c : clusters) {
      String id = c.path("cluster_id").asText();
      put("cluster", c.path("cluster_name").asText(), c);
      put("cluster-libraries", c.path("cluster_name").asText(),
          get("/api/2.0/libraries/cluster-status", "cluster_id", id).path("library_statuses"));
      permissions("clusters", id, "cluster " + c.path("cluster_name").asText());
    }
    for (JsonNode p : pools) {
      put("instance-pool", p.path("instance_pool_name").asText(), p);
      permissions("instance-pools", p.path("instance_pool_id").asText(), "pool " + p.path("instance_pool_name").asText());
    }
    for (JsonNode p : policies) {
      put("cluster-policy", p.path("name").asText(), p);
      permissions("cluster-policies", p.path("policy_id").asText(), "policy " + p.path("name").asText());
    }
    for (JsonNode j : jobs) {
      String name = j.path("settings").path("name").asText();
      put("job", name, j.path("settings"));
      permissions("jobs", j.path("job_id").asText(), "job " + name);
    }
    put("instance-profiles", "all", get("/api/2.0/instance-profiles/list").path("instance_profiles"));
    for (JsonNode s : get("/api/2.0/global-init-scripts").path("scripts")) {
      put("global-init-script", s.path("name").asText(),
          get("/api/2.0/global-init-scripts/" + s.path("script_id").asText()).deepCopy());
    }
    users.forEach(u -> put("user", u.path("userName").asText(), u));
    groups.forEach(g -> put("group", g.path("displayName").asText(), g));
    sps.forEach(s -> put("service-principal", s.path("applicationId").asText(), s));
    for (JsonNode s : get("/api/2.0/secrets/scopes/list").path("scopes")) {
      String scope = s.path("name").asText();
      put("secret-scope", scope, s);
      put("secret-acls", scope, get("/api/2.0/secrets/acls/list", "scope", scope).path("items"));
      for (JsonNode k : get("/api/2.0/secrets/list", "scope", scope).path("secrets")) {
        String key = k.path("key").asText();
        String value = get("/api/2.0/secrets/get", "scope", scope, "key", key).path("value").asText();
        put("secret", scope + "/" + key, new TextNode(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
      }
    }
    sql.put();
    readPipelinesAndMl();
    readSettings();
    workspaceTree(workspaceRoot);
    dbfsTree(dbfsRoot);
  }

  /** Warehouses, queries, alerts, dashboards (with their published version), destinations and Git folders. */
  private final class SqlAndGit {
    final List<JsonNode> warehouses = new ArrayList<>();
    final List<JsonNode> queries = new ArrayList<>();
    final List<JsonNode> alerts = new ArrayList<>();
    final List<JsonNode> dashboards = new ArrayList<>();
    final List<JsonNode> destinations = new ArrayList<>();
    final List<JsonNode> repos = new ArrayList<>();

    SqlAndGit() throws IOException {
      get("/api/2.0/sql/warehouses").path("warehouses").forEach(warehouses::add);
      for (JsonNode q : get("/api/2.0/sql/queries", "page_size", "100").path("results")) {
        queries.add(get("/api/2.0/sql/queries/" + q.path("id").asText()));
      }
      for (JsonNode a : get("/api/2.0/sql/alerts", "page_size", "100").path("results")) {
        alerts.add(get("/api/2.0/sql/alerts/" + a.path("id").asText()));
      }
      for (JsonNode d : get("/api/2.0/lakeview/dashboards").path("dashboards")) {
        String id = d.path("dashboard_id").asText();
        ObjectNode full = get("/api/2.0/lakeview/dashboards/" + id).deepCopy();
        full.set("serialized_dashboard", parseJson(full.path("serialized_dashboard").asText()));
        full.set("published", publishedOrNull(id));
        dashboards.add(full);
      }
      for (JsonNode d : get("/api/2.0/notification-destinations", "page_size", "100").path("results")) {
        destinations.add(get("/api/2.0/notification-destinations/" + d.path("id").asText()));
      }
      get("/api/2.0/repos").path("repos").forEach(repos::add);
    }

    private JsonNode publishedOrNull(String dashboardId) throws IOException {
      try {
        return get("/api/2.0/lakeview/dashboards/" + dashboardId + "/published");
      } catch (RuntimeException notPublished) {
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
      }
    }

    void put() throws IOException {
      for (JsonNode w : warehouses) {
        WorkspaceView.this.put("warehouse", w.path("name").asText(), w);
        permissions("sql/warehouses", w.path("id").asText(), "warehouse " + w.path("name").asText());
      }
      for (JsonNode q : queries) {
        WorkspaceView.this.put("query", q.path("display_name").asText(), q);
        permissions("sql/queries", q.path("id").asText(), "query " + q.path("display_name").asText());
      }
      for (JsonNode a : alerts) {
        WorkspaceView.this.put("alert", a.path("display_name").asText(), a);
        permissions("sql/alerts", a.path("id").asText(), "alert " + a.path("display_name").asText());
      }
      for (JsonNode d : dashboards) {
        WorkspaceView.this.put("dashboard", d.path("path").asText(), d);
        permissions("dashboards", d.path("dashboard_id").asText(), "dashboard " + d.path("path").asText());
      }
      destinations.forEach(d -> WorkspaceView.this.put("destination", d.path("display_name").asText(), d));
      for (JsonNode r : repos) {
        WorkspaceView.this.put("repo", r.path("path").asText(), r);
        permissions("repos", r.path("id").asText(), "repo " + r.path("path").asText());
      }
    }
  }

  /** Pipelines, experiments, registry models and serving endpoints, with their permissions. */
  private void readPipelinesAndMl() throws IOException {
    for (JsonNode status : get("/api/2.0/pipelines").path("statuses")) {
      String id = status.path("pipeline_id").asText();
      ObjectNode spec = get("/api/2.0/pipelines/" + id).path("spec").deepCopy();
      if (spec.path("storage").asText().equals("dbfs:/pipelines/" + id)) {
        spec.remove("storage"); // the default, named after the id each workspace assigns
      }
      labels.put(id, "pipeline:" + status.path("name").asText());
      put("pipeline", status.path("name").asText(), spec);
      permissions("pipelines", id, "pipeline " + status.path("name").asText());
    }
    JsonNode experiments = E2eSeed.call(w, "POST", "/api/2.0/mlflow/experiments/search", "{}").path("experiments");
    for (JsonNode e : experiments) {
      String id = e.path("experiment_id").asText();
      ObjectNode copy = e.deepCopy();
      if (copy.path("artifact_location").asText().equals("dbfs:/databricks/mlflow-tracking/" + id)) {
        copy.remove("artifact_location");
      }
      copy.remove("experiment_id");
      put("experiment", e.path("name").asText(), copy);
      permissions("experiments", id, "experiment " + e.path("name").asText());
    }
    for (JsonNode m : get("/api/2.0/mlflow/registered-models/list").path("registered_models")) {
      String name = m.path("name").asText();
      JsonNode full = get("/api/2.0/mlflow/databricks/registered-models/get", "name", name).path("registered_model_databricks");
      put("registered-model", name, full);
      permissions("registered-models", full.path("id").asText(), "registered model " + name);
    }
    for (JsonNode e : get("/api/2.0/serving-endpoints").path("endpoints")) {
      String name = e.path("name").asText();
      ObjectNode full = get("/api/2.0/serving-endpoints/" + name).deepCopy();
      for (JsonNode route : full.path("config").path("traffic_config").path("routes")) {
        // the workspace names a default route's entity twice; one name means the same
        if (route.path("served_model_name").equals(route.path("served_entity_name"))) {
          ((ObjectNode) route).remove("served_model_name");
        }
      }
      put("serving-endpoint", name, full);
      permissions("serving-endpoints", full.path("id").asText(), "serving endpoint " + name);
    }
  }

  /** Workspace settings, IP access lists, token and password usage. */
  private void readSettings() throws IOException {
    put("workspace-conf", "all", KindHarness.read(new WorkspaceConfKind(), w, "_"));
    for (JsonNode l : get("/api/2.0/ip-access-lists").path("ip_access_lists")) {
      ObjectNode copy = l.deepCopy();
      copy.remove("list_id");
      put("ip-access-list", l.path("label").asText(), copy);
    }
    permissions("authorization", "tokens", "token usage");
    permissions("authorization", "passwords", "password usage");
  }

  private JsonNode get2(String path, String... query) {
    try {
      return get(path, query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void permissions(String type, String id, String label) throws IOException {
    JsonNode acl = get("/api/2.0/permissions/" + type + "/" + id).path("access_control_list");
    put("permissions", label, acl);
  }

  private void workspaceTree(String dir) throws IOException {
    JsonNode status = get("/api/2.0/workspace/get-status", "path", dir);
    permissionsOfPath(status);
    for (JsonNode o : get("/api/2.0/workspace/list", "path", dir).path("objects")) {
      String path = o.path("path").asText();
      String type = o.path("object_type").asText();
      if (type.equals("DIRECTORY")) {
        put("directory", path, o);
        workspaceTree(path);
        continue;
      }
      ObjectNode n = o.deepCopy();
      String content = get("/api/2.0/workspace/export", "path", path, "format", "SOURCE").path("content").asText();
      String text = new String(Base64.getDecoder().decode(content), StandardCharsets.UTF_8);
      // a dashboard is the same JSON document however it was serialized
      n.set("content", type.equals("DASHBOARD") ? parseJson(text) : new TextNode(text));
      put(type.toLowerCase(), path, n);
      permissionsOfPath(o);
    }
  }

  private void permissionsOfPath(JsonNode o) throws IOException {
    String type = switch (o.path("object_type").asText()) {
      case "NOTEBOOK" -> "notebooks";
      case "DIRECTORY" -> "directories";
      case "FILE" -> "files";
      default -> null;
    };
    if (type != null && o.has("object_id")) {
      permissions(type, o.path("object_id").asText(), o.path("object_type").asText().toLowerCase() + " " + o.path("path").asText());
    }
  }

  private void dbfsTree(String dir) throws IOException {
    for (JsonNode f : get("/api/2.0/dbfs/list", "path", dir).path("files")) {
      String path = f.path("path").asText();
      if (f.path("is_dir").asBoolean()) {
        dbfsTree(path);
        continue;
      }
      ObjectNode n = E2eSeed.JSON.createObjectNode();
      n.put("file_size", f.path("file_size").asLong());
      n.put("sha256", E2eSupport.sha256(dbfsBytes(path)));
      put("dbfs", path, n);
    }
  }

  byte[] dbfsBytes(String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long offset = 0;
    while (true) {
      JsonNode r = get("/api/2.0/dbfs/read", "path", path, "offset", Long.toString(offset), "length", "1048576");
      long read = r.path("bytes_read").asLong();
      if (read <= 0) {
        return out.toByteArray();
      }
      out.writeBytes(Base64.getDecoder().decode(r.path("data").asText()));
      offset += read;
    }
  }

  private static JsonNode parseJson(String text) {
    try {
      return E2eSeed.JSON.readTree(text);
    } catch (IOException e) {
      return new TextNode(text);
    }
  }

  private void put(String kind, String name, JsonNode raw) {
    objects.put(kind + " " + name, normalize(raw.deepCopy()));
  }

  /** Ids -> labels, volatile fields dropped, member-like arrays sorted. */
  private JsonNode normalize(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        if (VOLATILE.contains(f) || f.endsWith("_time") || f.endsWith("_at") || f.endsWith("_timestamp") || f.equals("id")) {
          o.remove(f);
        } else if (f.equals("definition") && o.get(f).isTextual()) {
          // a policy definition is a JSON document: compare it as one, not by key order
          o.set(f, parseJson(o.get(f).asText()));
        } else {
          o.set(f, normalize(o.get(f)));
        }
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      List<JsonNode> items = new ArrayList<>();
      a.forEach(x -> items.add(normalize(x)));
      if (!items.isEmpty() && items.stream().allMatch(x -> x.isObject() && !x.has("task_key") && !x.has("job_cluster_key"))) {
        items.sort(Comparator.comparing(JsonNode::toString));
      } else if (!items.isEmpty() && items.stream().allMatch(x -> x.has("task_key"))) {
        items.sort(Comparator.comparing(x -> x.path("task_key").asText())); // a job's tasks: their order means nothing
      }
      a.removeAll();
      items.forEach(a::add);
      return a;
    }
    if (n.isValueNode() && !n.isNull()) {
      String label = labels.get(n.asText());
      if (label != null) {
        return new TextNode(label);
      }
    }
    return n;
  }

  /** Fails naming every object that is missing, extra or different between the two views' objects. */
  static void assertSameObjects(Map<String, JsonNode> expected, Map<String, JsonNode> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what + ": the same objects");
    Map<String, String> differences = new TreeMap<>();
    expected.forEach((k, v) -> {
      if (!v.equals(actual.get(k))) {
        differences.put(k, "\n    expected: " + v + "\n    actual:   " + actual.get(k));
      }
    });
    assertEquals(Map.of(), differences, what + ": objects that differ");
  }
}
