package io.dbsync.bench;

import io.dbsync.export.ExportListener;
import io.dbsync.kind.Kind;

import java.io.PrintStream;

/** Export progress for a benchmark's verbose log: one line per kind listed and per failed object. */
final class ExportLog implements ExportListener {
  private final PrintStream out;

  ExportLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void listed(Kind kind, int objects, Exception error) {
    out.println(error != null ? "listing " + kind.info().type() + " failed: " + error.getMessage()
        : "listed " + kind.info().type() + ": " + objects + " objects");
  }

  @Override
  public void exported(Kind kind, String name, Exception error) {
    if (error != null) {
      out.println("failed " + kind.info().type() + " " + name + ": " + error.getMessage());
    }
  }
}
