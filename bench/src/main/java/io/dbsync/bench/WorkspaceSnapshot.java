package io.dbsync.bench;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.client.Rest;
import io.dbsync.emulator.Emulator;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the benchmark's export selects of an emulated workspace, object by object, in a form two
 * workspaces compare in: read from the emulator's state ({@link Emulator#dump}) plus each object's
 * permissions through the API; every id replaced by a label naming the object it points at
 * ("cluster:bench-cluster-3"), what a workspace assigns itself (times, creators, runtime state) and
 * secret values (never exported) left out. Objects are kept as canonical JSON text.
 */
final class WorkspaceSnapshot {
  /** Fields a workspace fills in by itself. */
  private static final Set<String> VOLATILE = Set.of("meta", "$ref", "display", "display_name", "state", "state_message",
      "creator_user_name", "created_time", "created_at", "created_by", "updated_at", "updated_by", "created_at_timestamp",
      "start_time", "terminated_time", "last_restarted_time", "last_activity_time", "last_state_loss_time",
      "spark_context_id", "default_tags", "spec", "stats", "status", "termination_reason", "jdbc_port", "driver",
      "executors", "cluster_memory_mb", "cluster_cores", "cluster_source", "last_updated_timestamp", "bytes_value",
      "string_value", "groups", "object_id", "statuses");

  final Map<String, String> objects = new TreeMap<>();
  private final Map<String, String> labels = new HashMap<>();

  private WorkspaceSnapshot() {}

  static WorkspaceSnapshot of(Emulator emulator, WorkspaceClient client) throws IOException {
    WorkspaceSnapshot s = new WorkspaceSnapshot();
    s.read(emulator.dump(), client);
    return s;
  }

  /** One line per object that is missing, extra or different, at most {@code limit}, plus a count. */
  List<String> differencesFrom(WorkspaceSnapshot expected, int limit) {
    List<String> out = new ArrayList<>();
    int n = 0;
    Set<String> all = new TreeSet<>(expected.objects.keySet());
    all.addAll(objects.keySet());
    for (String k : all) {
      String want = expected.objects.get(k);
      String have = objects.get(k);
      if (want != null && want.equals(have)) {
        continue;
      }
      n++;
      if (out.size() < limit) {
        out.add(k + ": " + (want == null ? "not expected" : have == null ? "missing" : "expected " + want + ", got " + have));
      }
    }
    if (n > out.size()) {
      out.add((n - out.size()) + " more objects differ");
    }
    return out;
  }

  private void read(ObjectNode dump, WorkspaceClient client) throws IOException {
    JsonNode scim = dump.path("scim");
    scim.path("users").forEach(u -> labels.put(u.path("id").asText(), "user:" + u.path("userName").asText()));
    scim.path("groups").forEach(g -> labels.put(g.path("id").asText(), "group:" + g.path("displayName").asText()));
    scim.path("servicePrincipals").forEach(p -> labels.put(p.path("id").asText(), "sp:" + p.path("applicationId").asText()));
    dump.path("clusters").forEach(c -> labels.put(c.path("cluster_id").asText(), "cluster:" + c.path("cluster_name").asText()));
    dump.path("instance-pools").forEach(p -> labels.put(p.path("instance_pool_id").asText(), "pool:" + p.path("instance_pool_name").asText()));
    dump.path("policies").forEach(p -> labels.put(p.path("policy_id").asText(), "policy:" + p.path("name").asText()));
    dump.path("jobs").forEach(j -> labels.put(j.path("job_id").asText(), "job:" + j.path("name").asText()));

    scim.path("users").forEach(u -> put("user " + u.path("userName").asText(), u, "id"));
    scim.path("groups").forEach(g -> put("group " + g.path("displayName").asText(), g, "id"));
    scim.path("servicePrincipals").forEach(p -> put("sp " + p.path("applicationId").asText(), p, "id"));
    dump.path("clusters").forEach(c -> put("cluster " + c.path("cluster_name").asText(), c, "cluster_id"));
    dump.path("libraries").forEach(l -> put("libraries " + label(l.path("cluster_id").asText()), l, "cluster_id"));
    for (JsonNode p : dump.path("policies")) {
      ObjectNode copy = p.deepCopy();
      copy.set("definition", TfJson.read(p.path("definition").asText("{}").getBytes(StandardCharsets.UTF_8)));
      put("policy " + p.path("name").asText(), copy, "policy_id");
    }
    dump.path("instance-pools").forEach(p -> put("pool " + p.path("instance_pool_name").asText(), p, "instance_pool_id"));
    dump.path("instance-profiles").forEach(p -> put("instance-profile " + p.path("instance_profile_arn").asText(), p));
    dump.path("global-init-scripts").forEach(s -> put("init-script " + s.path("name").asText(), s, "script_id"));
    dump.path("jobs").forEach(j -> put("job " + j.path("name").asText(), j, "job_id"));
    for (JsonNode o : dump.path("workspace")) {
      String path = o.path("path").asText();
      if (path.startsWith(Population.NOTEBOOK_ROOT + "/")) {
        put("workspace " + path, o);
      }
    }
    for (JsonNode f : dump.path("dbfs")) {
      String path = f.path("path").asText();
      if (path.startsWith(Population.DBFS_ROOT + "/") && !f.path("is_dir").asBoolean()) {
        byte[] content = Base64.getDecoder().decode(f.path("content_base64").asText(""));
        put("dbfs " + path, TfJson.object().put("size", content.length).put("sha256", sha256(content)));
      }
    }
    for (JsonNode scope : dump.path("secrets").path("scopes")) {
      String name = scope.path("name").asText();
      put("secret-scope " + name, scope, "secrets", "acls");
      scope.path("secrets").forEach(k -> put("secret " + name + "/" + k.path("key").asText(), k));
      scope.path("acls").forEach(a -> put("secret-acl " + name + "/" + a.path("principal").asText(), a));
    }
    permissions(dump, client);
  }

  /** The ACL of every object that has one, through the API (what the import manages as databricks_permissions). */
  private void permissions(ObjectNode dump, WorkspaceClient client) throws IOException {
    Map<String, String> objectsWithAcls = new TreeMap<>();
    dump.path("clusters").forEach(c -> objectsWithAcls.put("clusters/" + c.path("cluster_id").asText(), label(c.path("cluster_id").asText())));
    dump.path("jobs").forEach(j -> objectsWithAcls.put("jobs/" + j.path("job_id").asText(), label(j.path("job_id").asText())));
    dump.path("instance-pools").forEach(p -> objectsWithAcls.put("instance-pools/" + p.path("instance_pool_id").asText(),
        label(p.path("instance_pool_id").asText())));
    dump.path("policies").forEach(p -> objectsWithAcls.put("cluster-policies/" + p.path("policy_id").asText(),
        label(p.path("policy_id").asText())));
    for (JsonNode o : dump.path("workspace")) {
      String path = o.path("path").asText();
      if (path.startsWith(Population.NOTEBOOK_ROOT + "/")) {
        String type = "DIRECTORY".equals(o.path("object_type").asText()) ? "directories" : "notebooks";
        objectsWithAcls.put(type + "/" + o.path("object_id").asText(), "workspace:" + path);
      }
    }
    for (Map.Entry<String, String> e : objectsWithAcls.entrySet()) {
      JsonNode acl = Rest.getOrNull(client, "/api/2.0/permissions/" + e.getKey());
      if (acl != null) {
        put("permissions " + e.getValue(), acl.path("access_control_list"));
      }
    }
  }

  private String label(String id) {
    return labels.getOrDefault(id, id);
  }

  private void put(String key, JsonNode raw, String... drop) {
    JsonNode copy = raw.deepCopy();
    if (copy instanceof ObjectNode o) {
      for (String d : drop) {
        o.remove(d);
      }
    }
    String text = TfJson.sorted(normalize(copy)).toString();
    String k = key;
    for (int i = 2; objects.containsKey(k); i++) {
      k = key + " #" + i;
    }
    objects.put(k, text);
  }

  /** Ids -> labels, volatile fields dropped, arrays without meaning sorted (job tasks keep their order). */
  private JsonNode normalize(JsonNode n) {
    if (n instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        if (VOLATILE.contains(f)) {
          o.remove(f);
        } else {
          o.set(f, normalize(o.get(f)));
        }
      }
      return o;
    }
    if (n instanceof ArrayNode a) {
      List<JsonNode> items = new ArrayList<>();
      a.forEach(x -> items.add(normalize(x)));
      if (items.stream().noneMatch(x -> x.has("task_key"))) {
        items.sort(Comparator.comparing(JsonNode::toString));
      }
      a.removeAll();
      items.forEach(a::add);
      return a;
    }
    if (n.isValueNode() && !n.isNull() && labels.containsKey(n.asText())) {
      return new TextNode(labels.get(n.asText()));
    }
    return n;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
