package io.dbsync.kind.workspace;

import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative artifact paths (under exports/<kind>/data/) for workspace and DBFS paths. Every segment
 * is mapped on its own so the result mirrors the source tree, can never climb out of data/ ("..",
 * ".", absolute paths, backslashes) and is portable (no spaces, '#', '%', ':' or non-ASCII). A
 * segment that had to change gets an 8-hex hash of the original so distinct names never collide.
 */
public final class ArtifactPaths {
  private static final Pattern EXTENSION = Pattern.compile("(?<=[^.])\\.[A-Za-z0-9]{1,10}$");
  private static final Pattern KEEP = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

  private ArtifactPaths() {}

  /** "/Users/a@b.com/my nb" + ".py" -> "Users/a_b.com_1a2b3c4d/my_nb_5e6f7a8b.py". */
  public static String relative(String absolutePath, String extension) {
    List<String> out = new ArrayList<>();
    for (String seg : absolutePath.split("/")) {
      if (!seg.isEmpty()) {
        out.add(segment(seg));
      }
    }
    if (out.isEmpty()) {
      out.add(segment("_root"));
    }
    int last = out.size() - 1;
    out.set(last, out.get(last) + extension);
    return String.join("/", out);
  }

  static String segment(String seg) {
    if (KEEP.matcher(seg).matches() && !seg.endsWith(".")) {
      return seg;
    }
    // keep a plain extension last ("my table.csv" -> "my_table_<hash>.csv") so tools still recognise the file
    Matcher ext = EXTENSION.matcher(seg);
    String stem = ext.find() ? seg.substring(0, ext.start()) : seg;
    String suffix = stem.length() < seg.length() ? seg.substring(stem.length()) : "";
    String base = stem.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._-]+", "").replaceAll("[.]+$", "");
    if (base.length() > 64) {
      base = base.substring(0, 64);
    }
    return (base.isEmpty() ? "_" : base + "_") + Names.hash8(seg) + suffix;
  }
}
