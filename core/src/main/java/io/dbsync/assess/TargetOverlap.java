package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.config.ExportConfig;
import io.dbsync.export.Exporter;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.SourceObject;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Objects the target already has: the target listed with the same configuration, and the names it
 * gets compared with the files of the source's export, folder by folder. A name is the object's
 * natural key (scope, user, path, ...), so a match is an object the import adopts instead of creating;
 * kinds without a natural key (clusters, jobs) carry their id in the name and never match.
 */
final class TargetOverlap {
  private static final String SUFFIX = ".tf.json";

  private TargetOverlap() {}

  static List<Assessment.Adoption> check(WorkspaceClient target, ExportConfig config, KindRegistry kinds, int parallelism,
                                         Path sourceExports, Path scratch, List<String> notes)
      throws IOException, InterruptedException {
    Map<String, Set<String>> targetNames = new TreeMap<>();
    for (Exporter.Listing l : new Exporter(target, config, kinds, parallelism, null, null).listOnly(scratch)) {
      if (l.error() != null) {
        notes.add("target listing of " + l.kind().info().type() + " failed: " + l.error());
        continue;
      }
      Set<String> names = targetNames.computeIfAbsent(l.kind().info().directory(), d -> new TreeSet<>());
      l.objects().stream().map(SourceObject::name).forEach(names::add);
    }
    List<Assessment.Adoption> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : targetNames.entrySet()) {
      List<String> both = new ArrayList<>();
      for (String name : exportedNames(sourceExports.resolve(e.getKey()))) {
        if (e.getValue().contains(name)) {
          both.add(name);
        }
      }
      if (!both.isEmpty()) {
        out.add(new Assessment.Adoption(e.getKey(), both.size(), both.stream().limit(10).toList()));
      }
    }
    return out;
  }

  private static Set<String> exportedNames(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        out.add(n.substring(0, n.length() - SUFFIX.length()));
      }
    }
    return out;
  }
}
