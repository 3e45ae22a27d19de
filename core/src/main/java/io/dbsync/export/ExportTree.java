package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.expr.EvalException;
import io.dbsync.tf.expr.Expressions;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File operations on the exports/ tree: change-only writes, pruning, and scanning what files refer to. */
final class ExportTree {
  private static final Pattern VAR = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_-]*)");
  private static final String MODULE = "path.module";
  private static final Pattern DATA = Pattern.compile("\\bdata\\.(databricks_[a-z0-9_]+)\\.([A-Za-z_][A-Za-z0-9_-]*)\\b");

  /** What the *.tf.json files of a tree refer to. */
  static final class References {
    /** Refers to nothing; never changed. */
    static final References NONE = new References();

    final Set<String> variables = new TreeSet<>();
    /** "type.name" of data sources. */
    final Set<String> dataSources = new TreeSet<>();
    /** Artifact paths relative to exports/ ("notebooks/data/x.py"). */
    final Set<String> artifacts = new TreeSet<>();

    /** What one file's document refers to, found in memory as a scan of the written file would find it. */
    static References of(JsonNode document) {
      References refs = new References();
      walk(document, refs);
      return refs.variables.isEmpty() && refs.dataSources.isEmpty() && refs.artifacts.isEmpty() ? NONE : refs;
    }

    void addAll(References other) {
      variables.addAll(other.variables);
      dataSources.addAll(other.dataSources);
      artifacts.addAll(other.artifacts);
    }
  }

  private ExportTree() {}

  /**
   * Writes the bytes unless the file already has exactly them (keeps timestamps of unchanged files);
   * returns whether it wrote.
   */
  static boolean writeIfChanged(Path file, byte[] bytes) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static List<Path> children(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  /** All *.tf.json files under the tree, sorted. */
  static List<Path> tfFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(ExportPaths.SUFFIX))
          .filter(p -> !root.relativize(p).toString().contains("/" + ExportPaths.DATA + "/"))
          .sorted().toList();
    }
  }

  /** Scans *.tf.json files for ${var.x}, ${data.type.name...} and "${path.module}/..." artifacts. */
  static References scan(List<Path> files) throws IOException {
    return scan(files, Map.of());
  }

  /** As {@link #scan(List)}, taking what {@code known} holds for a file (written this run) instead of reading it. */
  static References scan(Collection<Path> files, Map<Path, References> known) throws IOException {
    References refs = new References();
    for (Path f : files) {
      References inMemory = known.get(f);
      if (inMemory != null) {
        refs.addAll(inMemory);
        continue;
      }
      JsonNode doc;
      try {
        doc = TfJson.read(Files.readAllBytes(f));
      } catch (IOException e) {
        continue; // an unreadable kept file refers to nothing we can know about
      }
      walk(doc, refs);
    }
    return refs;
  }

  private static void walk(JsonNode n, References refs) {
    if (n.isTextual()) {
      // escape-aware: a literal "$${var.x}" from the source refers to nothing
      List<Expressions.Part> parts;
      try {
        parts = Expressions.parts(n.asText());
      } catch (EvalException e) {
        return; // a malformed value (in a file kept from an older run) refers to nothing we can know
      }
      for (int i = 0; i < parts.size(); i++) {
        Expressions.Part p = parts.get(i);
        if (!p.expression()) {
          continue;
        }
        if (p.text().equals(MODULE) && i + 1 < parts.size() && !parts.get(i + 1).expression()
            && parts.get(i + 1).text().startsWith("/")) {
          refs.artifacts.add(parts.get(i + 1).text().substring(1));
        }
        Matcher v = VAR.matcher(p.text());
        while (v.find()) {
          refs.variables.add(v.group(1));
        }
        Matcher d = DATA.matcher(p.text());
        while (d.find()) {
          refs.dataSources.add(d.group(1) + "." + d.group(2));
        }
      }
    } else if (n.isContainerNode()) {
      n.forEach(c -> walk(c, refs));
    }
  }

  /** Deletes files under {@code dir} not in {@code keep}, then empty folders (never {@code dir} itself). */
  private static int pruneFiles(Path dir, Set<Path> keep) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    int removed = 0;
    for (Path f : files) {
      if (!keep.contains(f)) {
        Files.delete(f);
        removed++;
      }
    }
    removeEmptyDirs(dir, false);
    return removed;
  }

  private static boolean removeEmptyDirs(Path dir, boolean deleteSelf) throws IOException {
    boolean empty = true;
    for (Path c : children(dir)) {
      if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
        if (!removeEmptyDirs(c, true)) {
          empty = false;
        }
      } else {
        empty = false;
      }
    }
    if (empty && deleteSelf) {
      Files.delete(dir);
      return true;
    }
    return empty;
  }

  /**
   * Removes what no longer exists: in each selected directory, files of objects not written this run
   * (except those whose export failed) and artifacts no remaining file refers to; stray files; with
   * {@code pruneUnselected}, directories of kinds the config does not select (kept otherwise: leaving a
   * kind out of the config is not deleting its objects). Directories of kinds whose listing failed are not
   * touched. When every listing failed nothing is removed at all.
   *
   * @return the number of files kept in each directory whose listing failed
   */
  static Map<String, Integer> prune(ExportRunState run, Set<String> selectedDirs, Set<String> failedDirs,
                                    boolean nothingListed, boolean pruneUnselected) throws IOException {
    Map<String, Integer> keptPerDir = new HashMap<>();
    for (String dir : failedDirs) {
      keptPerDir.put(dir, tfFiles(run.exportsDir.resolve(dir)).size());
    }
    if (nothingListed) {
      return keptPerDir;
    }
    for (Path child : children(run.exportsDir)) {
      String name = child.getFileName().toString();
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        if (!selectedDirs.contains(name) && pruneUnselected) {
          deleteRecursively(child);
        }
      } else if (!name.equals(ExportPaths.MAIN) && !name.equals(ExportPaths.VARIABLES)) {
        Files.delete(child);
      }
    }
    for (String dir : selectedDirs) {
      if (!failedDirs.contains(dir)) {
        pruneKindDir(run, run.exportsDir.resolve(dir));
      }
    }
    return keptPerDir;
  }

  /**
   * The selected, listed directories whose pruning would remove a share of their object files that
   * the safeguards do not allow, with the counts.
   */
  static List<MassDeletionException.Removal> massRemovals(ExportRunState run, Set<String> selectedDirs,
                                                          Set<String> failedDirs, Safeguards safeguards) throws IOException {
    List<MassDeletionException.Removal> out = new ArrayList<>();
    for (String dir : selectedDirs) {
      if (failedDirs.contains(dir)) {
        continue;
      }
      List<Path> before = run.filesBefore.getOrDefault(dir, List.of());
      int existing = before.size();
      int removed = 0;
      for (Path f : before) {
        if (!run.written.contains(f) && !run.keptAfterFailure.contains(f)) {
          removed++;
        }
      }
      if (safeguards.blocks(removed, existing)) {
        out.add(new MassDeletionException.Removal(dir, removed, existing));
      }
    }
    return out;
  }

  private static boolean isMetadata(Path kindDir, Path file) {
    return file.equals(kindDir.resolve(SourceIds.FILE)) || file.equals(kindDir.resolve(SourceMeta.FILE));
  }

  /**
   * What the tree's *.tf.json files other than main.tf.json and variables.tf.json refer to, once pruned
   * ({@code prunedDirs}): a pruned directory's config files are then its object files, and those this
   * run wrote are taken from memory ({@link ExportRunState#references}); every other file is read.
   */
  static References treeReferences(ExportRunState run, Set<String> prunedDirs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path child : children(run.exportsDir)) {
      String name = child.getFileName().toString();
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        files.addAll(prunedDirs.contains(name) ? objectFiles(child) : tfFiles(child));
      } else if (name.endsWith(ExportPaths.SUFFIX) && !name.equals(ExportPaths.MAIN)
          && !name.equals(ExportPaths.VARIABLES)) {
        files.add(child);
      }
    }
    return scan(files, run.references);
  }

  /** The object files (*.tf.json) directly in a kind directory. */
  static List<Path> objectFiles(Path kindDir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path f : children(kindDir)) {
      if (f.getFileName().toString().endsWith(ExportPaths.SUFFIX) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        out.add(f);
      }
    }
    return out;
  }

  private static void pruneKindDir(ExportRunState run, Path kindDir) throws IOException {
    Set<Path> keep = new HashSet<>();
    keep.add(kindDir.resolve(SourceIds.FILE));
    keep.add(kindDir.resolve(SourceMeta.FILE));
    for (Path f : children(kindDir)) {
      if (run.keptAfterFailure.contains(f)) {
        keep.add(f);
      }
    }
    for (Path f : run.written) {
      if (f.startsWith(kindDir)) {
        keep.add(f); // object files, and the extra files kinds wrote (ExportContext.writeFile)
      }
    }
    // the exporter's metadata files (.source-ids.json, .source-meta.json) hold names and source
    // values, never expressions: only config and the kinds' extra files can refer to artifacts
    List<Path> referring = keep.stream().filter(f -> !isMetadata(kindDir, f)).toList();
    References refs = scan(referring, run.references);
    for (String artifact : refs.artifacts) {
      Path p = run.exportsDir.resolve(artifact).normalize();
      if (p.startsWith(kindDir.resolve(ExportPaths.DATA))) {
        keep.add(p);
      }
    }
    pruneFiles(kindDir, keep);
    // a folder left with metadata dot-files only (.source-ids.json, a kind's .metastore.json) has no objects
    boolean onlyMetadata = children(kindDir).stream()
        .allMatch(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && p.getFileName().toString().startsWith("."));
    if (Files.isDirectory(kindDir) && onlyMetadata) {
      deleteRecursively(kindDir);
    }
  }
}
