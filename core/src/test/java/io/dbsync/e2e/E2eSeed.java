package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.kind.sql.NotificationDestinationKind;
import io.dbsync.tf.Names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeds a source workspace deterministically: the demo's SampleWorkspace plus notebooks in all four
 * languages with awkward names, a DBFS binary over 2 MB, nested groups, a service principal, a
 * multi-task job on a job cluster and permissions. Everything is created in a fixed order, so the
 * emulator (fixed random seed) hands out the same ids on every run.
 */
final class E2eSeed {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SP_APP_ID = "3f2c9a1e-5b7d-4c8e-9f0a-1b2c3d4e5f60";
  static final String BLOB_PATH = "/FileStore/e2e/model.bin";
  static final String SECRET_VALUE = "demo-only-value";
  /** The sample's Slack webhook URL, which the API never returns: a variable at import. */
  static final String SLACK_URL_VARIABLE = NotificationDestinationKind.variableName("ops-slack", "slack", "url");
  static final String SLACK_URL = "https://hooks.slack.com/services/T0/B0/restored";

  /** Notebook path -> [language, source]. Names exercise spaces, '#', '%' and non-ASCII characters. */
  static final List<String[]> NOTEBOOKS = List.of(
      new String[] {"/Shared/e2e/python notebook", "PYTHON", "# Databricks notebook source\nprint('hello')\n"},
      new String[] {"/Shared/e2e/sql #1", "SQL", "-- Databricks notebook source\nSELECT 42 AS answer\n"},
      new String[] {"/Shared/e2e/scala 100%", "SCALA", "// Databricks notebook source\nprintln(\"scala\")\n"},
      new String[] {"/Shared/e2e/données ünïcode ノート", "R", "# Databricks notebook source\nprint(\"r\")\n"});

  private E2eSeed() {}

  /** Values of the variables an import of the seeded workspace needs (values the API never returns). */
  static Map<String, String> variables() {
    return Map.of(Names.safe("etl/db-password"), SECRET_VALUE, SLACK_URL_VARIABLE, SLACK_URL);
  }

  /** The >2 MB DBFS blob: fixed pseudo-random bytes so its sha256 is stable. */
  static byte[] blob() {
    byte[] b = new byte[2 * 1024 * 1024 + 12345];
    new Random(7).nextBytes(b);
    return b;
  }

  static void populate(WorkspaceClient w) throws IOException {
    new SampleWorkspace(w).populate();

    call(w, "POST", "/api/2.0/workspace/mkdirs", "{\"path\": \"/Shared/e2e\"}");
    for (String[] nb : NOTEBOOKS) {
      importNotebook(w, nb[0], nb[1], nb[2]);
    }
    uploadDbfs(w, BLOB_PATH, blob());

    String sp = w.servicePrincipals().create(new ServicePrincipal().setApplicationId(SP_APP_ID)
        .setDisplayName("etl-bot")).getId();
    String dataEngineers = groupId(w, "data-engineers");
    w.groups().create(new Group().setDisplayName("platform")
        .setMembers(List.of(new ComplexValue().setValue(dataEngineers), new ComplexValue().setValue(sp))));

    String clusterId = clusterId(w, "etl shared");
    String poolId = call(w, "GET", "/api/2.0/instance-pools/list", null).path("instance_pools").get(0)
        .path("instance_pool_id").asText();
    String jobId = call(w, "POST", "/api/2.2/jobs/create", """
        {"name": "e2e multi task", "max_concurrent_runs": 2,
         "job_clusters": [{"job_cluster_key": "shared", "new_cluster": {"spark_version": "15.4.x-scala2.12",
             "num_workers": 2, "instance_pool_id": "%2$s", "spark_conf": {"spark.speculation": "true"}}}],
         "tasks": [
           {"task_key": "prepare", "existing_cluster_id": "%1$s",
            "notebook_task": {"notebook_path": "/Shared/e2e/python notebook"}},
           {"task_key": "query", "job_cluster_key": "shared", "depends_on": [{"task_key": "prepare"}],
            "notebook_task": {"notebook_path": "/Shared/e2e/sql #1"}},
           {"task_key": "scala", "job_cluster_key": "shared", "depends_on": [{"task_key": "query"}],
            "notebook_task": {"notebook_path": "/Shared/e2e/scala 100%%"}}]}"""
        .formatted(clusterId, poolId)).path("job_id").asText();

    call(w, "PUT", "/api/2.0/permissions/jobs/" + jobId, """
        {"access_control_list": [{"group_name": "platform", "permission_level": "CAN_MANAGE_RUN"},
                                 {"user_name": "analyst@example.com", "permission_level": "CAN_VIEW"}]}""");
    String notebookId = call(w, "GET", "/api/2.0/workspace/get-status", null, "path", NOTEBOOKS.get(1)[0])
        .path("object_id").asText();
    call(w, "PUT", "/api/2.0/permissions/notebooks/" + notebookId, """
        {"access_control_list": [{"group_name": "data-engineers", "permission_level": "CAN_RUN"}]}""");
    call(w, "PUT", "/api/2.0/permissions/instance-pools/" + poolId, """
        {"access_control_list": [{"service_principal_name": "%s", "permission_level": "CAN_ATTACH_TO"}]}"""
        .formatted(SP_APP_ID));
    call(w, "POST", "/api/2.0/secrets/acls/put", "{\"scope\": \"etl\", \"principal\": \"platform\", \"permission\": \"WRITE\"}");
  }

  static String groupId(WorkspaceClient w, String name) {
    for (Group g : w.groups().list(new com.databricks.sdk.service.iam.ListGroupsRequest())) {
      if (name.equals(g.getDisplayName())) {
        return g.getId();
      }
    }
    throw new IllegalStateException("no group " + name);
  }

  static String userId(WorkspaceClient w, String userName) {
    for (User u : w.users().list(new com.databricks.sdk.service.iam.ListUsersRequest())) {
      if (userName.equals(u.getUserName())) {
        return u.getId();
      }
    }
    throw new IllegalStateException("no user " + userName);
  }

  static String clusterId(WorkspaceClient w, String name) throws IOException {
    for (JsonNode c : call(w, "GET", "/api/2.1/clusters/list", null).path("clusters")) {
      if (name.equals(c.path("cluster_name").asText())) {
        return c.path("cluster_id").asText();
      }
    }
    throw new IllegalStateException("no cluster " + name);
  }

  static void importNotebook(WorkspaceClient w, String path, String language, String source) throws IOException {
    var body = JSON.createObjectNode().put("path", path).put("format", "SOURCE").put("language", language)
        .put("content", b64(source.getBytes(StandardCharsets.UTF_8))).put("overwrite", true);
    call(w, "POST", "/api/2.0/workspace/import", body.toString());
  }

  /** Streams a file through create / add-block (1 MB blocks, the API's limit) / close. */
  static void uploadDbfs(WorkspaceClient w, String path, byte[] data) throws IOException {
    long handle = call(w, "POST", "/api/2.0/dbfs/create",
        JSON.createObjectNode().put("path", path).put("overwrite", true).toString()).path("handle").asLong();
    for (int off = 0; off < data.length; off += 1 << 20) {
      byte[] block = Arrays.copyOfRange(data, off, Math.min(data.length, off + (1 << 20)));
      call(w, "POST", "/api/2.0/dbfs/add-block",
          JSON.createObjectNode().put("handle", handle).put("data", b64(block)).toString());
    }
    call(w, "POST", "/api/2.0/dbfs/close", JSON.createObjectNode().put("handle", handle).toString());
  }

  static JsonNode call(WorkspaceClient w, String method, String path, String body) throws IOException {
    return call(w, method, path, body, new String[0]);
  }

  /** A REST call through the SDK's client; query is name, value pairs. */
  static JsonNode call(WorkspaceClient w, String method, String path, String body, String... query) throws IOException {
    Request r = body == null ? new Request(method, path) : new Request(method, path, body);
    for (int i = 0; i + 1 < query.length; i += 2) {
      r.withQueryParam(query[i], query[i + 1]);
    }
    Object out = w.apiClient().execute(r, HashMap.class);
    return out == null ? JSON.createObjectNode() : JSON.valueToTree(out);
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
