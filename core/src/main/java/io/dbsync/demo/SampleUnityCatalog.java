package io.dbsync.demo;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Unity Catalog part of the sample workspace, one object of each kind through the REST API: a
 * storage credential, an external location, a connection, a managed catalog (isolated, bound to this
 * workspace and read-only to another), a foreign catalog, a schema, an external and a managed volume,
 * an external table, a registered model, and grants on each. Needs the groups and users of
 * {@link SampleWorkspace}; does nothing in a workspace without a metastore.
 */
final class SampleUnityCatalog {
  static final String UC = "/api/2.1/unity-catalog/";
  /** A second workspace of the account the demo catalog is shared with, read-only. */
  static final long OTHER_WORKSPACE = 2002;

  private final WorkspaceClient w;

  SampleUnityCatalog(WorkspaceClient w) {
    this.w = w;
  }

  void populate() throws IOException {
    JsonNode assignment = Rest.getOrNull(w, UC + "current-metastore-assignment");
    if (assignment == null) {
      return;
    }
    long self = assignment.path("workspace_id").asLong();
    post("storage-credentials", """
        {"name": "demo-cred", "comment": "reads the demo lake",
         "aws_iam_role": {"role_arn": "arn:aws:iam::123456789012:role/uc-demo-access"}}""");
    post("external-locations", """
        {"name": "demo-lake", "url": "s3://demo-lake/uc", "credential_name": "demo-cred", "comment": "the demo lake"}""");
    post("connections", """
        {"name": "demo-pg", "connection_type": "POSTGRESQL", "comment": "orders database",
         "options": {"host": "pg.example.com", "port": "5432", "user": "reader", "password": "demo-only-pg"}}""");
    post("catalogs", """
        {"name": "demo", "comment": "demo data", "storage_root": "s3://demo-lake/uc/catalogs/demo",
         "properties": {"team": "data"}}""");
    Rest.patch(w, UC + "catalogs/demo", TfJson.object().put("isolation_mode", "ISOLATED"));
    Rest.patch(w, UC + "bindings/catalog/demo", json("""
        {"add": [{"workspace_id": %d, "binding_type": "BINDING_TYPE_READ_WRITE"},
                 {"workspace_id": %d, "binding_type": "BINDING_TYPE_READ_ONLY"}]}""".formatted(self, OTHER_WORKSPACE)));
    post("catalogs", """
        {"name": "demo_pg", "connection_name": "demo-pg", "options": {"database": "orders"}}""");
    post("schemas", """
        {"catalog_name": "demo", "name": "sales", "comment": "sales data"}""");
    post("volumes", """
        {"catalog_name": "demo", "schema_name": "sales", "name": "raw_files", "volume_type": "EXTERNAL",
         "storage_location": "s3://demo-lake/uc/volumes/raw_files"}""");
    post("volumes", """
        {"catalog_name": "demo", "schema_name": "sales", "name": "landing", "volume_type": "MANAGED",
         "comment": "files dropped by partners"}""");
    post("tables", """
        {"catalog_name": "demo", "schema_name": "sales", "name": "orders", "table_type": "EXTERNAL",
         "data_source_format": "DELTA", "storage_location": "s3://demo-lake/uc/tables/orders",
         "columns": [
           {"name": "id", "type_text": "bigint", "type_name": "LONG", "position": 0, "nullable": false},
           {"name": "amount", "type_text": "decimal(10,2)", "type_name": "DECIMAL", "position": 1, "nullable": true,
            "comment": "in euros"}]}""");
    post("models", """
        {"catalog_name": "demo", "schema_name": "sales", "name": "churn", "comment": "churn prediction"}""");

    grant("catalog", "demo", "data-engineers", "USE_CATALOG", "USE_SCHEMA", "SELECT");
    grant("catalog", "demo_pg", "analyst@example.com", "USE_CATALOG");
    grant("schema", "demo.sales", "analyst@example.com", "USE_SCHEMA", "SELECT");
    grant("table", "demo.sales.orders", "data-engineers", "MODIFY", "SELECT");
    grant("volume", "demo.sales.raw_files", "data-engineers", "READ_VOLUME");
    grant("function", "demo.sales.churn", "data-engineers", "EXECUTE");
    grant("storage_credential", "demo-cred", "data-engineers", "READ_FILES");
    grant("external_location", "demo-lake", "data-engineers", "CREATE_EXTERNAL_TABLE", "READ_FILES");
    grant("connection", "demo-pg", "data-engineers", "USE_CONNECTION");
  }

  private void post(String collection, String body) throws IOException {
    Rest.post(w, UC + collection, json(body));
  }

  private static JsonNode json(String text) throws IOException {
    return TfJson.read(text.getBytes(StandardCharsets.UTF_8));
  }

  private void grant(String type, String name, String principal, String... privileges) throws IOException {
    ObjectNode body = TfJson.object();
    ArrayNode add = body.putArray("changes").addObject().put("principal", principal).putArray("add");
    for (String p : privileges) {
      add.add(p);
    }
    Rest.patch(w, UC + "permissions/" + type + "/" + name, body);
  }
}
