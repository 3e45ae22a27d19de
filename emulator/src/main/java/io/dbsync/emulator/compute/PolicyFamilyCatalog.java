package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.List;

/**
 * The Databricks-provided policy families (api-reference §3.2). Every workspace has them, and a
 * default cluster policy per family ("Personal Compute", ...), created by {@link PoliciesFamily#builtIns}.
 */
final class PolicyFamilyCatalog {
  private PolicyFamilyCatalog() {}

  record PolicyFamily(String id, String name, String description, String definition) {
    ObjectNode toJson() {
      return Json.object().put("policy_family_id", id).put("name", name).put("description", description)
          .put("definition", definition);
    }
  }

  static final List<PolicyFamily> FAMILIES = List.of(
      new PolicyFamily("job-cluster", "Job Compute",
          "Use for jobs and other automated, non-interactive workloads.",
          "{\"cluster_type\":{\"type\":\"fixed\",\"value\":\"job\"},"
              + "\"spark_version\":{\"type\":\"unlimited\",\"defaultValue\":\"auto:latest-lts\"},"
              + "\"data_security_mode\":{\"type\":\"allowlist\",\"values\":[\"SINGLE_USER\",\"USER_ISOLATION\"],"
              + "\"defaultValue\":\"SINGLE_USER\"}}"),
      new PolicyFamily("legacy-shared", "Legacy Shared Compute",
          "For multiple users sharing a cluster without Unity Catalog.",
          "{\"data_security_mode\":{\"type\":\"fixed\",\"value\":\"NONE\",\"hidden\":true},"
              + "\"spark_version\":{\"type\":\"unlimited\",\"defaultValue\":\"auto:latest-lts\"},"
              + "\"autotermination_minutes\":{\"type\":\"unlimited\",\"defaultValue\":120,\"isOptional\":true}}"),
      new PolicyFamily("personal-vm", "Personal Compute",
          "Use with small-to-medium data or libraries like pandas and scikit-learn. Spark runs in local mode.",
          "{\"spark_conf.spark.databricks.cluster.profile\":{\"type\":\"fixed\",\"value\":\"singleNode\",\"hidden\":true},"
              + "\"num_workers\":{\"type\":\"fixed\",\"value\":0,\"hidden\":true},"
              + "\"data_security_mode\":{\"type\":\"allowlist\",\"values\":[\"SINGLE_USER\",\"LEGACY_SINGLE_USER\"],"
              + "\"defaultValue\":\"SINGLE_USER\"},"
              + "\"spark_version\":{\"type\":\"unlimited\",\"defaultValue\":\"auto:latest-ml\"},"
              + "\"autotermination_minutes\":{\"type\":\"unlimited\",\"defaultValue\":4320,\"isOptional\":true}}"),
      new PolicyFamily("power-user", "Power User Compute",
          "Use for users who need to scale their workloads across multiple nodes.",
          "{\"data_security_mode\":{\"type\":\"allowlist\",\"values\":[\"SINGLE_USER\",\"LEGACY_SINGLE_USER\"],"
              + "\"defaultValue\":\"SINGLE_USER\"},"
              + "\"autoscale.max_workers\":{\"type\":\"range\",\"maxValue\":10,\"defaultValue\":4},"
              + "\"spark_version\":{\"type\":\"unlimited\",\"defaultValue\":\"auto:latest-ml\"},"
              + "\"autotermination_minutes\":{\"type\":\"unlimited\",\"defaultValue\":120,\"isOptional\":true}}"),
      new PolicyFamily("shared-compute", "Shared Compute",
          "Use for multiple users sharing a cluster with Unity Catalog.",
          "{\"data_security_mode\":{\"type\":\"fixed\",\"value\":\"USER_ISOLATION\",\"hidden\":true},"
              + "\"spark_version\":{\"type\":\"unlimited\",\"defaultValue\":\"auto:latest-lts\"},"
              + "\"autotermination_minutes\":{\"type\":\"unlimited\",\"defaultValue\":120,\"isOptional\":true}}"));

  static PolicyFamily find(String id) {
    for (PolicyFamily f : FAMILIES) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    return null;
  }
}
