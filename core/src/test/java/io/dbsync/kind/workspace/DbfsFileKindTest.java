package io.dbsync.kind.workspace;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.expectedRefresh;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbfsFileKindTest {
  /** 3.5 MB of random bytes: four 1 MB blocks, the last one short. */
  private static final byte[] BIG = new byte[3 * 1024 * 1024 + 512 * 1024 + 7];
  private static final byte[] SMALL = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

  private static TestWorkspace source;
  private static TestWorkspace target;
  private final DbfsFileKind kind = new DbfsFileKind();

  @BeforeAll
  static void start() throws Exception {
    new Random(7).nextBytes(BIG);
    source = TestWorkspace.start();
    target = TestWorkspace.start();
    Dbfs.upload(source.client(), "/FileStore/big/model.bin", new ByteArrayInputStream(BIG));
    Dbfs.upload(source.client(), "/FileStore/tables/my table #1.csv", new ByteArrayInputStream(SMALL));
    Dbfs.upload(source.client(), "/FileStore/tables/empty.txt", new ByteArrayInputStream(new byte[0]));
    Dbfs.upload(source.client(), "/FileStore/tmp/skip.txt", new ByteArrayInputStream(SMALL));
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  /** Reads a DBFS file back with plain 1 MB reads (independent of the kind's reader). */
  private static byte[] readBack(WorkspaceClient c, String path) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long offset = 0;
    while (true) {
      JsonNode r = Rest.get(c, "/api/2.0/dbfs/read", "path", path, "offset", Long.toString(offset), "length", "1048576");
      if (r.path("bytes_read").asLong() == 0) {
        return out.toByteArray();
      }
      out.write(Base64.getDecoder().decode(r.path("data").asText()));
      offset += r.path("bytes_read").asLong();
    }
  }

  @Test
  void streamsFilesOfAnySizeBothWays(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "dbfs_file",
        "{\"dbfs_path\": \"dbfs:/FileStore\", \"exclude_path\": \"/FileStore/tmp/**\"}", tmp);
    List<SourceObject> objects = kind.list(ctx);
    assertEquals(List.of("/FileStore/big/model.bin", "/FileStore/tables/empty.txt", "/FileStore/tables/my table #1.csv"),
        objects.stream().map(SourceObject::id).toList());

    source.emulator().requests().reset();
    List<ExportedResource> big = KindHarness.export(kind, ctx, objects.get(0));
    assertEquals(4, source.emulator().requests().route("GET /api/2.0/dbfs/read"), "1 MB reads, no extra call at the end");
    ObjectNode attrs = big.get(0).attrs();
    assertArrayEquals(BIG, Files.readAllBytes(ctx.artifactFile(attrs.get("source").asText())));
    assertGolden("dbfs_file/filestore_big_model_bin.tf.json", document(big));

    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    assertTrue(kind.adopt(apply, attrs).isEmpty());
    target.emulator().requests().reset();
    String id = kind.create(apply, attrs);
    assertEquals("/FileStore/big/model.bin", id);
    assertEquals(4, target.emulator().requests().route("POST /api/2.0/dbfs/add-block"));
    assertArrayEquals(BIG, readBack(target.client(), id));
    assertEquals(expectedRefresh(attrs, ctx), kind.refresh(apply, id).orElseThrow(), "round trip has zero diff");
    assertEquals(id, kind.adopt(apply, attrs).orElseThrow());

    kind.delete(apply, id, attrs);
    assertTrue(kind.refresh(apply, id).isEmpty());
    kind.delete(apply, id, attrs);
    assertTrue(kind.replaceOnAnyChange());
  }

  @Test
  void smallEmptyAndOddlyNamedFiles(@TempDir Path tmp) throws Exception {
    TestExportContext ctx = exportContext(source.client(), "dbfs_file", "{\"dbfs_path\": [\"/FileStore/tables\"]}", tmp);
    ApplyContext apply = KindHarness.applying(target.client()).artifactsOf(ctx);
    for (SourceObject o : kind.list(ctx)) {
      List<ExportedResource> exported = KindHarness.export(kind, ctx, o);
      ObjectNode attrs = exported.get(0).attrs();
      Path artifact = ctx.artifactFile(attrs.get("source").asText()).normalize();
      assertTrue(artifact.startsWith(tmp));
      assertGolden("dbfs_file/" + o.name() + ".tf.json", document(exported));
      String id = kind.create(apply, attrs);
      assertArrayEquals(Files.readAllBytes(artifact), readBack(target.client(), id));
      assertEquals(expectedRefresh(attrs, ctx), kind.refresh(apply, id).orElseThrow());
    }
  }
}
