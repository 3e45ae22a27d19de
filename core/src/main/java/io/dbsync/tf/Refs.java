package io.dbsync.tf;

import java.util.regex.Pattern;

/**
 * Terraform interpolation strings: "${databricks_cluster.etl.id}", "${var.x}",
 * "${data.databricks_group.admins.id}", "${path.module}". Export writes them; import parses them with
 * {@code tf.expr.Expressions}.
 */
public final class Refs {
  /** Any ${...} expression. */
  public static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");

  private Refs() {}

  public static String resource(String type, String name, String attr) {
    return "${" + type + "." + name + "." + attr + "}";
  }

  public static String var(String name) {
    return "${var." + name + "}";
  }

  public static String data(String type, String name, String attr) {
    return "${data." + type + "." + name + "." + attr + "}";
  }
}
