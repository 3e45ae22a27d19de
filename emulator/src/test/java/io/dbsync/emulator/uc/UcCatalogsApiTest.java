package io.dbsync.emulator.uc;

import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CatalogIsolationMode;
import com.databricks.sdk.service.catalog.CatalogType;
import com.databricks.sdk.service.catalog.ConnectionType;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateConnection;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.GetMetastoreSummaryResponse;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.MetastoreAssignment;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.SecurableType;
import com.databricks.sdk.service.catalog.UpdateCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.meta.MetaFamily;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metastore assignment and catalogs through the official SDK. */
class UcCatalogsApiTest extends UcSdkTest {

  @Test
  void currentMetastoreAndSummary() {
    MetastoreAssignment a = w.metastores().current();
    assertEquals(Long.parseLong(MetaFamily.WORKSPACE_ID), a.getWorkspaceId());
    assertEquals("hive_metastore", a.getDefaultCatalogName());
    GetMetastoreSummaryResponse s = w.metastores().summary();
    assertEquals(a.getMetastoreId(), s.getMetastoreId());
    assertEquals("us-east-1", s.getRegion());
    assertEquals("aws", s.getCloud());
    assertEquals("aws:us-east-1:" + s.getMetastoreId(), s.getGlobalMetastoreId());
    assertEquals(s.getMetastoreId(), w.metastores().get(s.getMetastoreId()).getMetastoreId());
    assertApiError(NotFound.class, "METASTORE_DOES_NOT_EXIST", () -> w.metastores().get("nope"));
  }

  @Test
  void builtInCatalogsAreListedAndReadOnly() {
    CatalogInfo system = w.catalogs().get("system");
    assertEquals(CatalogType.SYSTEM_CATALOG, system.getCatalogType());
    assertEquals("System user", system.getOwner());
    assertEquals(Boolean.FALSE, system.getBrowseOnly());
    CatalogInfo hive = w.catalogs().get("hive_metastore");
    assertEquals(CatalogType.INTERNAL_CATALOG, hive.getCatalogType());
    List<String> names = all(w.catalogs().list(new ListCatalogsRequest())).stream().map(CatalogInfo::getName).toList();
    assertTrue(names.containsAll(List.of("hive_metastore", "system")), names.toString());
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.catalogs().delete("system"));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE",
        () -> w.catalogs().update(new UpdateCatalog().setName("system").setComment("x")));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE",
        () -> w.schemas().create(new CreateSchema().setCatalogName("system").setName("mine")));
  }

  @Test
  void managedCatalogCrudIsCaseInsensitive() {
    CatalogInfo c = w.catalogs().create(new CreateCatalog().setName("Sales").setComment("eu sales")
        .setProperties(Map.of("team", "bi")));
    assertEquals("sales", c.getName());
    assertEquals("sales", c.getFullName());
    assertEquals(CatalogType.MANAGED_CATALOG, c.getCatalogType());
    assertEquals(CatalogIsolationMode.OPEN, c.getIsolationMode());
    assertEquals(SecurableType.CATALOG, c.getSecurableType());
    assertEquals(emu.workspace().adminUser(), c.getOwner());
    assertEquals(emu.workspace().adminUser(), c.getCreatedBy());
    assertNotNull(c.getCreatedAt());
    assertEquals(w.metastores().current().getMetastoreId(), c.getMetastoreId());
    assertTrue(c.getStorageLocation().contains("/__unitystorage/catalogs/"), c.getStorageLocation());
    assertEquals("eu sales", w.catalogs().get("SALES").getComment());
    JsonNode raw = rawGet("/api/2.1/unity-catalog/catalogs/sales");
    assertEquals("CATALOG_STANDARD", raw.get("securable_kind").asText());

    List<String> schemas = all(w.schemas().list("sales")).stream().map(SchemaInfo::getName).toList();
    assertEquals(List.of("default", "information_schema"), schemas);

    assertApiError(BadRequest.class, "CATALOG_ALREADY_EXISTS", () -> w.catalogs().create(new CreateCatalog().setName("SALES")));
    assertApiError(NotFound.class, "CATALOG_DOES_NOT_EXIST", () -> w.catalogs().get("nope"));

    CatalogInfo u = w.catalogs().update(new UpdateCatalog().setName("sales").setComment("all sales")
        .setOwner("admins").setProperties(Map.of("team", "finance")));
    assertEquals("all sales", u.getComment());
    assertEquals("admins", u.getOwner());
    assertEquals(Map.of("team", "finance"), u.getProperties());
    assertApiError(NotFound.class, "PRINCIPAL_DOES_NOT_EXIST",
        () -> w.catalogs().update(new UpdateCatalog().setName("sales").setOwner("nobody@example.com")));

    w.catalogs().delete("sales");
    assertApiError(NotFound.class, "CATALOG_DOES_NOT_EXIST", () -> w.catalogs().get("sales"));
  }

  @Test
  void nonEmptyCatalogNeedsForceAndRenameMovesChildren() {
    w.catalogs().create(new CreateCatalog().setName("ops"));
    w.schemas().create(new CreateSchema().setCatalogName("ops").setName("raw"));
    assertApiError(BadRequest.class, "CATALOG_NOT_EMPTY", () -> w.catalogs().delete("ops"));

    w.catalogs().update(new UpdateCatalog().setName("ops").setNewName("operations"));
    assertEquals("operations.raw", w.schemas().get("operations.raw").getFullName());
    assertEquals("operations", w.schemas().get("operations.raw").getCatalogName());
    assertApiError(NotFound.class, "CATALOG_DOES_NOT_EXIST", () -> w.schemas().get("ops.raw"));

    w.catalogs().delete(new DeleteCatalogRequest().setName("operations").setForce(true));
    assertApiError(NotFound.class, "SCHEMA_DOES_NOT_EXIST", () -> {
      w.catalogs().create(new CreateCatalog().setName("operations"));
      try {
        w.schemas().get("operations.raw");
      } finally {
        w.catalogs().delete("operations");
      }
    });
  }

  @Test
  void paginationWalksEveryCatalogOnce() throws Exception {
    emu.seed(Json.parse("{\"unity_catalog\": {\"page_size\": 3}}"));
    try {
      for (int i = 0; i < 7; i++) {
        w.catalogs().create(new CreateCatalog().setName("page_" + i));
      }
      List<String> names = all(w.catalogs().list(new ListCatalogsRequest())).stream().map(CatalogInfo::getName)
          .filter(n -> n.startsWith("page_")).toList();
      assertEquals(List.of("page_0", "page_1", "page_2", "page_3", "page_4", "page_5", "page_6"), names);
      Raw first = raw("GET", "/api/2.1/unity-catalog/catalogs?max_results=2", null);
      assertEquals(2, first.body().get("catalogs").size());
      assertTrue(first.body().has("next_page_token"));
      Raw unpaged = raw("GET", "/api/2.1/unity-catalog/catalogs", null);
      assertFalse(unpaged.body().has("next_page_token"), "no max_results lists everything");
      assertEquals(400, raw("GET", "/api/2.1/unity-catalog/catalogs?max_results=-1", null).status());
    } finally {
      emu.seed(Json.parse("{\"unity_catalog\": {\"page_size\": 100}}"));
      for (int i = 0; i < 7; i++) {
        w.catalogs().delete("page_" + i);
      }
    }
  }

  @Test
  void foreignCatalogNeedsItsConnection() {
    assertApiError(NotFound.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.catalogs().create(new CreateCatalog().setName("pg").setConnectionName("pg_conn")));
    w.connections().create(new CreateConnection().setName("pg_conn").setConnectionType(ConnectionType.POSTGRESQL)
        .setOptions(Map.of("host", "db.example.com", "port", "5432", "user", "u", "password", "p")));
    CatalogInfo c = w.catalogs().create(new CreateCatalog().setName("pg").setConnectionName("pg_conn")
        .setOptions(Map.of("database", "orders")));
    assertEquals(CatalogType.FOREIGN_CATALOG, c.getCatalogType());
    assertEquals("pg_conn", c.getConnectionName());
    assertEquals(Map.of("database", "orders"), c.getOptions());
    assertNull(c.getStorageLocation());
    assertEquals("CATALOG_FOREIGN_POSTGRESQL", rawGet("/api/2.1/unity-catalog/catalogs/pg").get("securable_kind").asText());
    assertTrue(all(w.schemas().list("pg")).isEmpty());
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.connections().delete("pg_conn"));
    w.catalogs().delete("pg");
    w.connections().delete("pg_conn");
  }

  private JsonNode rawGet(String path) {
    try {
      Raw r = raw("GET", path, null);
      assertEquals(200, r.status(), r.body().toString());
      return r.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
