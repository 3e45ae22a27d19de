package io.dbsync.emulator;

import java.util.ArrayList;
import java.util.List;

/** The registry of emulated API families: adding a family is one line here. */
final class Families {
  private Families() {}

  static List<Family> all() {
    List<Family> all = new ArrayList<>();
    // one line per family, e.g. all.add(new io.dbsync.emulator.clusters.ClustersFamily());
    return all;
  }
}
