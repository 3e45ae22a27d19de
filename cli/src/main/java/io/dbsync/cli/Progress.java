package io.dbsync.cli;

import io.dbsync.export.ExportListener;
import io.dbsync.kind.Kind;

import java.io.Console;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Export progress: on a terminal a one-line bar redrawn in place; otherwise (CI logs, pipes) plain
 * log lines: one per kind listed, one per failure, and one every 10% of objects.
 */
final class Progress implements ExportListener {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean bar;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile int total;
  private volatile int lastDecile = -1;

  Progress(PrintStream out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  /** A bar when the JVM has a console (an interactive terminal), log lines otherwise. */
  static Progress auto(PrintStream out) {
    return new Progress(out, isTerminal());
  }

  /**
   * System.console() is null without a terminal up to JDK 21; from JDK 22 it may be non-null for
   * redirected streams too, and Console.isTerminal() (not in the Java 21 API we compile against)
   * tells the difference, so it is called reflectively when present.
   */
  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public synchronized void listed(Kind kind, int objects, Exception error) {
    clearBar();
    if (error != null) {
      out.println("listing " + kind.info().type() + " failed: " + oneLine(error) + " (its previous files are kept)");
    } else {
      out.println("listed " + kind.info().type() + ": " + objects + " object" + (objects == 1 ? "" : "s"));
    }
    out.flush();
  }

  @Override
  public synchronized void exportStarted(int totalObjects) {
    total = totalObjects;
    if (!bar) {
      out.println("exporting " + totalObjects + " objects");
      out.flush();
    } else {
      draw();
    }
  }

  @Override
  public synchronized void exported(Kind kind, String name, Exception error) {
    int d = done.incrementAndGet();
    if (error != null) {
      failed.incrementAndGet();
      clearBar();
      out.println("failed " + kind.info().type() + " " + name + ": " + oneLine(error));
    }
    if (bar) {
      draw();
    } else if (total > 0) {
      int decile = d * 10 / total;
      if (decile > lastDecile && (decile > 0 || d == total)) {
        lastDecile = decile;
        out.println("exported " + d + "/" + total + " objects" + (failed.get() > 0 ? " (" + failed.get() + " failed)" : ""));
      }
    }
    out.flush();
  }

  @Override
  public synchronized void finished() {
    if (bar) {
      draw();
      out.println();
      out.flush();
    }
  }

  private void draw() {
    int t = Math.max(total, 1);
    int d = done.get();
    int filled = (int) ((long) d * WIDTH / t);
    out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + d + "/" + total + " objects"
        + (failed.get() > 0 ? ", " + failed.get() + " failed" : ""));
  }

  private void clearBar() {
    if (bar) {
      out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
    }
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
