package io.dbsync.export;

import java.io.IOException;
import java.util.regex.Pattern;

/** Layout of the exported tree and the checks that keep every file inside exports/<dir>/. */
final class ExportPaths {
  static final String EXPORTS = "exports";
  static final String DATA = "data";
  static final String MAIN = "main.tf.json";
  static final String VARIABLES = "variables.tf.json";
  static final String SUFFIX = ".tf.json";
  static final String MODULE_PREFIX = "${path.module}/";
  /** Terraform identifiers (resource, variable names); file names are built from them. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,199}");

  private ExportPaths() {}

  static boolean isIdentifier(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /** Kind directories are single plain segments. */
  static boolean isDirectoryName(String dir) {
    return dir != null && dir.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") && !dir.contains("..") && !dir.equals(DATA);
  }

  /**
   * A relative artifact path ('/' separates folders): no absolute paths, no '.' or '..' segments, no
   * empty segments, no control characters, and nothing Terraform would read as an interpolation.
   */
  static String checkRelative(String rel) throws IOException {
    if (rel == null || rel.isEmpty()) {
      throw new IOException("empty artifact path");
    }
    String p = rel;
    if (p.startsWith("/")) {
      throw new IOException("artifact path must be relative: " + rel);
    }
    for (String seg : p.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new IOException("artifact path has an empty, '.' or '..' segment: " + rel);
      }
    }
    for (int i = 0; i < p.length(); i++) {
      if (Character.isISOControl(p.charAt(i))) {
        throw new IOException("artifact path has a control character: " + rel.replaceAll("\\p{Cntrl}", "?"));
      }
    }
    if (p.contains("${") || p.contains("%{")) {
      throw new IOException("artifact path contains a Terraform template sequence: " + rel);
    }
    return p;
  }
}
