package io.dbsync.cli;

import io.dbsync.kind.compute.ClusterKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
  @Test
  void progressWritesLogLinesWithoutATerminalAndABarWithOne() {
    ClusterKind k = new ClusterKind();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
    p.listed(k, 20, null);
    p.exportStarted(20);
    for (int i = 0; i < 20; i++) {
      p.exported(k, "c" + i, i == 3 ? new IllegalStateException("boom\nsecond line") : null);
    }
    p.finished();
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("listed databricks_cluster: 20 objects", lines.get(0));
    assertEquals("exporting 20 objects", lines.get(1));
    assertTrue(lines.contains("failed databricks_cluster c3: boom"), lines.toString());
    assertEquals("exported 20/20 objects (1 failed)", lines.get(lines.size() - 1));
    assertEquals(10 + 3, lines.size(), "one line per 10%: " + lines);

    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    Progress bar = new Progress(new PrintStream(tty, true, StandardCharsets.UTF_8), true);
    bar.exportStarted(4);
    for (int i = 0; i < 4; i++) {
      bar.exported(k, "c" + i, null);
    }
    bar.finished();
    String out = tty.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("\r[" + "#".repeat(30) + "] 4/4 objects"), out);
    assertTrue(out.contains("\r[" + "#".repeat(15) + ".".repeat(15) + "] 2/4 objects"), out);
  }
}
