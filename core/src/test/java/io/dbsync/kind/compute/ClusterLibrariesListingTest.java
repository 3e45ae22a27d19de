package io.dbsync.kind.compute;

import com.databricks.sdk.core.http.Request;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exporting clusters reads every cluster's libraries with one all-cluster-statuses call. */
class ClusterLibrariesListingTest {
  @TempDir
  Path tmp;

  @Test
  void librariesOfAllListedClustersComeFromOneCall() throws Exception {
    try (TestWorkspace ws = TestWorkspace.start()) {
      for (int i = 0; i < 3; i++) {
        Map<?, ?> created = ws.client().apiClient().execute(new Request("POST", "/api/2.1/clusters/create",
            "{\"cluster_name\": \"c" + i + "\", \"spark_version\": \"15.4.x-scala2.12\", \"node_type_id\": \"i3.xlarge\", \"num_workers\": 1}"),
            HashMap.class);
        ws.client().apiClient().execute(new Request("POST", "/api/2.0/libraries/install",
            "{\"cluster_id\": \"" + created.get("cluster_id") + "\", \"libraries\": [{\"pypi\": {\"package\": \"lib" + i + "\"}}]}"),
            HashMap.class);
      }
      ws.emulator().requests().reset();
      ClusterKind kind = new ClusterKind();
      TestExportContext ctx = new TestExportContext(ws.client(), KindSettings.empty("cluster"), tmp);
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(3, listed.size());
      for (SourceObject o : listed) {
        ExportedResource cluster = KindHarness.export(kind, ctx, o).get(0);
        String name = cluster.attrs().get("cluster_name").asText();
        assertEquals("lib" + name.substring(1), cluster.attrs().get("library").get(0).get("pypi").get("package").asText(),
            "each cluster gets its own libraries");
      }
      assertEquals(1, ws.emulator().requests().route("GET /api/2.0/libraries/all-cluster-statuses"));
      assertEquals(0, ws.emulator().requests().route("GET /api/2.0/libraries/cluster-status"));
    }
  }
}
