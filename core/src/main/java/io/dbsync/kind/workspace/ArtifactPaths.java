package io.dbsync.kind.workspace;

import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative artifact paths (under exports/<kind>/data/) for workspace and DBFS paths. Every segment
 * is mapped on its own so the result mirrors the source tree, can never climb out of data/ ("..",
 * ".", absolute paths, backslashes) and is portable (no spaces, '#', '%', ':' or non-ASCII).
 *
 * <p>Distinct objects get paths that differ even on a case-insensitive checkout (macOS, Windows) and
 * a file never lands where a folder is: a segment is kept as it is only when it is plain, lower case
 * and does not look like a mapped one; a folder segment with a '.' is mapped too (a notebook "x"
 * becomes "x.py", which must not be the folder "x.py/"). A mapped segment keeps a readable base plus
 * an 8-hex hash of the original, so the mapping is a function of the path alone and stable.
 */
public final class ArtifactPaths {
  private static final Pattern EXTENSION = Pattern.compile("(?<=[^.])\\.[A-Za-z0-9]{1,10}$");
  private static final Pattern KEEP = Pattern.compile("[a-z0-9_][a-z0-9._-]{0,99}");
  /** What a mapped segment looks like: a kept segment must not, or the two could meet. */
  private static final Pattern MAPPED = Pattern.compile(".*_[0-9a-f]{8}(\\.[A-Za-z0-9]{1,10})?");

  private ArtifactPaths() {}

  /** "/Users/a@b.com/my nb" + ".py" -> "Users_1f2e3d4c/a_b.com_1a2b3c4d/my_nb_5e6f7a8b.py". */
  public static String relative(String absolutePath, String extension) {
    List<String> segments = new ArrayList<>();
    for (String seg : absolutePath.split("/")) {
      if (!seg.isEmpty()) {
        segments.add(seg);
      }
    }
    if (segments.isEmpty()) {
      segments.add("_root");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < segments.size() - 1; i++) {
      out.add(folder(segments.get(i)));
    }
    out.add(segment(segments.get(segments.size() - 1)) + extension);
    return String.join("/", out);
  }

  private static boolean plain(String seg) {
    return KEEP.matcher(seg).matches() && !seg.endsWith(".") && !MAPPED.matcher(seg).matches();
  }

  /** A folder segment: plain names without '.' stay, anything else gets its hash. */
  static String folder(String seg) {
    if (plain(seg) && !seg.contains(".")) {
      return seg;
    }
    return base(seg) + Names.hash8(seg);
  }

  /** A file's last segment: plain names stay; others get a hash and keep a plain extension last. */
  static String segment(String seg) {
    if (plain(seg)) {
      return seg;
    }
    // keep a plain extension last ("my table.csv" -> "my_table_<hash>.csv") so tools still recognise the file
    Matcher ext = EXTENSION.matcher(seg);
    String stem = ext.find() ? seg.substring(0, ext.start()) : seg;
    String suffix = stem.length() < seg.length() ? seg.substring(stem.length()) : "";
    return base(stem) + Names.hash8(seg) + suffix;
  }

  /** The readable part of a mapped segment, with its separating '_' ("" for nothing readable). */
  private static String base(String text) {
    String base = text.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._-]+", "").replaceAll("[.]+$", "");
    if (base.length() > 64) {
      base = base.substring(0, 64);
    }
    return base.isEmpty() ? "_" : base + "_";
  }
}
