package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.TfJson;

/**
 * The ClusterSpec mapping shared by databricks_cluster and job {@code new_cluster} blocks. Terraform
 * uses the API's attribute names here; what changes is the whitelist (computed fields dropped) and
 * the references to policies, pools and instance profiles.
 */
final class ClusterSpecs {
  /** ClusterSpec fields copied as they are (nested blocks keep the API shape, which is the HCL shape). */
  static final String[] PLAIN = {
      "cluster_name", "spark_version", "num_workers", "autoscale", "node_type_id", "driver_node_type_id",
      "apply_policy_default_values", "enable_elastic_disk", "enable_local_disk_encryption",
      "data_security_mode", "single_user_name", "runtime_engine", "kind", "is_single_node", "use_ml_runtime",
      "ssh_public_keys", "spark_conf", "spark_env_vars", "custom_tags", "remote_disk_throughput",
      "total_initial_remote_disk_size", "init_scripts", "cluster_log_conf", "azure_attributes",
      "gcp_attributes", "docker_image", "workload_type", "cluster_mount_info",
      "driver_node_type_flexibility", "worker_node_type_flexibility"};

  private ClusterSpecs() {}

  /** Options that turn ids into variables instead of references (job export settings). */
  record IdStyle(boolean poolAsVariable, boolean policyAsVariable) {
    static final IdStyle REFS = new IdStyle(false, false);
  }

  /**
   * Terraform attributes of a cluster spec. {@code interactive} adds the fields only all-purpose
   * clusters have (autotermination_minutes).
   */
  static ObjectNode toConfig(JsonNode spec, Rendering r, boolean interactive, IdStyle style) {
    ObjectNode out = TfJson.object();
    Attrs.copy(spec, out, PLAIN);
    if (interactive) {
      Attrs.copy(spec, out, "autotermination_minutes");
    }
    if (out.has("autoscale")) {
      out.remove("num_workers");
    }
    if ("NULL".equals(Attrs.text(out, "runtime_engine"))) {
      out.remove("runtime_engine");
    }
    String policy = Attrs.text(spec, "policy_id");
    if (policy != null) {
      out.put("policy_id", style.policyAsVariable()
          ? r.variable(Variables.policy(policy), "Cluster policy id in the target for source policy " + policy, false, policy)
          : r.ref("databricks_cluster_policy", policy, "id"));
    }
    for (String poolField : new String[] {"instance_pool_id", "driver_instance_pool_id"}) {
      String pool = Attrs.text(spec, poolField);
      if (pool != null) {
        out.put(poolField, style.poolAsVariable()
            ? r.variable(Variables.pool(pool), "Instance pool id in the target for source pool " + pool, false, pool)
            : r.ref("databricks_instance_pool", pool, "id"));
      }
    }
    JsonNode aws = spec.get("aws_attributes");
    if (aws != null && aws.isObject()) {
      ObjectNode a = aws.deepCopy();
      String arn = Attrs.text(a, "instance_profile_arn");
      if (arn != null) {
        a.put("instance_profile_arn", r.ref("databricks_instance_profile", arn, "id"));
      }
      out.set("aws_attributes", a);
    }
    return TfJson.prune(out);
  }

  /** Library blocks (API Library objects), sorted: their order carries no meaning. */
  static ArrayNode libraries(JsonNode apiLibraries) {
    ArrayNode libs = TfJson.array();
    if (apiLibraries != null && apiLibraries.isObject()) {
      libs.add(TfJson.prune(apiLibraries.deepCopy()));
    } else if (apiLibraries != null && apiLibraries.isArray()) {
      for (JsonNode l : apiLibraries) {
        if (l.isObject()) {
          libs.add(TfJson.prune(l.deepCopy()));
        }
      }
    }
    return Attrs.sortedArray(libs);
  }

  /** API ClusterSpec body from resolved Terraform attributes (drops the resource-only library blocks). */
  static ObjectNode toApi(ObjectNode attrs) {
    return Attrs.without(attrs, "library", "is_pinned", "no_wait", "clear_cloud_attributes_on_remove");
  }
}
