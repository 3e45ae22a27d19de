package io.dbsync.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.RevisionFiles;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an object the import adopts (found in the target, not created by this run) becomes the
 * import's own (destroyed when it leaves the config) or stays foreign (only released). Review D10:
 * after a lost state or a second run, adopted copies of source objects were only released, so
 * deletions in the source never reached the target while their permissions were destroyed.
 *
 * <p>Owned: a create this import started (a pending mark), or an object the revision exported from
 * the source (its file is recorded in the revision's exports/&lt;dir&gt;/.source-ids.json, read from the revision's files, a folder or git objects) unless the kind says the
 * target has it of its own ({@link Kind#builtIn}: the admin user, default policies, workspace settings)
 * or already holds the source's own ({@link Kind#sharedWithSource}: a shared Unity Catalog metastore).
 * Foreign: hand-written resources, built-ins and shared objects.
 */
final class Ownership {
  private static final String SOURCE_IDS = ".source-ids.json";

  private final RevisionFiles revision;
  private final ApplyContext ctx;
  /** exports/&lt;dir&gt; -> the file names (without .tf.json) its source-id map records. */
  private final Map<String, Set<String>> recorded = new ConcurrentHashMap<>();

  Ownership(RevisionFiles revision, ApplyContext ctx) {
    this.revision = revision;
    this.ctx = ctx;
  }

  /** True when the adopted object stays foreign (released, never deleted). */
  boolean foreign(Kind kind, DesiredResource r, ObjectNode attrs, boolean pending) throws IOException {
    if (pending) {
      return false;
    }
    return !exportedFromSource(r) || kind.builtIn(ctx, attrs) || kind.sharedWithSource(ctx, attrs);
  }

  private boolean exportedFromSource(DesiredResource r) {
    if (r == null || r.dir() == null || r.file() == null) {
      return false;
    }
    String file = r.file().getFileName().toString();
    String stem = file.endsWith(".tf.json") ? file.substring(0, file.length() - ".tf.json".length()) : file;
    return recorded.computeIfAbsent(r.dir(), this::read).contains(stem);
  }

  private Set<String> read(String dir) {
    Set<String> names = new HashSet<>();
    String f = dir + "/" + SOURCE_IDS;
    try {
      if (revision.isFile(f)) {
        JsonNode doc;
        try (InputStream in = revision.open(f)) {
          doc = TfJson.read(in.readAllBytes());
        }
        doc.forEach(byType -> byType.forEach(name -> names.add(name.asText())));
      }
    } catch (IOException e) {
      // unreadable: nothing counts as exported, adopted objects stay foreign (the safe side)
    }
    return names;
  }
}
