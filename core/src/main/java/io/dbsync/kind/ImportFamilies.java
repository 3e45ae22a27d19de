package io.dbsync.kind;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API family that creates and reads each resource type at import: assess estimates an import's
 * calls and time from it (one read to refresh or adopt, one write to create), the import's scheduler
 * starts the slowest families' work first by it. Every type of the kind registry has a row
 * ({@code ImportFamiliesTest} names a missing one when a kind is added).
 */
public final class ImportFamilies {
  private static final Map<String, String> FAMILY = new TreeMap<>();

  static {
    family("workspace", "databricks_directory", "databricks_notebook", "databricks_workspace_file");
    family("scim", "databricks_user", "databricks_group", "databricks_group_member", "databricks_service_principal",
        "databricks_user_instance_profile", "databricks_group_instance_profile");
    family("secrets", "databricks_secret_scope", "databricks_secret", "databricks_secret_acl");
    family("unity_catalog", "databricks_catalog", "databricks_connection", "databricks_external_location",
        "databricks_grants", "databricks_registered_model", "databricks_schema", "databricks_storage_credential",
        "databricks_volume", "databricks_workspace_binding");
    // terraform_data holds Hive metastore denies, written with SQL statements as the grants are
    family("sql", "databricks_sql_endpoint", "databricks_sql_table", "databricks_sql_permissions", "terraform_data");
    family("alerts", "databricks_alert");
    family("queries", "databricks_query");
    family("lakeview", "databricks_dashboard");
    family("clusters", "databricks_cluster");
    family("policies", "databricks_cluster_policy");
    family("instance-pools", "databricks_instance_pool");
    family("instance-profiles", "databricks_instance_profile");
    family("dbfs", "databricks_dbfs_file");
    family("global-init-scripts", "databricks_global_init_script");
    family("ip-access-lists", "databricks_ip_access_list");
    family("jobs", "databricks_job");
    family("experiments", "databricks_mlflow_experiment");
    family("registered-models", "databricks_mlflow_model");
    family("serving-endpoints", "databricks_model_serving");
    family("commands", "databricks_mount");
    family("notification-destinations", "databricks_notification_destination");
    family("permissions", "databricks_permissions");
    family("pipelines", "databricks_pipeline");
    family("repos", "databricks_repo");
    family("workspace-conf", "databricks_workspace_conf");
  }

  private ImportFamilies() {}

  private static void family(String family, String... types) {
    for (String t : types) {
      FAMILY.put(t, family);
    }
  }

  public static Optional<String> familyOf(String type) {
    return Optional.ofNullable(FAMILY.get(type));
  }
}
