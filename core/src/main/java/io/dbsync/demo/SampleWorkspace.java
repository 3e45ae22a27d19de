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
    new SampleUnityCatalog(w).populate();
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
