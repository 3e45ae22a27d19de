package io.dbsync.cli;

import java.util.Map;

/** The process environment, replaceable by tests (the JVM's own cannot be changed in-process). */
final class Env {
  private static volatile Map<String, String> current = System.getenv();

  private Env() {}

  static Map<String, String> get() {
    return current;
  }

  static void set(Map<String, String> env) {
    current = env;
  }
}
