package io.dbsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a translation did, counted per kind of change ("node type i3.xlarge -> Standard_E4ds_v4: 3"). */
final class Summary {
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Map<String, String> dropped = new TreeMap<>();

  void count(String change) {
    counts.merge(change, 1, Integer::sum);
  }

  void dropped(String address, String reason) {
    dropped.putIfAbsent(address, reason);
  }

  boolean isDropped(String address) {
    return dropped.containsKey(address);
  }

  List<String> applied() {
    List<String> out = new ArrayList<>();
    counts.forEach((change, n) -> out.add(change + (n > 1 ? " (" + n + " places)" : "")));
    return out;
  }

  List<String> droppedLines() {
    List<String> out = new ArrayList<>();
    dropped.forEach((address, reason) -> out.add(address + ": " + reason));
    return out;
  }
}
