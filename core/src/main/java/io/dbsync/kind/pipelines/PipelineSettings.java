package io.dbsync.kind.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApiFields;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Pipeline settings (the API's PipelineSpec) <-> databricks_pipeline attributes. The HCL names are the
 * API's but for three repeated blocks (clusters -> cluster, libraries -> library, notifications ->
 * notification). What the workspace fills in is dropped (the id, the default storage
 * {@code dbfs:/pipelines/<id>}); references point at the exported objects: notebooks and workspace
 * files of the libraries (by path), and the pools, policies and instance profiles of the clusters.
 */
final class PipelineSettings {
  /** Settings copied as they are (same shape in the API and in HCL). */
  private static final String[] PLAIN = {"name", "catalog", "schema", "target", "configuration", "continuous",
      "development", "photon", "serverless", "edition", "channel", "budget_policy_id", "usage_policy_id",
      "root_path", "tags", "event_log", "filters", "deployment", "gateway_definition", "ingestion_definition",
      "environment", "restart_window", "trigger"};
  private static final String[] CLUSTER = {"label", "num_workers", "autoscale", "node_type_id", "driver_node_type_id",
      "apply_policy_default_values", "spark_conf", "spark_env_vars", "custom_tags", "ssh_public_keys", "init_scripts",
      "cluster_log_conf", "azure_attributes", "gcp_attributes", "enable_local_disk_encryption"};
  private static final Pattern DEFAULT_STORAGE = Pattern.compile(
      "dbfs:/pipelines/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** HCL block name -> API field. */
  private static final String[][] BLOCKS = {{"cluster", "clusters"}, {"library", "libraries"},
      {"notification", "notifications"}};

  private PipelineSettings() {}

  /** Attributes from a pipeline as get returns it ({spec, run_as, ...}). */
  static ObjectNode toConfig(JsonNode pipeline, Rendering r) {
    JsonNode spec = pipeline.path("spec");
    ObjectNode out = TfJson.object();
    ApiFields.copy(spec, out, PLAIN);
    String storage = ApiFields.text(spec, "storage");
    if (storage != null && !DEFAULT_STORAGE.matcher(storage).matches()) {
      out.put("storage", storage);
    }
    ArrayNode clusters = out.putArray("cluster");
    spec.path("clusters").forEach(c -> clusters.add(cluster(c, r)));
    ArrayNode libraries = out.putArray("library");
    spec.path("libraries").forEach(l -> libraries.add(library(l, r)));
    ArrayNode notifications = out.putArray("notification");
    for (JsonNode n : spec.path("notifications")) {
      ObjectNode block = TfJson.object();
      // sets in the API: sorted, so that the export does not depend on the order they were entered in
      block.set("email_recipients", sortedTexts(n.path("email_recipients")));
      block.set("alerts", sortedTexts(n.path("alerts")));
      notifications.add(block);
    }
    ApiFields.copy(pipeline, out, "run_as");
    return TfJson.prune(out);
  }

  private static ArrayNode sortedTexts(JsonNode arr) {
    TreeSet<String> sorted = new TreeSet<>();
    arr.forEach(x -> sorted.add(x.asText()));
    ArrayNode out = TfJson.array();
    sorted.forEach(out::add);
    return out;
  }

  private static ObjectNode cluster(JsonNode c, Rendering r) {
    ObjectNode out = TfJson.object();
    ApiFields.copy(c, out, CLUSTER);
    if (out.has("autoscale")) {
      out.remove("num_workers");
    }
    String policy = ApiFields.text(c, "policy_id");
    if (policy != null) {
      out.put("policy_id", r.ref("databricks_cluster_policy", policy, "id"));
    }
    for (String pool : new String[] {"instance_pool_id", "driver_instance_pool_id"}) {
      String id = ApiFields.text(c, pool);
      if (id != null) {
        out.put(pool, r.ref("databricks_instance_pool", id, "id"));
      }
    }
    if (c.get("aws_attributes") instanceof ObjectNode aws) {
      ObjectNode a = aws.deepCopy();
      String arn = ApiFields.text(a, "instance_profile_arn");
      if (arn != null) {
        a.put("instance_profile_arn", r.ref("databricks_instance_profile", arn, "id"));
      }
      out.set("aws_attributes", a);
    }
    return TfJson.prune(out);
  }

  /** A library; notebook and file paths refer to the exported notebook or workspace file. */
  private static ObjectNode library(JsonNode l, Rendering r) {
    ObjectNode out = TfJson.prune(l.deepCopy());
    if (out.get("notebook") instanceof ObjectNode nb && nb.hasNonNull("path")) {
      nb.put("path", r.ref("databricks_notebook", nb.get("path").asText(), "id"));
    }
    if (out.get("file") instanceof ObjectNode f && f.hasNonNull("path")) {
      f.put("path", r.ref("databricks_workspace_file", f.get("path").asText(), "id"));
    }
    return out;
  }

  /** The settings body of a create or edit from resolved attributes. */
  static ObjectNode toApi(ObjectNode attrs) {
    ObjectNode body = attrs.deepCopy();
    for (String[] b : BLOCKS) {
      JsonNode v = body.remove(b[0]);
      if (v != null) {
        body.set(b[1], ApiFields.asArray(v));
      }
    }
    return body;
  }
}
