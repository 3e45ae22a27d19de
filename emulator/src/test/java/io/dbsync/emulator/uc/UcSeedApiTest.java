package io.dbsync.emulator.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.CatalogIsolationMode;
import com.databricks.sdk.service.catalog.GetRegisteredModelRequest;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.TableType;
import com.databricks.sdk.service.catalog.VolumeType;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented seed format, read back through the SDK, and a dump that loads into a fresh emulator. */
class UcSeedApiTest {
  static final String SEED = """
      {"scim": {"groups": [{"displayName": "analysts"}]},
       "unity_catalog": {
        "metastore": {"metastore_id": "abcdef01-2345-4678-9abc-def012345678", "name": "prod-eu", "region": "eu-west-1"},
        "workspace_id": 4242, "default_catalog_name": "main",
        "storage_credentials": [{"name": "lake_cred", "aws_iam_role": {"role_arn": "arn:aws:iam::1:role/lake"}}],
        "external_locations": [{"name": "lake", "url": "s3://lake-bucket", "credential_name": "lake_cred", "owner": "analysts"}],
        "connections": [{"name": "pg", "connection_type": "POSTGRESQL", "options": {"host": "pg", "port": "5432", "user": "u", "password": "p"}}],
        "catalogs": [{"name": "main", "comment": "main catalog"},
                     {"name": "restricted", "storage_root": "s3://lake-bucket/restricted", "isolation_mode": "ISOLATED"},
                     {"name": "pg_cat", "connection_name": "pg", "options": {"database": "app"}}],
        "schemas": [{"catalog_name": "main", "name": "sales"}],
        "volumes": [{"catalog_name": "main", "schema_name": "sales", "name": "files", "volume_type": "EXTERNAL",
                     "storage_location": "s3://lake-bucket/files"}],
        "tables": [{"catalog_name": "main", "schema_name": "sales", "name": "orders", "table_type": "MANAGED",
                    "columns": [{"name": "id", "type_text": "bigint"}], "owner": "analysts"}],
        "statements": ["CREATE VIEW main.sales.big_orders AS SELECT * FROM main.sales.orders WHERE id > 100"],
        "registered_models": [{"catalog_name": "main", "schema_name": "sales", "name": "forecast", "versions": 2,
                               "aliases": {"champion": 2}}],
        "grants": {"catalog:main": {"analysts": ["USE_CATALOG", "USE_SCHEMA"]},
                   "table:main.sales.orders": {"analysts": ["SELECT"]}},
        "bindings": {"catalog:restricted": {"777": "BINDING_TYPE_READ_WRITE"}}}}
      """;

  @Test
  void seededObjectsAreServedAndTheDumpLoadsBack() throws Exception {
    JsonNode dump;
    try (Emulator e = new Emulator().start()) {
      e.seed(Json.parse(SEED));
      assertServed(UcSdkTest.client(e));
      dump = e.dump().get("unity_catalog");
      assertEquals(4242, dump.get("workspace_id").asLong());
      assertTrue(dump.get("grants").has("catalog:main"), dump.get("grants").toString());
    }
    try (Emulator copy = new Emulator().start()) {
      copy.seed(Json.parse("{\"scim\": {\"groups\": [{\"displayName\": \"analysts\"}]}}"));
      com.fasterxml.jackson.databind.node.ObjectNode seed = Json.object();
      seed.set("unity_catalog", dump);
      copy.seed(seed);
      assertServed(UcSdkTest.client(copy));
      JsonNode again = copy.dump().get("unity_catalog");
      assertEquals(names(dump, "catalogs"), names(again, "catalogs"));
      assertEquals(names(dump, "schemas"), names(again, "schemas"));
      assertEquals(names(dump, "tables"), names(again, "tables"));
      assertEquals(dump.get("grants"), again.get("grants"));
      assertEquals(dump.get("bindings"), again.get("bindings"));
    }
  }

  @Test
  void aWorkspaceWithoutMetastoreAnswersMetastoreDoesNotExist() throws Exception {
    try (Emulator e = new Emulator().start()) {
      e.seed(Json.parse("{\"unity_catalog\": {\"assigned\": false}}"));
      WorkspaceClient w = UcSdkTest.client(e);
      NotFound missing = assertThrows(NotFound.class, () -> w.metastores().summary());
      assertEquals("METASTORE_DOES_NOT_EXIST", missing.getErrorCode());
      assertThrows(NotFound.class, () -> w.metastores().current());
      assertThrows(NotFound.class, () -> UcSdkTest.all(w.catalogs().list(new ListCatalogsRequest())));
      assertEquals(false, e.dump().get("unity_catalog").get("assigned").asBoolean());
      String warehouse = w.warehouses().create(new com.databricks.sdk.service.sql.CreateWarehouseRequest().setName("wh"))
          .get().getId();
      var r = w.statementExecution().executeStatement(new com.databricks.sdk.service.sql.ExecuteStatementRequest()
          .setWarehouseId(warehouse).setStatement("CREATE TABLE main.s.t (id INT)"));
      assertTrue(r.getStatus().getError().getMessage().startsWith("[UC_NOT_ENABLED]"), r.getStatus().toString());
    }
  }

  private static List<String> names(JsonNode dump, String key) {
    return java.util.stream.StreamSupport.stream(dump.get(key).spliterator(), false)
        .map(o -> o.get("full_name").asText()).toList();
  }

  private static void assertServed(WorkspaceClient w) {
    assertEquals("abcdef01-2345-4678-9abc-def012345678", w.metastores().current().getMetastoreId());
    assertEquals(4242L, w.metastores().current().getWorkspaceId());
    assertEquals("main", w.metastores().current().getDefaultCatalogName());
    assertEquals("prod-eu", w.metastores().summary().getName());
    assertEquals("abcdef01-2345-4678-9abc-def012345678", w.catalogs().get("main").getMetastoreId());
    assertEquals("analysts", w.externalLocations().get("lake").getOwner());
    assertEquals("app", w.catalogs().get("pg_cat").getOptions().get("database"));
    assertEquals(VolumeType.EXTERNAL, w.volumes().read("main.sales.files").getVolumeType());
    assertEquals("analysts", w.tables().get("main.sales.orders").getOwner());
    assertEquals(TableType.VIEW, w.tables().get("main.sales.big_orders").getTableType());
    assertEquals(2L, w.registeredModels().get(new GetRegisteredModelRequest().setFullName("main.sales.forecast")
        .setIncludeAliases(true)).getAliases().iterator().next().getVersionNum());
    assertEquals(List.of(Privilege.SELECT), List.copyOf(w.grants().get("table", "main.sales.orders")
        .getPrivilegeAssignments().iterator().next().getPrivileges()));
    assertThrows(PermissionDenied.class, () -> w.catalogs().get("restricted"), "bound to workspace 777 only");
    assertEquals(CatalogIsolationMode.ISOLATED, UcSdkTest.all(w.catalogs().list(new ListCatalogsRequest().setIncludeUnbound(true)))
        .stream().filter(c -> c.getName().equals("restricted")).findFirst().orElseThrow().getIsolationMode());
  }
}
