package io.dbsync.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Files added, modified and removed under exports/, grouped by the first folder (the kind
 * directory; files directly in exports/ are grouped as "(root)"). Paths are relative to exports/
 * and sorted, so the changelog of a run is deterministic. Changes to dot files (the exporter's
 * bookkeeping, e.g. .source-ids.json) are counted in {@code bookkeeping} but not listed.
 */
public record Changelog(List<DirChanges> dirs, int bookkeeping) {
  public static final String ROOT = "(root)";
  private static final int MAX_LISTED = 200;

  public record DirChanges(String dir, List<String> added, List<String> modified, List<String> removed) {
    public int total() {
      return added.size() + modified.size() + removed.size();
    }
  }

  public static final Changelog EMPTY = new Changelog(List.of(), 0);

  /**
   * Compares two snapshots of exports/ (relative path -> content id; any id that is equal for equal
   * content works, e.g. git blob ids).
   */
  public static Changelog between(Map<String, ?> before, Map<String, ?> after) {
    TreeMap<String, List<List<String>>> byDir = new TreeMap<>();
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    int hidden = 0;
    for (String p : paths) {
      Object b = before.get(p);
      Object a = after.get(p);
      int slot;
      if (b == null) {
        slot = 0;
      } else if (a == null) {
        slot = 2;
      } else if (!Objects.equals(a, b)) {
        slot = 1;
      } else {
        continue;
      }
      if (p.substring(p.lastIndexOf('/') + 1).startsWith(".")) {
        hidden++;
        continue;
      }
      int slash = p.indexOf('/');
      String dir = slash < 0 ? ROOT : p.substring(0, slash);
      byDir.computeIfAbsent(dir, d -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())).get(slot).add(p);
    }
    List<DirChanges> dirs = new ArrayList<>();
    byDir.forEach((d, l) -> dirs.add(new DirChanges(d, List.copyOf(l.get(0)), List.copyOf(l.get(1)), List.copyOf(l.get(2)))));
    return new Changelog(List.copyOf(dirs), hidden);
  }

  /** True when nothing changed at all (listed files nor bookkeeping). */
  public boolean isEmpty() {
    return dirs.isEmpty() && bookkeeping == 0;
  }

  public int added() {
    return dirs.stream().mapToInt(d -> d.added().size()).sum();
  }

  public int modified() {
    return dirs.stream().mapToInt(d -> d.modified().size()).sum();
  }

  public int removed() {
    return dirs.stream().mapToInt(d -> d.removed().size()).sum();
  }

  /** "3 added, 1 modified, 0 removed" or "no changes". */
  public String summary() {
    if (dirs.isEmpty()) {
      return bookkeeping == 0 ? "no changes" : "no object changes (exporter bookkeeping only)";
    }
    return added() + " added, " + modified() + " modified, " + removed() + " removed";
  }

  /** Plain text: one line per directory, then the files (a long list is cut at 200 per section). */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (DirChanges d : dirs) {
      sb.append(d.dir()).append(": ").append(d.added().size()).append(" added, ")
          .append(d.modified().size()).append(" modified, ").append(d.removed().size()).append(" removed\n");
      list(sb, "  A ", d.added());
      list(sb, "  M ", d.modified());
      list(sb, "  D ", d.removed());
    }
    return sb.length() == 0 ? summary() + "\n" : sb.toString();
  }

  private static void list(StringBuilder sb, String prefix, List<String> files) {
    int n = Math.min(files.size(), MAX_LISTED);
    for (int i = 0; i < n; i++) {
      sb.append(prefix).append(files.get(i)).append('\n');
    }
    if (files.size() > n) {
      sb.append(prefix).append("... and ").append(files.size() - n).append(" more\n");
    }
  }
}
