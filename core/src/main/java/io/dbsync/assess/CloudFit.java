package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.VariableDecl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What of the source's compute and storage the target cannot take as it is: node types the target
 * does not offer, cloud attribute blocks (aws_/azure_/gcp_attributes) and instance profiles of another
 * cloud, and storage URLs (attributes and variable defaults) on another cloud's storage. The target's
 * cloud comes from its host name, else from the names of its node types.
 */
final class CloudFit {
  private static final Map<String, String> BLOCKS = Map.of(
      "aws_attributes", "aws", "azure_attributes", "azure", "gcp_attributes", "gcp");
  private static final Map<String, String> SCHEMES = Map.of(
      "s3", "aws", "s3a", "aws", "s3n", "aws", "abfss", "azure", "abfs", "azure", "wasbs", "azure",
      "wasb", "azure", "adl", "azure", "gs", "gcp");

  private CloudFit() {}

  static List<Assessment.Unmapped> check(DesiredConfig desired, WorkspaceClient target, List<String> notes) {
    if (target == null) {
      notes.add("no target workspace: node types, cloud blocks and storage paths were not checked against one");
      return List.of();
    }
    Set<String> nodeTypes = null;
    try {
      nodeTypes = nodeTypes(target);
    } catch (IOException | RuntimeException e) {
      notes.add("the target's node types could not be listed: " + e.getMessage());
    }
    Set<String> offered = nodeTypes;
    String cloud = cloudOf(target.config().getHost(), nodeTypes).orElse(null);
    if (cloud == null) {
      notes.add("the target's cloud could not be told: cloud blocks and storage paths were not checked");
    }
    Findings f = new Findings();
    for (DesiredResource r : desired.resources()) {
      String at = r.address();
      AttrStrings.walk(r.attrs(), (field, value) -> {
        if (AttrStrings.isExpression(value)) {
          return;
        }
        if (("node_type_id".equals(field) || "driver_node_type_id".equals(field)) && offered != null
            && !offered.contains(value)) {
          f.add("node type", value, "not offered by the target workspace", at);
        }
        if ("instance_profile_arn".equals(field) && cloud != null && !cloud.equals("aws")) {
          f.add("instance profile", value, "instance profiles exist on AWS only; the target is on " + cloud, at);
        }
        storage(value, cloud).ifPresent(why -> f.add("storage path", value, why, at));
      });
      blocks(r.attrs(), cloud, at, f);
    }
    for (VariableDecl v : desired.variables().values()) {
      JsonNode dv = v.defaultValue();
      if (dv != null && dv.isTextual()) {
        storage(dv.asText(), cloud).ifPresent(why -> f.add("storage path", dv.asText(), why + " (default of var." + v.name() + ")", "var." + v.name()));
      }
    }
    return f.list();
  }

  private static void blocks(JsonNode node, String cloud, String at, Findings f) {
    if (cloud == null || node == null || !node.isContainerNode()) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String blockCloud = BLOCKS.get(e.getKey());
        if (blockCloud != null && !blockCloud.equals(cloud)) {
          f.add("cloud attribute block", e.getKey(), blockCloud + " settings; the target is on " + cloud, at);
        }
        blocks(e.getValue(), cloud, at, f);
      }
    } else {
      node.forEach(c -> blocks(c, cloud, at, f));
    }
  }

  private static Optional<String> storage(String value, String cloud) {
    int colon = value.indexOf("://");
    if (cloud == null || colon <= 0) {
      return Optional.empty();
    }
    String pathCloud = SCHEMES.get(value.substring(0, colon).toLowerCase(Locale.ROOT));
    return pathCloud == null || pathCloud.equals(cloud) ? Optional.empty()
        : Optional.of("on " + pathCloud + " storage; the target is on " + cloud);
  }

  private static Set<String> nodeTypes(WorkspaceClient client) throws IOException {
    Set<String> out = new HashSet<>();
    for (JsonNode t : Rest.get(client, "/api/2.1/clusters/list-node-types").path("node_types")) {
      out.add(t.path("node_type_id").asText());
    }
    return out;
  }

  /** The workspace's cloud by its host (azuredatabricks.net, gcp.databricks.com, cloud.databricks.com), else its node types. */
  static Optional<String> cloudOf(String host, Set<String> nodeTypes) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.contains("azuredatabricks.net")) {
      return Optional.of("azure");
    }
    if (h.contains("gcp.databricks.com")) {
      return Optional.of("gcp");
    }
    if (h.contains("cloud.databricks.com")) {
      return Optional.of("aws");
    }
    for (String t : nodeTypes == null ? Set.<String>of() : nodeTypes) {
      if (t.startsWith("Standard_")) {
        return Optional.of("azure");
      }
      if (t.matches("[a-z][a-z0-9-]*\\.[a-z0-9]+")) {
        return Optional.of("aws");
      }
      if (t.matches("(n1|n2|n2d|e2|c2|c2d|a2|g2|m1|m2)-[a-z0-9-]+")) {
        return Optional.of("gcp");
      }
    }
    return Optional.empty();
  }

  /** Findings keyed by category and value, with every address that uses each. */
  private static final class Findings {
    private record Key(String category, String value) implements Comparable<Key> {
      @Override
      public int compareTo(Key o) {
        int c = category.compareTo(o.category);
        return c != 0 ? c : value.compareTo(o.value);
      }
    }

    private final Map<Key, String> why = new TreeMap<>();
    private final Map<Key, Set<String>> where = new TreeMap<>();

    void add(String category, String value, String reason, String address) {
      Key k = new Key(category, value);
      why.putIfAbsent(k, reason);
      where.computeIfAbsent(k, x -> new TreeSet<>()).add(address);
    }

    List<Assessment.Unmapped> list() {
      List<Assessment.Unmapped> out = new ArrayList<>();
      why.forEach((k, reason) -> out.add(new Assessment.Unmapped(k.category(), k.value(), reason, List.copyOf(where.get(k)))));
      return out;
    }
  }
}
