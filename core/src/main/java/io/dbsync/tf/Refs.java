package io.dbsync.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terraform interpolation strings: "${databricks_cluster.etl.id}", "${var.x}",
 * "${data.databricks_group.admins.id}", "${path.module}". Export writes them; import parses them.
 */
public final class Refs {
  /** Any ${...} expression. */
  public static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");
  /** A resource attribute reference inside an expression: type.name.attr. */
  public static final Pattern RESOURCE_REF = Pattern.compile("\\b(databricks_[a-z_0-9]+)\\.([A-Za-z_][A-Za-z0-9_-]*)\\.([a-z_0-9]+)\\b");

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

  /** Addresses ("type.name") of resources an attribute value refers to (not data sources). */
  public static List<String> referencedAddresses(String value) {
    List<String> out = new ArrayList<>();
    Matcher m = INTERPOLATION.matcher(value);
    while (m.find()) {
      String expr = m.group(1);
      Matcher r = RESOURCE_REF.matcher(expr);
      while (r.find()) {
        int start = r.start();
        if (start >= 5 && expr.startsWith("data.", start - 5)) {
          continue;
        }
        out.add(r.group(1) + "." + r.group(2));
      }
    }
    return out;
  }
}
