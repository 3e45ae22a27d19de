package io.dbsync.kind.compute;

import java.util.Locale;

/**
 * Names of the variables that replace ids when the job options convert_existing_cluster_to_var,
 * convert_new_cluster_instance_pool_to_var or convert_new_cluster_cluster_policy_to_var are set
 * (the same names the original tool declared, normalised to Terraform identifiers).
 */
final class Variables {
  private Variables() {}

  static String existingCluster(String clusterId) {
    return "databricks_job_existing_cluster_" + normalize(clusterId);
  }

  static String pool(String poolId) {
    return "databricks_instance_pool_" + normalize(poolId);
  }

  static String policy(String policyId) {
    return "databricks_cluster_policy_" + normalize(policyId);
  }

  private static String normalize(String id) {
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
