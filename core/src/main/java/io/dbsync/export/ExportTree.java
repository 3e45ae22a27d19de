package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Refs;
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
  private static final Pattern DATA = Pattern.compile("\\bdata\\.(databricks_[a-z0-9_]+)\\.([A-Za-z_][A-Za-z0-9_-]*)\\b");

  /** What the *.tf.json files of a tree refer to. */
  static final class References {
    final Set<String> variables = new TreeSet<>();
    /** "type.name" of data sources. */
    final Set<String> dataSources = new TreeSet<>();
    /** Artifact paths relative to exports/ ("notebooks/data/x.py"). */
    final Set<String> artifacts = new TreeSet<>();
  }

  private ExportTree() {}

  /** Writes the bytes unless the file already has exactly them (keeps timestamps of unchanged files). */
  static void writeIfChanged(Path file, byte[] bytes) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
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
    References refs = new References();
    for (Path f : files) {
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
      String s = n.asText();
      int at = s.indexOf(ExportPaths.MODULE_PREFIX);
      while (at >= 0) {
        int start = at + ExportPaths.MODULE_PREFIX.length();
        int end = start;
        while (end < s.length() && s.charAt(end) != '"' && s.charAt(end) != ')') {
          end++;
        }
        refs.artifacts.add(s.substring(start, end));
        at = s.indexOf(ExportPaths.MODULE_PREFIX, end);
      }
      Matcher im = Refs.INTERPOLATION.matcher(s);
      while (im.find()) {
        String expr = im.group(1);
        Matcher v = VAR.matcher(expr);
        while (v.find()) {
          refs.variables.add(v.group(1));
        }
        Matcher d = DATA.matcher(expr);
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
   * (except those whose export failed) and artifacts no remaining file refers to; directories of
   * kinds that are not selected; stray files. Directories of kinds whose listing failed are not
   * touched. When every listing failed nothing is removed at all.
   *
   * @return the number of files kept in each directory whose listing failed
   */
  static Map<String, Integer> prune(ExportRunState run, Set<String> selectedDirs, Set<String> failedDirs,
                                    boolean nothingListed) throws IOException {
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
        if (!selectedDirs.contains(name)) {
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

  private static void pruneKindDir(ExportRunState run, Path kindDir) throws IOException {
    Set<Path> keep = new HashSet<>();
    keep.add(kindDir.resolve(SourceIds.FILE));
    for (Path f : children(kindDir)) {
      if (run.written.contains(f) || run.keptAfterFailure.contains(f)) {
        keep.add(f);
      }
    }
    References refs = scan(keep.stream().sorted().toList());
    for (String artifact : refs.artifacts) {
      Path p = run.exportsDir.resolve(artifact).normalize();
      if (p.startsWith(kindDir.resolve(ExportPaths.DATA))) {
        keep.add(p);
      }
    }
    pruneFiles(kindDir, keep);
    List<Path> left = children(kindDir);
    if (Files.isDirectory(kindDir) && (left.isEmpty() || left.equals(List.of(kindDir.resolve(SourceIds.FILE))))) {
      deleteRecursively(kindDir);
    }
  }
}
