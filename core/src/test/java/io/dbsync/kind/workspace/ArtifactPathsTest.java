package io.dbsync.kind.workspace;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactPathsTest {
  @Test
  void plainSegmentsAreKept() {
    assertEquals("shared/etl/ingest.py", ArtifactPaths.relative("/shared/etl/ingest", ".py"));
    assertEquals("filestore/jars/lib-1.0.jar", ArtifactPaths.relative("/filestore/jars/lib-1.0.jar", ""));
    assertTrue(ArtifactPaths.relative("/Shared/etl/ingest", ".py").matches("Shared_[0-9a-f]{8}/etl/ingest\\.py"));
  }

  /** Review D7a: a notebook "x" (x.py) next to a folder "x.py/" must not meet it. */
  @Test
  void aFileNeverLandsWhereAFolderIs() {
    String notebook = ArtifactPaths.relative("/s/coll/x", ".py");
    String inFolder = ArtifactPaths.relative("/s/coll/x.py/y", ".py");
    assertEquals("s/coll/x.py", notebook);
    assertFalse(inFolder.startsWith(notebook + "/"), inFolder);
    assertFalse(ArtifactPaths.relative("/s/a.scala/b", "").startsWith(ArtifactPaths.relative("/s/a", ".scala") + "/"));
  }

  /** Review D7b: names that differ only by case get paths that differ on a case-insensitive checkout. */
  @Test
  void namesDifferingByCaseStayDistinctIgnoringCase() {
    List<String> paths = List.of("/Shared/Case/Report", "/Shared/Case/report", "/Shared/case/report", "/Shared/CASE/REPORT",
        "/FileStore/Case.csv", "/FileStore/case.csv", "/FileStore/case_0123abcd.csv", "/FileStore/x/report_1a2b3c4d");
    Set<String> folded = new HashSet<>();
    for (String p : paths) {
      String rel = ArtifactPaths.relative(p, p.startsWith("/Shared") ? ".py" : "");
      assertTrue(folded.add(rel.toLowerCase(Locale.ROOT)), "collides ignoring case: " + p + " -> " + rel);
      // no prefix of one path is another whole path (a file where a folder is)
      for (String other : folded) {
        assertFalse(other.startsWith(rel.toLowerCase(Locale.ROOT) + "/"), rel + " is a folder of " + other);
      }
    }
  }

  @Test
  void aPlainNameThatLooksMappedIsMappedToo() {
    assertTrue(ArtifactPaths.relative("/x/report_1a2b3c4d", "").matches("x/report_1a2b3c4d_[0-9a-f]{8}"));
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
    String rel = ArtifactPaths.relative("/filestore/my table #1.csv", "");
    assertTrue(rel.matches("filestore/my_table_1_[0-9a-f]{8}\\.csv"), rel);
    assertTrue(ArtifactPaths.relative("/x/..hidden", ".py").matches("x/hidden_[0-9a-f]{8}\\.py"));
  }

  @Test
  void distinctNamesNeverCollide() {
    assertNotEquals(ArtifactPaths.relative("/x/a b", ""), ArtifactPaths.relative("/x/a_b", ""));
    assertNotEquals(ArtifactPaths.relative("/x/a b", ""), ArtifactPaths.relative("/x/a#b", ""));
    assertEquals(ArtifactPaths.relative("/x/a b", ""), ArtifactPaths.relative("/x/a b", ""));
  }
}
