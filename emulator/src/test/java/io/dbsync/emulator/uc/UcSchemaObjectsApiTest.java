package io.dbsync.emulator.uc;

import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateRegisteredModelRequest;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.CreateTableRequest;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.DataSourceFormat;
import com.databricks.sdk.service.catalog.DeleteSchemaRequest;
import com.databricks.sdk.service.catalog.GetRegisteredModelRequest;
import com.databricks.sdk.service.catalog.GetTableRequest;
import com.databricks.sdk.service.catalog.ListRegisteredModelsRequest;
import com.databricks.sdk.service.catalog.ListSummariesRequest;
import com.databricks.sdk.service.catalog.ListTablesRequest;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.SecurableKind;
import com.databricks.sdk.service.catalog.SetRegisteredModelAliasRequest;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableSummary;
import com.databricks.sdk.service.catalog.TableType;
import com.databricks.sdk.service.catalog.UpdateRegisteredModelRequest;
import com.databricks.sdk.service.catalog.UpdateSchema;
import com.databricks.sdk.service.catalog.UpdateTableRequest;
import com.databricks.sdk.service.catalog.UpdateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.catalog.VolumeType;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schemas and what lives in them (volumes, tables, registered models) through the official SDK. */
class UcSchemaObjectsApiTest extends UcSdkTest {

  @BeforeAll
  void catalog() {
    w.catalogs().create(new CreateCatalog().setName("lake"));
    externalLocation("bucket", "data-bucket/uc");
  }

  @Test
  void schemaCrudAndOrdering() {
    assertApiError(NotFound.class, "CATALOG_DOES_NOT_EXIST",
        () -> w.schemas().create(new CreateSchema().setCatalogName("nope").setName("s")));
    SchemaInfo s = w.schemas().create(new CreateSchema().setCatalogName("LAKE").setName("Bronze").setComment("raw")
        .setProperties(Map.of("layer", "1")));
    assertEquals("lake.bronze", s.getFullName());
    assertEquals("lake", s.getCatalogName());
    assertNotNull(s.getSchemaId());
    assertEquals(emu.workspace().adminUser(), s.getOwner());
    assertApiError(BadRequest.class, "SCHEMA_ALREADY_EXISTS",
        () -> w.schemas().create(new CreateSchema().setCatalogName("lake").setName("BRONZE")));
    assertApiError(NotFound.class, "SCHEMA_DOES_NOT_EXIST", () -> w.schemas().get("lake.silver"));

    SchemaInfo managed = w.schemas().create(new CreateSchema().setCatalogName("lake").setName("gold")
        .setStorageRoot("s3://data-bucket/uc/gold"));
    assertEquals("s3://data-bucket/uc/gold", managed.getStorageRoot());
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.schemas().create(new CreateSchema()
        .setCatalogName("lake").setName("elsewhere").setStorageRoot("s3://other-bucket/x")));

    SchemaInfo u = w.schemas().update(new UpdateSchema().setFullName("lake.bronze").setNewName("landing")
        .setComment("landing zone"));
    assertEquals("lake.landing", u.getFullName());
    assertEquals("landing zone", w.schemas().get("lake.landing").getComment());
    w.schemas().delete("lake.landing");
    w.schemas().delete("lake.gold");
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.schemas().delete("lake.information_schema"));
  }

  @Test
  void volumesManagedAndExternal() {
    w.schemas().create(new CreateSchema().setCatalogName("lake").setName("files"));
    VolumeInfo managed = w.volumes().create(new CreateVolumeRequestContent().setCatalogName("lake").setSchemaName("files")
        .setName("Uploads").setVolumeType(VolumeType.MANAGED).setComment("user uploads"));
    assertEquals("lake.files.uploads", managed.getFullName());
    assertEquals(VolumeType.MANAGED, managed.getVolumeType());
    assertTrue(managed.getStorageLocation().contains("/volumes/"), managed.getStorageLocation());
    assertNotNull(managed.getVolumeId());

    VolumeInfo external = w.volumes().create(new CreateVolumeRequestContent().setCatalogName("lake").setSchemaName("files")
        .setName("landing").setVolumeType(VolumeType.EXTERNAL).setStorageLocation("s3://data-bucket/uc/landing"));
    assertEquals("s3://data-bucket/uc/landing", external.getStorageLocation());
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.volumes().create(new CreateVolumeRequestContent()
        .setCatalogName("lake").setSchemaName("files").setName("nested").setVolumeType(VolumeType.EXTERNAL)
        .setStorageLocation("s3://data-bucket/uc/landing/2024")));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.volumes().create(new CreateVolumeRequestContent()
        .setCatalogName("lake").setSchemaName("files").setName("outside").setVolumeType(VolumeType.EXTERNAL)
        .setStorageLocation("s3://not-a-location/x")));
    assertApiError(NotFound.class, "SCHEMA_DOES_NOT_EXIST", () -> w.volumes().create(new CreateVolumeRequestContent()
        .setCatalogName("lake").setSchemaName("nope").setName("v").setVolumeType(VolumeType.MANAGED)));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS", () -> w.volumes().create(
        new CreateVolumeRequestContent().setCatalogName("lake").setSchemaName("files").setName("uploads")
            .setVolumeType(VolumeType.MANAGED)));

    assertEquals(List.of("lake.files.landing", "lake.files.uploads"),
        all(w.volumes().list("lake", "files")).stream().map(VolumeInfo::getFullName).toList());
    VolumeInfo renamed = w.volumes().update(new UpdateVolumeRequestContent().setName("lake.files.uploads")
        .setNewName("inbox").setOwner("admins"));
    assertEquals("lake.files.inbox", renamed.getFullName());
    assertEquals("admins", w.volumes().read("lake.files.inbox").getOwner());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.volumes().read("lake.files.uploads"));

    assertApiError(BadRequest.class, "SCHEMA_NOT_EMPTY", () -> w.schemas().delete("lake.files"));
    w.schemas().delete(new DeleteSchemaRequest().setFullName("lake.files").setForce(true));
    assertApiError(NotFound.class, "SCHEMA_DOES_NOT_EXIST", () -> w.volumes().read("lake.files.inbox"));
  }

  @Test
  void tablesListGetSummariesAndOwner() {
    w.schemas().create(new CreateSchema().setCatalogName("lake").setName("sales"));
    emu.seed(Json.parse("""
        {"unity_catalog": {"tables": [
          {"catalog_name": "lake", "schema_name": "sales", "name": "orders", "table_type": "MANAGED",
           "columns": [{"name": "id", "type_text": "bigint", "nullable": false},
                       {"name": "amount", "type_text": "decimal(10,2)", "comment": "eur"}]},
          {"catalog_name": "lake", "schema_name": "sales", "name": "order_view", "table_type": "VIEW",
           "view_definition": "SELECT id FROM lake.sales.orders"}]}}"""));
    TableInfo orders = w.tables().get("LAKE.sales.Orders");
    assertEquals("lake.sales.orders", orders.getFullName());
    assertEquals(TableType.MANAGED, orders.getTableType());
    assertEquals(DataSourceFormat.DELTA, orders.getDataSourceFormat());
    List<ColumnInfo> cols = new ArrayList<>(orders.getColumns());
    assertEquals(ColumnTypeName.LONG, cols.get(0).getTypeName());
    assertEquals(Boolean.FALSE, cols.get(0).getNullable());
    assertEquals(ColumnTypeName.DECIMAL, cols.get(1).getTypeName());
    assertEquals(10L, cols.get(1).getTypePrecision());
    assertEquals(2L, cols.get(1).getTypeScale());
    assertEquals(1L, cols.get(1).getPosition());
    assertTrue(cols.get(1).getTypeJson().contains("\"comment\":\"eur\""), cols.get(1).getTypeJson());
    assertEquals("1", orders.getProperties().get("delta.minReaderVersion"));
    assertNotNull(orders.getTableId());
    assertTrue(orders.getStorageLocation().contains("/tables/"), orders.getStorageLocation());

    TableInfo view = w.tables().get(new GetTableRequest().setFullName("lake.sales.order_view").setIncludeManifestCapabilities(true));
    assertEquals(TableType.VIEW, view.getTableType());
    assertEquals("SELECT id FROM lake.sales.orders", view.getViewDefinition());
    assertEquals(SecurableKind.TABLE_VIEW, view.getSecurableKindManifest().getSecurableKind());

    List<TableInfo> listed = all(w.tables().list(new ListTablesRequest().setCatalogName("lake").setSchemaName("sales")
        .setOmitColumns(true)));
    assertEquals(List.of("lake.sales.order_view", "lake.sales.orders"), listed.stream().map(TableInfo::getFullName).toList());
    assertNull(listed.get(1).getColumns());
    List<TableSummary> summaries = all(w.tables().listSummaries(new ListSummariesRequest().setCatalogName("lake")
        .setSchemaNamePattern("sal%").setTableNamePattern("order_")));
    assertEquals(List.of("lake.sales.orders"), summaries.stream().map(TableSummary::getFullName).toList(),
        "_ is one character: order_view does not match");
    assertEquals(TableType.MANAGED, summaries.get(0).getTableType());
    assertEquals(2, all(w.tables().listSummaries("lake")).size());
    assertTrue(all(w.tables().listSummaries(new ListSummariesRequest().setCatalogName("lake").setSchemaNamePattern("x%")))
        .isEmpty());

    assertTrue(w.tables().exists("lake.sales.orders").getTableExists());
    assertFalse(w.tables().exists("lake.sales.nope").getTableExists());
    assertApiError(NotFound.class, "TABLE_DOES_NOT_EXIST", () -> w.tables().get("lake.sales.nope"));

    w.tables().update(new UpdateTableRequest().setFullName("lake.sales.orders").setOwner("admins"));
    assertEquals("admins", w.tables().get("lake.sales.orders").getOwner());
    w.tables().delete("lake.sales.order_view");
    assertApiError(NotFound.class, "TABLE_DOES_NOT_EXIST", () -> w.tables().get("lake.sales.order_view"));
  }

  @Test
  void createTableApiMakesExternalDeltaOnly() {
    w.schemas().create(new CreateSchema().setCatalogName("lake").setName("ext"));
    TableInfo t = w.tables().create(new CreateTableRequest().setCatalogName("lake").setSchemaName("ext").setName("events")
        .setTableType(TableType.EXTERNAL).setDataSourceFormat(DataSourceFormat.DELTA)
        .setStorageLocation("s3://data-bucket/uc/events")
        .setColumns(List.of(new ColumnInfo().setName("id").setTypeText("int").setTypeName(ColumnTypeName.INT).setPosition(0L))));
    assertEquals(TableType.EXTERNAL, t.getTableType());
    assertEquals("s3://data-bucket/uc/events", t.getStorageLocation());
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.tables().create(new CreateTableRequest()
        .setCatalogName("lake").setSchemaName("ext").setName("m").setTableType(TableType.MANAGED)
        .setDataSourceFormat(DataSourceFormat.DELTA)));
    assertApiError(BadRequest.class, "TABLE_ALREADY_EXISTS", () -> w.tables().create(new CreateTableRequest()
        .setCatalogName("lake").setSchemaName("ext").setName("events").setTableType(TableType.EXTERNAL)
        .setDataSourceFormat(DataSourceFormat.DELTA).setStorageLocation("s3://data-bucket/uc/events2")));
  }

  @Test
  void registeredModelsWithAliases() {
    w.schemas().create(new CreateSchema().setCatalogName("lake").setName("ml"));
    RegisteredModelInfo m = w.registeredModels().create(new CreateRegisteredModelRequest().setCatalogName("lake")
        .setSchemaName("ml").setName("Churn").setComment("churn model"));
    assertEquals("lake.ml.churn", m.getFullName());
    assertEquals(emu.workspace().adminUser(), m.getOwner());
    assertNotNull(m.getStorageLocation());
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS", () -> w.registeredModels().create(
        new CreateRegisteredModelRequest().setCatalogName("lake").setSchemaName("ml").setName("churn")));

    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.registeredModels().setAlias(
        new SetRegisteredModelAliasRequest().setFullName("lake.ml.churn").setAlias("champion").setVersionNum(1L)));
    emu.seed(Json.parse("""
        {"unity_catalog": {"registered_models": [
          {"catalog_name": "lake", "schema_name": "ml", "name": "fraud", "versions": 3, "aliases": {"prod": 2}}]}}"""));
    RegisteredModelAlias a = w.registeredModels().setAlias(new SetRegisteredModelAliasRequest()
        .setFullName("lake.ml.fraud").setAlias("Champion").setVersionNum(3L));
    assertEquals("champion", a.getAliasName());
    assertEquals(3L, a.getVersionNum());
    RegisteredModelInfo fraud = w.registeredModels().get(new GetRegisteredModelRequest().setFullName("lake.ml.fraud")
        .setIncludeAliases(true));
    assertEquals(Map.of("champion", 3L, "prod", 2L), fraud.getAliases().stream()
        .collect(java.util.stream.Collectors.toMap(RegisteredModelAlias::getAliasName, RegisteredModelAlias::getVersionNum)));
    assertNull(w.registeredModels().get("lake.ml.fraud").getAliases(), "aliases only with include_aliases");
    w.registeredModels().deleteAlias("lake.ml.fraud", "prod");
    assertEquals(1, w.registeredModels().get(new GetRegisteredModelRequest().setFullName("lake.ml.fraud")
        .setIncludeAliases(true)).getAliases().size());

    assertEquals(List.of("lake.ml.churn", "lake.ml.fraud"), all(w.registeredModels().list(new ListRegisteredModelsRequest()
        .setCatalogName("lake").setSchemaName("ml"))).stream().map(RegisteredModelInfo::getFullName).toList());
    RegisteredModelInfo u = w.registeredModels().update(new UpdateRegisteredModelRequest().setFullName("lake.ml.churn")
        .setComment("v2").setNewName("attrition"));
    assertEquals("lake.ml.attrition", u.getFullName());
    w.registeredModels().delete("lake.ml.attrition");
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.registeredModels().get("lake.ml.attrition"));
  }
}
