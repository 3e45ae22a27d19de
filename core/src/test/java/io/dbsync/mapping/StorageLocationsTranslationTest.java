package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Storage prefixes reach the Hive metastore and the mounts as the export writes them (golden
 * metastore/ and mount/ files): an external table's storage_location, a database's location variable
 * default, and every mount storage block (s3, gs, abfs, wasb, adl) or uri.
 */
class StorageLocationsTranslationTest {
  @TempDir
  Path tmp;

  static final String HIVE = """
      {"variable": {"hive_location_sales": {"default": "s3://dr-bucket/sales.db"}},
       "resource": {
        "databricks_schema": {"sales": {"catalog_name": "hive_metastore", "name": "sales",
            "storage_root": "${var.hive_location_sales}"}},
        "databricks_sql_table": {"ext": {"catalog_name": "hive_metastore", "schema_name": "${databricks_schema.sales.name}",
            "name": "ext_events", "table_type": "EXTERNAL", "data_source_format": "PARQUET",
            "storage_location": "s3://dr-bucket/events", "column": [{"name": "id", "type": "BIGINT"}]}}
      }}
      """;

  static final String MOUNTS = """
      {"resource": {"databricks_mount": {
        "raw": {"name": "raw", "s3": {"bucket_name": "dr-raw-bucket"}},
        "blob": {"name": "blob", "wasb": {"container_name": "archive", "storage_account_name": "blobacct",
            "auth_type": "${var.mount_blob_auth_type}", "token_secret_scope": "${var.mount_blob_token_secret_scope}",
            "token_secret_key": "${var.mount_blob_token_secret_key}"}},
        "gen1": {"name": "gen1", "adl": {"storage_resource_name": "lakegen1", "directory": "/landing",
            "client_id": "${var.mount_gen1_client_id}"}},
        "logs": {"name": "logs", "uri": "s3a://dr-logs/app"}
      }}}
      """;

  private static final String AZURE_STORAGE = """
      storage:
        "s3://dr-bucket/": "abfss://dr@lake.dfs.core.windows.net/"
        "s3://dr-raw-bucket/": "abfss://raw@lake.dfs.core.windows.net/"
        "s3a://dr-logs/": "abfss://logs@lake.dfs.core.windows.net/"
      """;

  @Test
  void hiveTableLocationsAndDatabaseLocationDefaultsFollowTheStoragePrefixes() throws Exception {
    Translation t = Mapping.parse(AZURE_STORAGE, null).translate(Configs.read(tmp, HIVE), Target.of(Cloud.AWS, Cloud.AZURE, null));
    assertEquals(List.of(), t.needs());
    assertEquals("abfss://dr@lake.dfs.core.windows.net/events",
        Configs.attrs(t.config(), "databricks_sql_table.ext").path("storage_location").asText());
    assertEquals("${var.hive_location_sales}", Configs.attrs(t.config(), "databricks_schema.sales").path("storage_root").asText());
    assertEquals("abfss://dr@lake.dfs.core.windows.net/sales.db",
        t.config().variables().get("hive_location_sales").defaultValue().asText());
  }

  @Test
  void aHiveLocationOnAnotherCloudsStorageWithoutAnEntryIsANeed() throws Exception {
    Translation t = Mapping.none().translate(Configs.read(tmp, HIVE), Target.of(Cloud.AWS, Cloud.AZURE, null));
    assertEquals(List.of(new Need("storage s3://dr-bucket/ is aws storage",
        "storage: {\"s3://dr-bucket/\": \"<azure storage URL>\"}", List.of("databricks_sql_table.ext"))), t.needs());
  }

  @Test
  void mountSourcesFollowTheStoragePrefixes() throws Exception {
    DesiredConfig config = Configs.read(tmp, MOUNTS);
    Translation t = Mapping.parse(AZURE_STORAGE, null).translate(config, Target.of(Cloud.AWS, Cloud.AZURE, null));
    assertEquals(List.of(), t.needs(), "Azure mounts stay on an Azure target");
    JsonNode raw = Configs.attrs(t.config(), "databricks_mount.raw");
    assertNull(raw.get("s3"));
    assertEquals("abfss://raw@lake.dfs.core.windows.net", raw.path("uri").asText());
    assertEquals("abfss://logs@lake.dfs.core.windows.net/app", Configs.attrs(t.config(), "databricks_mount.logs").path("uri").asText());
  }

  @Test
  void azureMountsMovedWithinAzureKeepTheirBlockAndCredentials() throws Exception {
    Translation t = Mapping.parse("""
        storage:
          "wasbs://archive@blobacct.blob.core.windows.net/": "wasbs://cold@newacct.blob.core.windows.net/old/"
          "adl://lakegen1.azuredatalakestore.net/": "abfss://landing@lake.dfs.core.windows.net/"
        """, null).translate(Configs.read(tmp, MOUNTS), Target.of(Cloud.AZURE, Cloud.AZURE, null));
    assertEquals(List.of(), t.needs());
    assertEquals(TfJson.MAPPER.readTree("""
        {"container_name": "cold", "storage_account_name": "newacct", "directory": "/old",
         "auth_type": "${var.mount_blob_auth_type}", "token_secret_scope": "${var.mount_blob_token_secret_scope}",
         "token_secret_key": "${var.mount_blob_token_secret_key}"}"""), Configs.attrs(t.config(), "databricks_mount.blob").get("wasb"));
    JsonNode gen1 = Configs.attrs(t.config(), "databricks_mount.gen1");
    assertNull(gen1.get("adl"), "Gen1 to Gen2 is another kind of storage: the Gen1 credentials do not apply");
    assertEquals("abfss://landing@lake.dfs.core.windows.net/landing", gen1.path("uri").asText());
  }

  @Test
  void azureMountsWithoutAnEntryOnAnAwsTargetAreNeeds() throws Exception {
    Translation t = Mapping.none().translate(Configs.read(tmp, MOUNTS), Target.of(Cloud.AZURE, Cloud.AWS, null));
    assertEquals(List.of("storage: {\"adl://lakegen1.azuredatalakestore.net/\": \"<aws storage URL>\"}",
            "storage: {\"wasbs://archive@blobacct.blob.core.windows.net/\": \"<aws storage URL>\"}"),
        t.needs().stream().map(Need::entry).toList());
  }
}
