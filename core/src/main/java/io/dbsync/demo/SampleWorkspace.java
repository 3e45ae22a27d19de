package io.dbsync.demo;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;

/**
 * Fills an (emulated) source workspace with one object of every kind the tool syncs, through the
 * public REST API with the official SDK, exactly as a real workspace would be populated.
 */
public final class SampleWorkspace {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WorkspaceClient w;

  public SampleWorkspace(WorkspaceClient w) {
    this.w = w;
  }

  /** Creates the sample objects; ids are returned by the API and wired into references. */
  public void populate() throws IOException {
    String policyId = post("/api/2.0/policies/clusters/create", """
        {"name": "Small clusters", "description": "At most 4 workers",
         "definition": "{\\"autoscale.max_workers\\":{\\"type\\":\\"range\\",\\"maxValue\\":4}}"}""").get("policy_id").asText();
    String poolId = post("/api/2.0/instance-pools/create", """
        {"instance_pool_name": "shared-pool", "node_type_id": "i3.xlarge", "min_idle_instances": 0,
         "idle_instance_autotermination_minutes": 15}""").get("instance_pool_id").asText();
    post("/api/2.0/instance-profiles/add", """
        {"instance_profile_arn": "arn:aws:iam::123456789012:instance-profile/etl-reader", "skip_validation": true}""");
    String clusterId = post("/api/2.1/clusters/create", """
        {"cluster_name": "etl shared", "spark_version": "15.4.x-scala2.12", "instance_pool_id": "%s",
         "policy_id": "%s", "autoscale": {"min_workers": 1, "max_workers": 4}, "autotermination_minutes": 30,
         "spark_conf": {"spark.sql.shuffle.partitions": "64"}, "custom_tags": {"team": "data"}}"""
        .formatted(poolId, policyId)).get("cluster_id").asText();
    post("/api/2.0/libraries/install", """
        {"cluster_id": "%s", "libraries": [{"pypi": {"package": "requests==2.32.3"}}]}""".formatted(clusterId));

    post("/api/2.0/workspace/mkdirs", "{\"path\": \"/Shared/etl\"}");
    importNotebook("/Shared/etl/ingest", "PYTHON", "# Databricks notebook source\nprint('ingest')\n");
    importNotebook("/Shared/etl/report", "SQL", "-- Databricks notebook source\nSELECT 1\n");
    post("/api/2.2/jobs/create", """
        {"name": "nightly etl", "max_concurrent_runs": 1,
         "schedule": {"quartz_cron_expression": "0 0 2 * * ?", "timezone_id": "UTC", "pause_status": "UNPAUSED"},
         "tasks": [
           {"task_key": "ingest", "existing_cluster_id": "%s", "notebook_task": {"notebook_path": "/Shared/etl/ingest"}},
           {"task_key": "report", "depends_on": [{"task_key": "ingest"}], "existing_cluster_id": "%s",
            "notebook_task": {"notebook_path": "/Shared/etl/report"}}]}""".formatted(clusterId, clusterId));

    post("/api/2.0/dbfs/put", """
        {"path": "/FileStore/demo/lookup.csv", "contents": "%s", "overwrite": true}"""
        .formatted(b64("id,name\n1,alpha\n2,beta\n")));
    post("/api/2.0/global-init-scripts", """
        {"name": "set-timezone", "script": "%s", "enabled": true}""".formatted(b64("#!/bin/bash\necho 'TZ=UTC' >> /etc/environment\n")));

    post("/api/2.0/secrets/scopes/create", "{\"scope\": \"etl\"}");
    post("/api/2.0/secrets/put", "{\"scope\": \"etl\", \"key\": \"db-password\", \"string_value\": \"demo-only-value\"}");

    String userId = scim("/api/2.0/preview/scim/v2/Users", """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "analyst@example.com",
         "displayName": "Ann Analyst", "entitlements": [{"value": "allow-cluster-create"}]}""").get("id").asText();
    scim("/api/2.0/preview/scim/v2/Groups", """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "data-engineers",
         "members": [{"value": "%s"}]}""".formatted(userId));
    post("/api/2.0/secrets/acls/put", "{\"scope\": \"etl\", \"principal\": \"data-engineers\", \"permission\": \"READ\"}");
    put("/api/2.0/permissions/clusters/" + clusterId, """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_RESTART"}]}""");
    populateSqlAndGit();
    populateMlAndPipelines(poolId, policyId);
    populateSettings();
  }

  /**
   * A notification destination (its webhook URL is a secret), a SQL warehouse, a query, an alert on
   * it, a published Lakeview dashboard, a Git folder on a branch, a job that runs them, and grants.
   */
  private void populateSqlAndGit() throws IOException {
    String destinationId = post("/api/2.0/notification-destinations", """
        {"display_name": "ops-slack", "config": {"slack": {"url": "https://hooks.slack.com/services/T0/B0/demo"}}}""")
        .get("id").asText();
    String warehouseId = post("/api/2.0/sql/warehouses", """
        {"name": "analytics", "cluster_size": "Small", "auto_stop_mins": 20, "max_num_clusters": 2,
         "tags": {"custom_tags": [{"key": "team", "value": "data"}]}}""").get("id").asText();
    String queryId = post("/api/2.0/sql/queries", """
        {"query": {"display_name": "daily revenue", "parent_path": "/Shared/etl", "warehouse_id": "%s",
         "query_text": "SELECT current_date() AS day, 100 AS revenue", "run_as_mode": "VIEWER", "tags": ["finance"]}}"""
        .formatted(warehouseId)).get("id").asText();
    String alertId = post("/api/2.0/sql/alerts", """
        {"alert": {"display_name": "revenue drop", "parent_path": "/Shared/etl", "query_id": "%s",
         "condition": {"op": "LESS_THAN", "operand": {"column": {"name": "revenue"}},
                       "threshold": {"value": {"double_value": 50}}},
         "seconds_to_retrigger": 3600}}""".formatted(queryId)).get("id").asText();
    String dashboardId = post("/api/2.0/lakeview/dashboards", """
        {"display_name": "Revenue", "parent_path": "/Shared/etl", "warehouse_id": "%s",
         "serialized_dashboard": "{\\"datasets\\":[{\\"displayName\\":\\"revenue\\",\\"name\\":\\"d1\\",\\"queryLines\\":[\\"SELECT 100 AS revenue\\"]}],\\"pages\\":[{\\"displayName\\":\\"Overview\\",\\"name\\":\\"p1\\"}]}"}"""
        .formatted(warehouseId)).get("dashboard_id").asText();
    post("/api/2.0/lakeview/dashboards/" + dashboardId + "/published", "{\"embed_credentials\": false}");
    String repoId = post("/api/2.0/repos", """
        {"url": "https://github.com/example/etl-pipelines.git", "provider": "gitHub", "path": "/Repos/shared/etl-pipelines"}""")
        .get("id").asText();
    call("PATCH", "/api/2.0/repos/" + repoId, "{\"branch\": \"develop\"}");
    post("/api/2.2/jobs/create", """
        {"name": "sql reports", "max_concurrent_runs": 1,
         "webhook_notifications": {"on_failure": [{"id": "%1$s"}]},
         "tasks": [
           {"task_key": "refresh", "sql_task": {"query": {"query_id": "%2$s"}, "warehouse_id": "%3$s"}},
           {"task_key": "check", "depends_on": [{"task_key": "refresh"}],
            "sql_task": {"alert": {"alert_id": "%4$s", "subscriptions": [{"destination_id": "%1$s"}]}, "warehouse_id": "%3$s"}},
           {"task_key": "snapshot", "depends_on": [{"task_key": "refresh"}],
            "dashboard_task": {"dashboard_id": "%5$s", "warehouse_id": "%3$s",
                               "subscription": {"subscribers": [{"destination_id": "%1$s"}]}}}]}"""
        .formatted(destinationId, queryId, warehouseId, alertId, dashboardId));
    String grant = """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "%s"}]}""";
    put("/api/2.0/permissions/sql/warehouses/" + warehouseId, grant.formatted("CAN_USE"));
    put("/api/2.0/permissions/sql/queries/" + queryId, grant.formatted("CAN_RUN"));
    put("/api/2.0/permissions/dashboards/" + dashboardId, grant.formatted("CAN_READ"));
    put("/api/2.0/permissions/repos/" + repoId, grant.formatted("CAN_READ"));
  }

  /** A pipeline on the ingest notebook, an experiment, a registry model and an endpoint serving it. */
  private void populateMlAndPipelines(String poolId, String policyId) throws IOException {
    String pipelineId = post("/api/2.0/pipelines", """
        {"name": "sales pipeline", "target": "sales_dlt", "continuous": false, "edition": "ADVANCED",
         "channel": "CURRENT", "configuration": {"source": "raw"},
         "clusters": [{"label": "default", "num_workers": 1, "instance_pool_id": "%s", "policy_id": "%s"}],
         "libraries": [{"notebook": {"path": "/Shared/etl/ingest"}}],
         "notifications": [{"email_recipients": ["analyst@example.com"], "alerts": ["on-update-failure"]}]}"""
        .formatted(poolId, policyId)).get("pipeline_id").asText();
    put("/api/2.0/permissions/pipelines/" + pipelineId, """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_RUN"}]}""");

    String experimentId = post("/api/2.0/mlflow/experiments/create", """
        {"name": "/Shared/etl/churn experiment", "tags": [{"key": "team", "value": "data"}]}""")
        .get("experiment_id").asText();
    put("/api/2.0/permissions/experiments/" + experimentId, """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_EDIT"}]}""");

    post("/api/2.0/mlflow/registered-models/create", """
        {"name": "churn-model", "description": "Predicts churn", "tags": [{"key": "team", "value": "data"}]}""");
    Request getModel = new Request("GET", "/api/2.0/mlflow/databricks/registered-models/get")
        .withQueryParam("name", "churn-model");
    String modelId = JSON.valueToTree(w.apiClient().execute(getModel, HashMap.class))
        .path("registered_model_databricks").path("id").asText();
    put("/api/2.0/permissions/registered-models/" + modelId, """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_READ"}]}""");

    String endpointId = post("/api/2.0/serving-endpoints", """
        {"name": "churn-endpoint", "tags": [{"key": "team", "value": "data"}],
         "config": {"served_entities": [{"name": "churn-current", "entity_name": "churn-model", "entity_version": "1",
                                         "workload_size": "Small", "scale_to_zero_enabled": true}]},
         "ai_gateway": {"usage_tracking_config": {"enabled": true},
                        "rate_limits": [{"calls": 100, "key": "user", "renewal_period": "minute"}]}}""")
        .get("id").asText();
    put("/api/2.0/permissions/serving-endpoints/" + endpointId, """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_QUERY"}]}""");
  }

  /** Workspace settings, an IP access list, and who may use tokens and passwords. */
  private void populateSettings() throws IOException {
    call("PATCH", "/api/2.0/workspace-conf", """
        {"enableIpAccessLists": "true", "maxTokenLifetimeDays": "90", "enableTokensConfig": "true"}""");
    post("/api/2.0/ip-access-lists", """
        {"label": "office", "list_type": "ALLOW", "ip_addresses": ["10.0.0.0/16", "192.168.1.10"]}""");
    // a PUT replaces the direct grants: the admins' own CAN_MANAGE of token use is named to keep it
    put("/api/2.0/permissions/authorization/tokens", """
        {"access_control_list": [{"group_name": "admins", "permission_level": "CAN_MANAGE"},
                                 {"group_name": "data-engineers", "permission_level": "CAN_USE"}]}""");
    put("/api/2.0/permissions/authorization/passwords", """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_USE"}]}""");
  }

  private void importNotebook(String path, String language, String source) throws IOException {
    post("/api/2.0/workspace/import", """
        {"path": "%s", "format": "SOURCE", "language": "%s", "content": "%s", "overwrite": true}"""
        .formatted(path, language, b64(source)));
  }

  private JsonNode post(String path, String body) throws IOException {
    return call("POST", path, body);
  }

  private JsonNode put(String path, String body) throws IOException {
    return call("PUT", path, body);
  }

  private JsonNode scim(String path, String body) throws IOException {
    return call("POST", path, body);
  }

  private JsonNode call(String method, String path, String body) throws IOException {
    Object out = w.apiClient().execute(new Request(method, path, body), HashMap.class);
    return JSON.valueToTree(out);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
