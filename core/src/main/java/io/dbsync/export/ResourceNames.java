package io.dbsync.export;

import io.dbsync.kind.Kind;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resource (and file) names of the listed objects, registered in the reference index. */
final class ResourceNames {
  private ResourceNames() {}

  /**
   * Final resource names: a kind's name when it is a valid identifier, else Names.safe of it; names
   * that collide within one directory (two kinds may share it) all get a hash of their id appended,
   * so no file overwrites another. Duplicate ids in one listing are exported once.
   */
  static Map<Kind, List<SourceObject>> assign(List<Exporter.Listing> listings, ReferenceIndex index) {
    Map<String, Map<String, Integer>> usesPerDir = new HashMap<>();
    Map<Kind, List<SourceObject>> cleaned = new LinkedHashMap<>();
    for (Exporter.Listing l : listings) {
      if (l.error() != null) {
        continue;
      }
      Map<String, SourceObject> byId = new LinkedHashMap<>();
      for (SourceObject o : l.objects()) {
        if (o == null || o.id() == null) {
          continue;
        }
        String name = ExportPaths.isIdentifier(o.name()) ? o.name() : Names.safe(o.name() == null ? o.id() : o.name());
        byId.putIfAbsent(o.id(), new SourceObject(o.id(), name, o.details()));
      }
      List<SourceObject> objs = new ArrayList<>(byId.values());
      cleaned.put(l.kind(), objs);
      Map<String, Integer> uses = usesPerDir.computeIfAbsent(l.kind().info().directory(), d -> new HashMap<>());
      objs.forEach(o -> uses.merge(o.name(), 1, Integer::sum));
    }
    for (Map.Entry<Kind, List<SourceObject>> e : cleaned.entrySet()) {
      KindInfo kind = e.getKey().info();
      Map<String, Integer> uses = usesPerDir.get(kind.directory());
      List<SourceObject> renamed = new ArrayList<>();
      for (SourceObject o : e.getValue()) {
        String name = uses.get(o.name()) > 1 ? o.name() + "_" + Names.hash8(kind.type() + "/" + o.id()) : o.name();
        renamed.add(new SourceObject(o.id(), name, o.details()));
        index.put(kind.type(), o.id(), name);
      }
      e.setValue(renamed);
    }
    return cleaned;
  }
}
