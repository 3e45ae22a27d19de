package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * exports/&lt;dir&gt;/.source-meta.json: for every artifact of the folder ("data/Shared/etl.py"), the
 * source metadata its content was read at (what the listing reports: modified time, size, language,
 * the export format...) and the sha256 of the file written. A later export whose listing reports the
 * same metadata, for an artifact whose file is still there with that hash, keeps the file and makes
 * no content read (notebook export, DBFS read, init script body). Anything else reads: no entry, a
 * different value, a field the API did not return (the kind passes no metadata then), a file removed
 * or edited by hand. The file holds only what the source reported (sorted keys, no time of the
 * export run), so it is byte-identical when nothing changed. Terraform ignores it (not *.tf.json).
 *
 * <p>Shared by the export's worker threads: both maps are concurrent.
 */
final class SourceMeta {
  static final String FILE = ".source-meta.json";
  private static final String SOURCE = "source";
  private static final String SHA256 = "sha256";

  private final Path exportsDir;
  /** Kind folder -> the previous export's entries, read once per folder on first use. */
  private final Map<Path, Map<String, JsonNode>> previous = new ConcurrentHashMap<>();
  /** Kind folder -> this run's entries, artifact path relative to the folder -> entry. */
  private final Map<Path, Map<String, ObjectNode>> current = new ConcurrentHashMap<>();

  SourceMeta(Path exportsDir) {
    this.exportsDir = exportsDir;
  }

  /**
   * True when the previous export wrote {@code artifact} (under {@code kindDir}) from content at
   * {@code source} and the file still has the hash it was written with; the entry is then carried
   * into this run's file. A null {@code source} is never current.
   */
  boolean reuse(Path kindDir, Path artifact, JsonNode source) throws IOException {
    if (source == null) {
      return false;
    }
    String rel = relative(kindDir, artifact);
    JsonNode before = previous(kindDir).get(rel);
    // compared as canonical text: the same number may parse as an int on one side and a long on the other
    if (before == null || !TfJson.write(source).equals(TfJson.write(before.path(SOURCE)))
        || !Files.isRegularFile(artifact, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String sha;
    try (InputStream in = Files.newInputStream(artifact)) {
      sha = RefreshRendering.sha256(in::transferTo);
    }
    if (!sha.equals(before.path(SHA256).asText())) {
      return false;
    }
    record(kindDir, artifact, source, sha);
    return true;
  }

  /** Records that {@code artifact} now holds the content read at {@code source} (null: nothing to record). */
  void record(Path kindDir, Path artifact, JsonNode source, String sha256) {
    if (source == null) {
      return;
    }
    ObjectNode entry = TfJson.object();
    entry.set(SOURCE, source.deepCopy());
    entry.put(SHA256, sha256);
    current.computeIfAbsent(kindDir, d -> new ConcurrentHashMap<>()).put(relative(kindDir, artifact), entry);
  }

  /**
   * Writes the file of every folder in {@code dirs} (listed this run, already pruned) from this run's
   * entries whose artifact is still there; a folder without entries loses its file. Folders whose
   * listing failed are not passed and keep theirs, untouched like the rest of their files.
   */
  void write(Set<String> dirs) throws IOException {
    for (String dir : dirs) {
      Path kindDir = exportsDir.resolve(dir);
      Map<String, ObjectNode> sorted = new TreeMap<>();
      current.getOrDefault(kindDir, Map.of()).forEach((rel, entry) -> {
        if (Files.isRegularFile(kindDir.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
          sorted.put(rel, entry);
        }
      });
      Path f = kindDir.resolve(FILE);
      if (sorted.isEmpty() || !Files.isDirectory(kindDir)) {
        Files.deleteIfExists(f);
        continue;
      }
      ObjectNode doc = TfJson.object();
      sorted.forEach(doc::set);
      ExportTree.writeIfChanged(f, TfJson.writeBytes(doc));
    }
  }

  private Map<String, JsonNode> previous(Path kindDir) {
    return previous.computeIfAbsent(kindDir, SourceMeta::load);
  }

  private static Map<String, JsonNode> load(Path kindDir) {
    Path f = kindDir.resolve(FILE);
    Map<String, JsonNode> out = new TreeMap<>();
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try {
      TfJson.read(Files.readAllBytes(f)).properties().forEach(e -> {
        if (e.getValue().isObject()) {
          out.put(e.getKey(), e.getValue());
        }
      });
    } catch (IOException e) {
      out.clear(); // unreadable: every artifact of the folder is read again
    }
    return out;
  }

  /** The artifact's path under its kind folder, '/'-separated ("data/Shared/etl.py"). */
  private static String relative(Path kindDir, Path artifact) {
    return kindDir.relativize(artifact).toString().replace('\\', '/');
  }
}
