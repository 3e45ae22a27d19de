package io.dbsync.cli;

import java.util.Locale;

/**
 * slf4j-simple reads its level from system properties when the first logger is created, so the
 * verbosity flag is applied by scanning the raw arguments before picocli (and any logger) runs.
 */
final class Logging {
  private Logging() {}

  /** The levels -v accepts (any case). */
  static final java.util.Set<String> LEVELS = java.util.Set.of("error", "critical", "warn", "warning", "info", "debug", "trace");

  /** The -v value that is not a level, or null when every one is (review D18: it fell back to INFO). */
  static String badLevel(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String v = null;
      if ((args[i].equals("-v") || args[i].equals("--verbosity")) && i + 1 < args.length) {
        v = args[i + 1];
      } else if (args[i].startsWith("--verbosity=")) {
        v = args[i].substring("--verbosity=".length());
      }
      if (v != null && !LEVELS.contains(v.toLowerCase(Locale.ROOT))) {
        return v;
      }
    }
    return null;
  }

  static void configureFrom(String[] args) {
    String level = "info";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("-v") || a.equals("--verbosity")) && i + 1 < args.length) {
        level = args[i + 1];
      } else if (a.startsWith("--verbosity=")) {
        level = a.substring("--verbosity=".length());
      } else if (a.equals("--debug")) {
        level = "debug";
      }
    }
    String normalized = switch (level.toLowerCase(Locale.ROOT)) {
      case "debug", "trace" -> level.toLowerCase(Locale.ROOT);
      case "warn", "warning" -> "warn";
      case "error", "critical" -> "error";
      default -> "info";
    };
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", normalized);
    // The SDK warns with stack traces about optional discovery (host metadata, OIDC), logs a token
    // refresh failure with a 189-line trace (review D15) and every request at debug: our own error
    // line says what matters, so it speaks only when debugging.
    System.setProperty("org.slf4j.simpleLogger.log.com.databricks.sdk",
        normalized.equals("trace") || normalized.equals("debug") ? "debug" : "off");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.http", "warn");
    // JGit's SSH client (Apache MINA sshd) logs its set-up at INFO on every connection
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd",
        normalized.equals("trace") || normalized.equals("debug") ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }
}
