package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * exports/<dir>/.source-ids.json: source id -> resource name per type, for the files of the
 * directory. When a kind's listing fails its files are kept, and this file lets references to those
 * objects still resolve to "${type.name.attr}" instead of degrading to raw ids (which would be a
 * false change in every referring file). Terraform ignores it (not *.tf.json).
 */
final class SourceIds {
  static final String FILE = ".source-ids.json";

  private SourceIds() {}

  /** Adds the previous run's ids of {@code type} found in {@code kindDir} to the index. */
  static void load(Path kindDir, String type, ReferenceIndex index) {
    Path f = kindDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return;
    }
    try {
      JsonNode ids = TfJson.read(Files.readAllBytes(f)).path(type);
      ids.properties().forEach(e -> {
        if (e.getValue().isTextual() && ExportPaths.isIdentifier(e.getValue().asText())) {
          index.putIfAbsent(type, e.getKey(), e.getValue().asText());
        }
      });
    } catch (IOException e) {
      // unreadable: references to that kind fall back to raw ids, with warnings
    }
  }

  /** Writes the ids file of every directory whose kinds all listed, from the objects that have a file. */
  static void write(Path exportsDir, List<Kind> listed, Set<String> failedDirs, Map<Kind, List<SourceObject>> named,
                    Set<Path> written, Set<Path> kept) throws IOException {
    Map<String, ObjectNode> docs = new TreeMap<>();
    for (Kind k : listed) {
      if (failedDirs.contains(k.info().directory())) {
        continue;
      }
      Path dir = exportsDir.resolve(k.info().directory());
      ObjectNode doc = docs.computeIfAbsent(k.info().directory(), d -> TfJson.object());
      for (SourceObject o : named.get(k)) {
        Path file = dir.resolve(o.name() + ExportPaths.SUFFIX);
        if (written.contains(file) || (kept.contains(file) && Files.isRegularFile(file))) {
          ObjectNode byType = doc.has(k.info().type()) ? (ObjectNode) doc.get(k.info().type()) : doc.putObject(k.info().type());
          byType.put(o.id(), o.name());
        }
      }
    }
    for (Map.Entry<String, ObjectNode> e : docs.entrySet()) {
      Path dir = exportsDir.resolve(e.getKey());
      Path f = dir.resolve(FILE);
      if (e.getValue().isEmpty()) {
        Files.deleteIfExists(f);
      } else {
        ExportTree.writeIfChanged(f, TfJson.writeBytes(e.getValue()));
      }
    }
  }
}
