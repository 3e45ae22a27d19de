package io.dbsync.apply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportApplyContextTest {
  @TempDir
  Path tmp;

  @Test
  void opensArtifactsInsideTheExportsDirOnly() throws Exception {
    Path exports = Files.createDirectories(tmp.resolve("exports"));
    Files.createDirectories(exports.resolve("dbfs_file/data"));
    Files.writeString(exports.resolve("dbfs_file/data/a.txt"), "abc");
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    ImportApplyContext ctx = new ImportApplyContext(null, exports, true);

    try (InputStream in = ctx.openArtifact("${path.module}/dbfs_file/data/a.txt")) {
      assertEquals("abc", new String(in.readAllBytes()));
    }
    assertEquals(3, ctx.artifactSize(exports.resolve("dbfs_file/data/a.txt").toString()));
    assertThrows(IOException.class, () -> ctx.openArtifact("${path.module}/../outside.txt"));
    assertThrows(IOException.class, () -> ctx.openArtifact(tmp.resolve("outside.txt").toString()));
    assertThrows(IOException.class, () -> ctx.openArtifact("${path.module}/dbfs_file/data/missing.txt"));
    assertTrue(ctx.passive());
    assertSame(io.dbsync.kind.RefreshRendering.INSTANCE, ctx.rendering());
  }
}
