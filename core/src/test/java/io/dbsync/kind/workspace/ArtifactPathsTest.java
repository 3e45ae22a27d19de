package io.dbsync.kind.workspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactPathsTest {
  @Test
  void plainSegmentsAreKept() {
    assertEquals("Shared/etl/ingest.py", ArtifactPaths.relative("/Shared/etl/ingest", ".py"));
    assertEquals("FileStore/jars/lib-1.0.jar", ArtifactPaths.relative("/FileStore/jars/lib-1.0.jar", ""));
  }

  @Test
  void riskySegmentsAreMappedAndHashed() {
    for (String odd : new String[] {"/a/../../etc/passwd", "/a/./b", "/x/my nb #1 %", "/x/ü", "/x/a\\b", "/x/C:", "/x/.git"}) {
      String rel = ArtifactPaths.relative(odd, ".py");
      Path resolved = Path.of("/data").resolve(rel).normalize();
      assertTrue(resolved.startsWith("/data"), odd + " -> " + rel);
      assertTrue(rel.matches("[A-Za-z0-9._/-]+"), rel);
      for (String seg : rel.split("/")) {
        assertTrue(!seg.equals("..") && !seg.equals(".") && !seg.startsWith("."), rel);
      }
    }
  }

  @Test
  void mappedNamesKeepTheirExtension() {
    String rel = ArtifactPaths.relative("/FileStore/my table #1.csv", "");
    assertTrue(rel.matches("FileStore/my_table_1_[0-9a-f]{8}\\.csv"), rel);
    assertTrue(ArtifactPaths.relative("/x/..hidden", ".py").matches("x/hidden_[0-9a-f]{8}\\.py"));
  }

  @Test
  void distinctNamesNeverCollide() {
    assertNotEquals(ArtifactPaths.relative("/x/a b", ""), ArtifactPaths.relative("/x/a_b", ""));
    assertNotEquals(ArtifactPaths.relative("/x/a b", ""), ArtifactPaths.relative("/x/a#b", ""));
    assertEquals(ArtifactPaths.relative("/x/a b", ""), ArtifactPaths.relative("/x/a b", ""));
  }
}
