package io.dbsync.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A PrintStream that prefixes every line with the seconds since it was created: the export's
 * progress log then shows when listing ended and objects started, i.e. where a phase's time went.
 */
final class TimestampedLog extends OutputStream {
  private final PrintStream target;
  private final String prefix;
  private final long start = System.nanoTime();
  private final StringBuilder line = new StringBuilder();

  private TimestampedLog(PrintStream target, String prefix) {
    this.target = target;
    this.prefix = prefix;
  }

  static PrintStream to(PrintStream target, String prefix) {
    return new PrintStream(new TimestampedLog(target, prefix), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      target.printf("%s %7.2fs %s%n", prefix, (System.nanoTime() - start) / 1e9, line);
      line.setLength(0);
    } else {
      line.append((char) b);
    }
  }
}
