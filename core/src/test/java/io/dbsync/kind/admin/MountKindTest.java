package io.dbsync.kind.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.emulator.Json;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.plan.Differ;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountKindTest {
  private final MountKind kind = new MountKind();

  static void seedCluster(TestWorkspace ws, String id, String state) {
    ws.emulator().seed(Json.parse("""
        {"clusters": [{"cluster_id": "%s", "cluster_name": "mounts", "spark_version": "15.4.x-scala2.12",
          "node_type_id": "i3.xlarge", "num_workers": 0, "state": "%s"}]}""".formatted(id, state)));
  }

  /** The variable values a DR admin supplies for the Azure mounts. */
  private static final Map<String, String> VARS = AdminTestSupport.map(
      "mount_gen1_client_id", "11111111-aaaa-bbbb-cccc-000000000001",
      "mount_gen1_tenant_id", "tenant-1",
      "mount_gen1_client_secret_scope", "dr-kv",
      "mount_gen1_client_secret_key", "gen1-secret",
      "mount_gen2_curated_9a83c82d_client_id", "11111111-aaaa-bbbb-cccc-000000000002",
      "mount_gen2_curated_9a83c82d_tenant_id", "tenant-2",
      "mount_gen2_curated_9a83c82d_client_secret_scope", "dr-kv",
      "mount_gen2_curated_9a83c82d_client_secret_key", "gen2-secret",
      "mount_blob_auth_type", "SAS",
      "mount_blob_token_secret_scope", "dr-kv",
      "mount_blob_token_secret_key", "blob-sas");

  @Test
  void s3AdlAbfsAndWasbMountsRoundTrip(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      seedCluster(src, "1125-090000-srcmnt01", "RUNNING");
      src.emulator().seed(Json.parse("""
          {"commands": {"mounts": [
            {"mountPoint": "/mnt/raw-s3", "source": "s3a://dr-raw-bucket"},
            {"mountPoint": "/mnt/gen1", "source": "adl://lakegen1.azuredatalakestore.net/landing"},
            {"mountPoint": "/mnt/gen2/curated", "source": "abfss://curated@lakegen2.dfs.core.windows.net/gold"},
            {"mountPoint": "/mnt/blob", "source": "wasbs://archive@blobacct.blob.core.windows.net"}
          ]}}"""));
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("mount"), dir);
      List<SourceObject> listed = kind.list(ectx);
      assertEquals(List.of("blob", "gen1", "gen2/curated", "raw-s3"), listed.stream().map(SourceObject::id).toList());

      List<ExportedResource> exported = new ArrayList<>();
      for (SourceObject o : listed) {
        exported.addAll(KindHarness.export(kind, ectx, o));
      }
      AdminTestSupport.assertGolden("mount", "mounts.tf.json", exported);
      assertEquals(VARS.keySet(), ectx.variables.keySet());
      assertTrue(ectx.warnings.isEmpty(), ectx.warnings.toString());

      seedCluster(dst, "1125-090000-dstmnt01", "RUNNING");
      ApplyContext actx = KindHarness.applying(dst.client());
      for (ExportedResource r : exported) {
        ObjectNode desired = AdminTestSupport.resolve(r.attrs(), VARS, Map.of());
        String name = desired.get("name").asText();
        assertTrue(kind.adopt(actx, desired).isEmpty());
        assertEquals(name, kind.create(actx, desired));
        ObjectNode refreshed = kind.refresh(actx, name).orElseThrow();
        assertTrue(Differ.diff(desired, refreshed, desired, kind.forceNew(), kind.replaceOnAnyChange(), kind.writeOnly()).empty(),
            "refresh differs for " + name + ": " + refreshed);
        assertSubset(refreshed, desired);
        assertEquals(Optional.of(name), kind.adopt(actx, desired));
      }

      Map<String, String> configs = new java.util.TreeMap<>();
      for (JsonNode m : dst.emulator().dump().get("commands").get("mounts")) {
        m.get("extraConfigs").properties().forEach(e -> configs.put(m.get("mountPoint").asText() + " " + e.getKey(), e.getValue().asText()));
      }
      assertEquals("{{secrets/dr-kv/gen2-secret}}", configs.get("/mnt/gen2/curated fs.azure.account.oauth2.client.secret"));
      assertEquals("https://login.microsoftonline.com/tenant-2/oauth2/token", configs.get("/mnt/gen2/curated fs.azure.account.oauth2.client.endpoint"));
      assertEquals("false", configs.get("/mnt/gen2/curated fs.azure.createRemoteFileSystemDuringInitialization"));
      assertEquals("{{secrets/dr-kv/gen1-secret}}", configs.get("/mnt/gen1 fs.adl.oauth2.credential"));
      assertEquals("{{secrets/dr-kv/blob-sas}}", configs.get("/mnt/blob fs.azure.sas.archive.blobacct.blob.core.windows.net"));
      assertEquals(Map.of(), configs.entrySet().stream().filter(e -> e.getKey().startsWith("/mnt/raw-s3"))
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

      // the target now lists exactly what the source had
      TestExportContext again = new TestExportContext(dst.client(), KindSettings.empty("mount"), dir.resolve("again"));
      List<String> sources = new ArrayList<>();
      for (SourceObject o : kind.list(again)) {
        sources.add(o.details().get("source").asText());
      }
      assertEquals(List.of("wasbs://archive@blobacct.blob.core.windows.net", "adl://lakegen1.azuredatalakestore.net/landing",
          "abfss://curated@lakegen2.dfs.core.windows.net/gold", "s3a://dr-raw-bucket"), sources);

      ObjectNode gen1 = AdminTestSupport.resolve(exported.get(1).attrs(), VARS, Map.of());
      kind.delete(actx, "gen1", gen1);
      assertNull(KindHarness.read(kind, dst.client(), "gen1"));
      kind.delete(actx, "gen1", gen1);
    }
  }

  @Test
  void patternsSelectByNameAndSourcesWithoutBlocksUseUri(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      seedCluster(src, "1125-090000-srcmnt02", "RUNNING");
      src.emulator().seed(Json.parse("""
          {"commands": {"mounts": [
            {"mountPoint": "/mnt/raw-s3", "source": "s3a://bucket/with/prefix"},
            {"mountPoint": "/mnt/gcs", "source": "gs://gcs-bucket"},
            {"mountPoint": "/mnt/other", "source": "s3a://bucket-two"}
          ]}}"""));
      KindSettings settings = new KindSettings("mount", TfJson.MAPPER.readTree("{\"patterns\": [\"raw*\", \"gc?\"]}"));
      TestExportContext ectx = new TestExportContext(src.client(), settings, dir);
      List<SourceObject> listed = kind.list(ectx);
      assertEquals(List.of("gcs", "raw-s3"), listed.stream().map(SourceObject::id).toList());
      ObjectNode gcs = KindHarness.export(kind, ectx, listed.get(0)).get(0).attrs();
      assertEquals("gcs-bucket", gcs.get("gs").get("bucket_name").asText());
      ObjectNode raw = KindHarness.export(kind, ectx, listed.get(1)).get(0).attrs();
      assertEquals("s3a://bucket/with/prefix", raw.get("uri").asText());
      assertFalse(raw.has("s3"));
    }
  }

  @Test
  void listingFailsWithoutARunningCluster(@TempDir Path dir) {
    try (TestWorkspace src = TestWorkspace.start()) {
      seedCluster(src, "1125-090000-stopped1", "TERMINATED");
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("mount"), dir);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> kind.list(ectx));
      assertTrue(e.getMessage().contains("objects.mount.cluster_id"), e.getMessage());
    }
  }

  /** Every attribute the refresh reports equals the desired one (the rest come from variables). */
  private static void assertSubset(JsonNode refreshed, JsonNode desired) {
    refreshed.properties().forEach(e -> {
      if (e.getValue().isObject()) {
        assertSubset(e.getValue(), desired.get(e.getKey()));
      } else {
        assertEquals(desired.get(e.getKey()), e.getValue(), e.getKey());
      }
    });
  }
}
