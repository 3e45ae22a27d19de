package io.dbsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The needs one translation collects: one per entry to add, with every address that needs it. */
final class Needs {
  private record Pending(String what, Set<String> where) {}

  private final Map<String, Pending> byEntry = new TreeMap<>();

  void add(String what, String entry, String address) {
    byEntry.computeIfAbsent(entry, e -> new Pending(what, new TreeSet<>())).where().add(address);
  }

  List<Need> list() {
    List<Need> out = new ArrayList<>();
    byEntry.forEach((entry, p) -> out.add(new Need(p.what(), entry, new ArrayList<>(p.where()))));
    return out;
  }

  /** A quoted YAML scalar (keys and values of entries: ARNs, emails and paths need quoting). */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
