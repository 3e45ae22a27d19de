package io.dbsync.cli;

import java.util.Locale;

/**
 * slf4j-simple reads its level from system properties when the first logger is created, so the
 * verbosity flag is applied by scanning the raw arguments before picocli (and any logger) runs.
 */
final class Logging {
  private Logging() {}

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
    // The SDK logs stack traces at ERROR for failures it also throws (a token it cannot get, optional
    // discovery) and every request at debug: our own error line says what matters, so it speaks only
    // when debugging.
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
